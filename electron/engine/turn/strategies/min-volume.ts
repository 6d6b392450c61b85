import { strategyParamProblem } from '../../../contract/settings/strategies.js';
import type { AudioFrame } from '../../audio/frame.js';
import { BaseStrategy, StrategyConfigError } from './strategy.js';

/** Power of a full-scale sine is 0.5; we report plain RMS dBFS (full-scale square = 0 dBFS). */
export function rmsDbfs(sumSquares: number, count: number): number {
  if (count === 0 || sumSquares <= 0) return -Infinity;
  return 10 * Math.log10(sumSquares / count);
}

/** Interrupts once the RMS level of the user's speech so far reaches `minDbfs`. */
export class MinVolumeStrategy extends BaseStrategy {
  readonly name = 'minVolume';
  private sumSquares = 0;
  private count = 0;

  constructor(readonly minDbfs: number) {
    super();
    const problem = strategyParamProblem('minVolume', 'minDbfs', minDbfs);
    if (problem) throw new StrategyConfigError(problem);
  }

  override appendAudio(frame: AudioFrame): void {
    for (const s of frame.data) this.sumSquares += s * s;
    this.count += frame.data.length;
  }

  levelDbfs(): number {
    return rmsDbfs(this.sumSquares, this.count);
  }

  shouldInterrupt(): boolean {
    return this.levelDbfs() >= this.minDbfs;
  }

  reset(): void {
    this.sumSquares = 0;
    this.count = 0;
  }
}
