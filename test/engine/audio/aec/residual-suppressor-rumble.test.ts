/**
 * The residual suppressor's one broadband gain is folded from its per-bin gains, weighted by the error's power. A rumble
 * under the voice band (a room's hum, a mic's DC drift; in bench:echo's image-source rooms the echo's own near-DC part)
 * has no echo estimate under it, so its bins keep their power. Folded in, they held the gain at -3 to -8 dB over residual
 * echo that every voice bin put at the floor, and the gate after the canceller let that echo through as a voice.
 */
import { describe, expect, it } from 'vitest';
import { ResidualSuppressor } from '../../../../electron/engine/audio/aec/residual-suppressor.js';
import { BLOCK, ECHO_BINS, RATE, tones } from './helpers/bin-tones.js';

/** The gain (dB) over the last 10 blocks of echo alone, the filter's residual 20 dB under the echo, plus a `hz` rumble of `amplitude` in the error. */
function gainsDb(hz: number, amplitude: number): number[] {
  const s = new ResidualSuppressor(BLOCK, RATE);
  const out: number[] = [];
  for (let b = 0; b < 20; b++) {
    const echo = tones(ECHO_BINS, 0.05, b);
    const error = tones(ECHO_BINS, 0.005, b);
    for (let i = 0; i < BLOCK; i++) error[i]! += amplitude * Math.cos((2 * Math.PI * hz * (b * BLOCK + i)) / RATE);
    const gain = s.nextGain(error, echo, true);
    if (b >= 10) out.push(20 * Math.log10(gain));
  }
  return out;
}

describe('ResidualSuppressor: a rumble under the voice band', () => {
  it('leaves the gain deep over echo alone, the rumble at the residual’s level (DC, 20 Hz)', () => {
    expect(Math.max(...gainsDb(0, 0.005))).toBeLessThan(-30);
    expect(Math.max(...gainsDb(20, 0.005))).toBeLessThan(-30);
  });

  it('leaves it deep under a DC offset 12 dB over the residual', () => {
    expect(Math.max(...gainsDb(0, 0.02))).toBeLessThan(-30);
  });

  it('still keeps a voice bin that stands over the residual (a low voice at 190 Hz)', () => {
    // Bin 3 (187.5 Hz) holds no echo: it is the user's, and the fold keeps it.
    const s = new ResidualSuppressor(BLOCK, RATE);
    let gain = 0;
    for (let b = 0; b < 20; b++) {
      const error = tones(ECHO_BINS, 0.005, b);
      if (b >= 10) {
        const user = tones([3], 0.03, b);
        for (let i = 0; i < BLOCK; i++) error[i]! += user[i]!;
      }
      gain = s.nextGain(error, tones(ECHO_BINS, 0.05, b), b < 10);
    }
    expect(20 * Math.log10(gain)).toBeGreaterThan(-3);
  });
});
