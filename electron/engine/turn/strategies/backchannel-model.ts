import { BackchannelClassifier, type UserLists, type Verdict } from '../backchannel/classify.js';
import { loadedPhraseModel } from '../backchannel/model/load.js';
import { BaseStrategy } from './strategy.js';

/**
 * Words: a turn of one's own (a question, a request, a negation, a force phrase) interrupts;
 * a backchannel in any combination ("oh wow", "that makes sense", "right right right") vetoes.
 * The user's phrase lists come first (backchannel/classify.ts); words the rules cannot place go to the bundled phrase
 * model (backchannel/model/) once the session has read it (model/load.ts): the rules decide alone until then.
 */
export class BackchannelModelStrategy extends BaseStrategy {
  readonly name = 'backchannelModel';
  private readonly classifier: BackchannelClassifier;
  private verdict: Verdict = { kind: 'unsure', reason: 'no words yet' };
  private text = '';
  private final = false;
  /** The person has stopped speaking (end of speech): a final asked at a pause in the voice no longer waits for more. */
  private stopped = false;

  constructor(lists: UserLists) {
    super();
    this.classifier = new BackchannelClassifier(lists, loadedPhraseModel);
  }

  override setText(text: string, final = false): void {
    this.text = text;
    this.final = final;
    this.verdict = this.judge();
  }

  setVoiceStopped(stopped: boolean): void {
    this.stopped = stopped;
    if (this.text !== '') this.verdict = this.judge();
  }

  private judge(): Verdict {
    return this.classifier.classify(this.text, this.final, this.stopped);
  }

  /** A final at a pause in the voice that decides only when the person stops ("got" of "got it", "no no" of "no no, go on"). */
  waitsForEnd(): boolean {
    return this.verdict.kind === 'unsure' && this.verdict.untilStopped === true;
  }

  shouldInterrupt(): boolean {
    return this.verdict.kind === 'interrupt';
  }

  vetoes(): boolean {
    return this.verdict.kind === 'backchannel';
  }

  /** The veto rests on words that may still become something else ("I" -> "I need"). */
  partialVeto(): boolean {
    return this.verdict.kind === 'backchannel' && this.verdict.partial === true;
  }

  explain(): string {
    return this.verdict.reason;
  }

  reset(): void {
    this.verdict = { kind: 'unsure', reason: 'no words yet' };
    this.text = '';
    this.final = false;
    this.stopped = false;
  }
}
