import { frameDurationMs, type AudioFrame } from '../../audio/frame.js';
import { StrategyConfigError, type InterruptionStrategy } from './strategy.js';

/** Interrupts once the user's speech (the audio fed since onset) lasts at least `minDurationMs`. */
export class MinDurationStrategy implements InterruptionStrategy {
  readonly name = 'minDuration';
  private speechMs = 0;

  constructor(readonly minDurationMs: number) {
    if (!Number.isFinite(minDurationMs) || minDurationMs < 0) {
      throw new StrategyConfigError(`minDurationMs must be 0 or more (got ${minDurationMs}).`);
    }
  }

  appendAudio(frame: AudioFrame): void {
    this.speechMs += frameDurationMs(frame);
  }

  setText(_text: string): void {}

  shouldInterrupt(): boolean {
    return this.speechMs >= this.minDurationMs;
  }

  reset(): void {
    this.speechMs = 0;
  }
}
