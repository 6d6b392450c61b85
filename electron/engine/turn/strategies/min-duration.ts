import { strategyParamProblem } from '../../../contract/settings/strategies.js';
import { frameDurationMs, type AudioFrame } from '../../audio/frame.js';
import { BaseStrategy, StrategyConfigError } from './strategy.js';

/** Interrupts once the user's speech (the audio fed since onset) lasts at least `minDurationMs`. */
export class MinDurationStrategy extends BaseStrategy {
  readonly name = 'minDuration';
  private speechMs = 0;

  constructor(readonly minDurationMs: number) {
    super();
    const problem = strategyParamProblem('minDuration', 'minDurationMs', minDurationMs);
    if (problem) throw new StrategyConfigError(problem);
  }

  override appendAudio(frame: AudioFrame): void {
    this.speechMs += frameDurationMs(frame);
  }

  shouldInterrupt(): boolean {
    return this.speechMs >= this.minDurationMs;
  }

  reset(): void {
    this.speechMs = 0;
  }
}
