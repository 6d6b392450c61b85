import { PhraseMatcher } from '../text.js';
import { BaseStrategy } from './strategy.js';

/**
 * Phrase lists: a force phrase ("stop", "hold on") anywhere in the speech interrupts at once;
 * speech made only of acknowledgements ("okay", "yeah sure") vetoes interrupting.
 */
export class PhrasesStrategy extends BaseStrategy {
  readonly name = 'phrases';
  private readonly acknowledgements: PhraseMatcher;
  private readonly force: PhraseMatcher;
  private text = '';
  private final = false;

  constructor(options: { acknowledgementPhrases: readonly string[]; interruptionPhrases: readonly string[] }) {
    super();
    this.acknowledgements = new PhraseMatcher(options.acknowledgementPhrases);
    this.force = new PhraseMatcher(options.interruptionPhrases);
  }

  override setText(text: string, final = false): void {
    this.text = text;
    this.final = final;
  }

  /** The force phrase found in the speech so far, if any. */
  forcePhrase(): string | null {
    return this.force.findIn(this.text);
  }

  shouldInterrupt(): boolean {
    return this.forcePhrase() !== null;
  }

  vetoes(): boolean {
    if (this.forcePhrase() !== null) return false;
    // While the user is still speaking, "okay got" may be becoming "okay got it": keep the veto
    // until the words prove otherwise. A final transcript gets no such benefit of the doubt.
    return this.acknowledgements.coversAll(this.text, { allowPartialTail: !this.final });
  }

  reset(): void {
    this.text = '';
    this.final = false;
  }
}
