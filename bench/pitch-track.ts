/**
 * A plain pitch tracker for the feature study (bench:bargein-features): per 10 ms hop, the
 * normalised autocorrelation of a 40 ms window over lags for 70-400 Hz (a low male voice to a
 * high female one); the best lag is the pitch when its correlation clears VOICED_R (a vowel or
 * nasal correlates 0.6-0.95, noise and fricatives well under 0.4).
 */
const HOP_MS = 10;
const WINDOW_MS = 40;
const MIN_HZ = 70;
const MAX_HZ = 400;
const VOICED_R = 0.45;

export interface PitchFrame {
  /** 0 when unvoiced. */
  f0Hz: number;
  levelDb: number;
}

export function pitchTrack(samples: Float32Array, rate: number): PitchFrame[] {
  const hop = Math.round((rate * HOP_MS) / 1000);
  const win = Math.round((rate * WINDOW_MS) / 1000);
  const minLag = Math.floor(rate / MAX_HZ);
  const maxLag = Math.ceil(rate / MIN_HZ);
  const out: PitchFrame[] = [];
  for (let start = 0; start + win + maxLag <= samples.length; start += hop) {
    let mean = 0;
    for (let i = 0; i < win; i++) mean += samples[start + i]!;
    mean /= win;
    let energy = 0;
    for (let i = 0; i < win; i++) energy += (samples[start + i]! - mean) ** 2;
    const levelDb = 10 * Math.log10(energy / win + 1e-12);
    if (energy < 1e-6 * win) {
      out.push({ f0Hz: 0, levelDb });
      continue;
    }
    let best = 0;
    let bestLag = 0;
    for (let lag = minLag; lag <= maxLag; lag++) {
      let xy = 0;
      let yy = 0;
      for (let i = 0; i < win; i++) {
        const a = samples[start + i]! - mean;
        const b = samples[start + i + lag]! - mean;
        xy += a * b;
        yy += b * b;
      }
      const r = xy / Math.sqrt(energy * yy + 1e-12);
      if (r > best) {
        best = r;
        bestLag = lag;
      }
    }
    out.push({ f0Hz: best >= VOICED_R ? rate / bestLag : 0, levelDb });
  }
  return out;
}

/** The interval from `from` to `to` in semitones (positive: `to` is higher). */
export function semitones(to: number, from: number): number {
  return to > 0 && from > 0 ? Math.round(12 * Math.log2(to / from) * 10) / 10 : 0;
}
