import { describe, expect, it } from 'vitest';
import { ForegroundRemoval } from '../../../../electron/engine/audio/aec/foreground-removal.js';

const db = (v: number) => 10 ** (v / 10);

describe('ForegroundRemoval', () => {
  it('says the foreground removes the echo from 3 dB removed on echo-alone blocks without a voice', () => {
    const over = new ForegroundRemoval();
    const under = new ForegroundRemoval();
    for (let i = 0; i < 20; i++) {
      over.update(1, 1 / db(3.1), true, true);
      under.update(1, 1 / db(2.9), true, true);
    }
    expect(over.removes).toBe(true);
    expect(under.removes).toBe(false);
  });

  it('stops saying so on the second block the echo alone goes through (the path moved), not on the first', () => {
    const r = new ForegroundRemoval();
    for (let i = 0; i < 20; i++) r.update(1, 1e-3, true, true);
    r.update(1, 1, true, true);
    expect(r.removes).toBe(true);
    r.update(1, 1, true, true);
    expect(r.removes).toBe(false);
  });

  it('is not judged on blocks with a voice or with more than the echo: the user there is not echo the filter missed', () => {
    const r = new ForegroundRemoval();
    for (let i = 0; i < 20; i++) r.update(1, 1e-3, true, true);
    for (let i = 0; i < 20; i++) {
      r.update(1, 1, true, false);
      r.update(1, 1, false, true);
    }
    expect(r.removes).toBe(true);
  });
});
