import type { AudioFrame } from '../../audio/frame.js';
import { wordCount } from '../text.js';
import { StrategyConfigError, type InterruptionStrategy } from './strategy.js';

/** Interrupts once the transcript of the user's speech has at least `minWords` words. */
export class MinWordsStrategy implements InterruptionStrategy {
  readonly name = 'minWords';
  private text = '';

  constructor(readonly minWords: number) {
    if (!Number.isInteger(minWords) || minWords <= 0) {
      throw new StrategyConfigError(`minWords must be a whole number greater than 0 (got ${minWords}).`);
    }
  }

  appendAudio(_frame: AudioFrame): void {}

  setText(text: string): void {
    this.text = text;
  }

  shouldInterrupt(): boolean {
    return wordCount(this.text) >= this.minWords;
  }

  reset(): void {
    this.text = '';
  }
}
