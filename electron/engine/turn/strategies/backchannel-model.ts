import { BackchannelClassifier, type UserLists, type Verdict } from '../backchannel/classify.js';
import { wordsOf } from '../text.js';
import { BaseStrategy } from './strategy.js';

/**
 * Words that lead into a noun or a clause and never end a backchannel: heard last, after one ("perfect, and the",
 * "right, the"), they are no evidence of it. The model counts them as short words that add nothing, which is right
 * once the person has stopped; while the voice may go on they only hold the veto (set E, realistic lag: the paused
 * agent went on at "and the" of "perfect, and the return trip" and at "the" of "right, the blue form", 320 ms before the cut).
 */
const LEADS_INTO_MORE = new Set(['the', 'a', 'an', 'and', 'or', 'but', 'your', 'our', 'these', 'those']);

/**
 * Words: a turn of one's own (a question, a request, a negation, a force phrase) interrupts;
 * a backchannel in any combination ("oh wow", "that makes sense", "right right right") vetoes.
 * The user's phrase lists come first (backchannel/classify.ts).
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
    this.classifier = new BackchannelClassifier(lists);
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
    const verdict = this.classifier.classify(this.text, this.final, this.stopped);
    if (verdict.kind !== 'backchannel' || verdict.partial === true || (this.final && this.stopped)) return verdict;
    const last = wordsOf(this.text).at(-1);
    if (last === undefined || !LEADS_INTO_MORE.has(last)) return verdict;
    return { kind: 'backchannel', partial: true, reason: `"${this.text.trim()}" ends on "${last}": it may lead into more` };
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
