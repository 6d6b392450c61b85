import type { AudioFrame } from '../../audio/frame.js';
import { PhraseMatcher } from '../text.js';
import type { InterruptionStrategy } from './strategy.js';

/**
 * Phrase lists: a force phrase ("stop", "hold on") anywhere in the speech interrupts at once;
 * speech made only of acknowledgements ("okay", "yeah sure") vetoes interrupting.
 */
export class PhrasesStrategy implements InterruptionStrategy {
  readonly name = 'phrases';
  private readonly acknowledgements: PhraseMatcher;
  private readonly force: PhraseMatcher;
  private text = '';

  constructor(options: { acknowledgementPhrases: readonly string[]; interruptionPhrases: readonly string[] }) {
    this.acknowledgements = new PhraseMatcher(options.acknowledgementPhrases);
    this.force = new PhraseMatcher(options.interruptionPhrases);
  }

  appendAudio(_frame: AudioFrame): void {}

  setText(text: string): void {
    this.text = text;
  }

  /** The force phrase found in the speech so far, if any. */
  forcePhrase(): string | null {
    return this.force.findIn(this.text);
  }

  shouldInterrupt(): boolean {
    return this.forcePhrase() !== null;
  }

  vetoes(): boolean {
    return this.forcePhrase() === null && this.acknowledgements.coversAll(this.text);
  }

  reset(): void {
    this.text = '';
  }
}
