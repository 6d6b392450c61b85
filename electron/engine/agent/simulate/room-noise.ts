/**
 * A room's steady noise at the simulated mic, reproducible sample by sample. White noise is
 * the plain test signal; real rooms are darker: ventilation, traffic and a computer's fan put
 * most of their power low (roughly pink, -3 dB per octave; a rumbling room nearer brown,
 * -6 dB per octave). Each colour is scaled to the asked RMS level.
 */
export const NOISE_COLOURS = ['white', 'pink', 'brown'] as const;
export type NoiseColour = (typeof NOISE_COLOURS)[number];

/** Pink: 16 octave rows (Voss-McCartney), so the -3 dB/octave slope holds from ~1 Hz up at 16 kHz. */
const PINK_ROWS = 16;
/** Brown: a leaky integrator; the leak (pole 0.995, corner ~13 Hz at 16 kHz) keeps it from drifting to DC. */
const BROWN_POLE = 0.995;

export class RoomNoise {
  private readonly gain: number;
  /** Coloured noise is filtered, so it is made in order from sample 0 and kept: any frame order gives the same samples. */
  private made = new Float32Array(0);
  private madeLength = 0;
  private readonly rows = new Float64Array(PINK_ROWS);
  private rowsSum = 0;
  private brown = 0;

  constructor(
    dbfs: number,
    private readonly colour: NoiseColour = 'white',
  ) {
    // Uniform values in [-1, 1) have variance 1/3; each colour's variance follows from its filter.
    const variance = colour === 'white' ? 1 / 3 : colour === 'pink' ? (PINK_ROWS + 1) / 3 : 1 / 3 / (1 - BROWN_POLE * BROWN_POLE);
    this.gain = 10 ** (dbfs / 20) / Math.sqrt(variance);
    // The slow rows start drawn, not at zero: the level holds from the first sample.
    for (let k = 0; k < PINK_ROWS; k++) this.rows[k] = uniformAt(-1 - k);
    this.rowsSum = this.rows.reduce((a, b) => a + b, 0);
  }

  /** The noise at sample index `i` (16 kHz from the scenario's start). */
  at(i: number): number {
    if (this.colour === 'white') return this.gain * uniformAt(i);
    while (this.madeLength <= i) this.makeNext();
    return this.made[i]!;
  }

  private makeNext(): void {
    if (this.madeLength === this.made.length) {
      const grown = new Float32Array(Math.max(16_000, this.made.length * 2));
      grown.set(this.made);
      this.made = grown;
    }
    const n = this.madeLength;
    let value: number;
    if (this.colour === 'pink') {
      // Row k is redrawn every 2^k samples (the lowest set bit of the count picks it): octave-spaced
      // random steps, whose sum falls 3 dB per octave; a fresh white value fills in the top octave.
      const row = Math.min(PINK_ROWS - 1, n === 0 ? 0 : 31 - Math.clz32(n & -n));
      const fresh = uniformAt(2 * n + 1);
      this.rowsSum += fresh - this.rows[row]!;
      this.rows[row] = fresh;
      value = this.rowsSum + uniformAt(2 * n);
    } else {
      this.brown = BROWN_POLE * this.brown + uniformAt(n);
      value = this.brown;
    }
    this.made[n] = this.gain * value;
    this.madeLength++;
  }
}

/** A reproducible uniform value in [-1, 1) for index `i` (an integer hash: no state, any order). */
function uniformAt(i: number): number {
  let x = (i + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x ^= x >>> 16;
  return (x >>> 0) / 2 ** 31 - 1;
}
