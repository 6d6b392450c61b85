/**
 * A per-sample gain with linear ramps, for ducking the agent without clicks: the gain
 * moves by at most |target - start| / rampSamples per sample, never in one step.
 */
export class GainRamp {
  private gain = 1;
  private target = 1;
  private step = 0;

  constructor(private readonly sampleRate: number) {}

  get current(): number {
    return this.gain;
  }

  get targetGain(): number {
    return this.target;
  }

  /** Ramps to `targetGain` (linear amplitude) over `rampMs`; 0 ms jumps at once. */
  rampTo(targetGain: number, rampMs: number): void {
    if (!Number.isFinite(targetGain) || targetGain < 0) throw new RangeError(`GainRamp: gain must be a finite number >= 0, got ${targetGain}.`);
    if (!Number.isFinite(rampMs) || rampMs < 0) throw new RangeError(`GainRamp: rampMs must be a finite number >= 0, got ${rampMs}.`);
    this.target = targetGain;
    const rampSamples = Math.round((rampMs * this.sampleRate) / 1000);
    if (rampSamples === 0) {
      this.gain = targetGain;
      this.step = 0;
    } else {
      this.step = (targetGain - this.gain) / rampSamples;
    }
  }

  /** Applies the gain to mono samples in place, advancing the ramp one sample at a time. */
  apply(samples: Float32Array): void {
    if (this.step === 0 && this.gain === 1) return;
    for (let i = 0; i < samples.length; i++) {
      if (this.step !== 0) {
        this.gain += this.step;
        if ((this.step > 0 && this.gain >= this.target) || (this.step < 0 && this.gain <= this.target)) {
          this.gain = this.target;
          this.step = 0;
        }
      }
      samples[i] = samples[i]! * this.gain;
    }
  }
}

export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}
