/**
 * The loudspeaker's saturation, learned from the echo and put into the filter's reference (a
 * Hammerstein model: a memoryless nonlinearity, then the room's linear response; Stenger and
 * Kellermann's adaptive preprocessor, 2000). A laptop speaker at full volume squashes the
 * agent's peaks; the echo then holds a part no linear filter of the played samples predicts,
 * and the linear filter stopped at 1-2 dB in a reverberant room under strong drive (6-12 dB
 * without). Fed the reference through the same squashing, the filter is linear again.
 *
 * Candidates are soft clippers tanh(g x) / g (small signals pass at unity gain) at a few drives,
 * and the plain reference. Each keeps the spectra of its reference over the filter's length, which
 * the foreground filter turns into an echo estimate; the one whose estimate, at its best gain,
 * leaves least of the mic on echo-alone blocks wins, by a margin.
 */
import type { RealFft } from './fft.js';
import { FarEndHistory } from './far-end-history.js';

/** Candidate drives (dB); null: the reference as played. 3 dB apart: a tanh 3 dB off the true drive leaves ~1/4 of the distortion. */
export const DRIVES_DB: readonly (number | null)[] = [null, 3, 6, 9, 12, 15, 18];
/**
 * Every candidate is judged through the whole foreground filter, on every 4th echo-alone block (the cost: about 7/4 of
 * a filtering pass per block). Through its first 8 partitions only (64 ms), a drive was picked for linear speakers in
 * reverberant rooms (held out: classroom 35.2 -> 26.9 dB): with the room's tail left out of every estimate, the
 * squashed reference fitted the rest better.
 */
const JUDGE_EVERY = 4;

/** Memory of the judgement (judged blocks, ~2 s of echo alone): several words, not one peak. */
const MEMORY_BLOCKS = 250 / JUDGE_EVERY;
/** Blocks judged before a candidate may take over, and between two changes (~1 s of echo alone). */
const SETTLE_BLOCKS = 125 / JUDGE_EVERY;
/** A candidate takes over when it leaves this much less of the mic (dB) than the one in use: one more word does not flip it back. */
const MARGIN_DB = 1;
const MARGIN = 10 ** (-MARGIN_DB / 10);

export class ReferenceDrive {
  /** Index into DRIVES_DB of the drive the filter's reference is shaped with. */
  current = 0;
  private readonly gains: number[];
  private readonly histories: FarEndHistory[];
  private readonly last: Float64Array[];
  private readonly frame: Float64Array;
  private readonly specRe: Float64Array;
  private readonly specIm: Float64Array;
  private readonly dy: Float64Array;
  private readonly yy: Float64Array;
  private dd = 0;
  private judged = 0;
  private seen = 0;

  constructor(
    private readonly fft: RealFft,
    private readonly blockSize: number,
    private readonly scale: number,
    private readonly partitions: number,
  ) {
    const C = DRIVES_DB.length;
    this.gains = DRIVES_DB.map((db) => (db === null ? 1 : 10 ** (db / 20)));
    this.histories = DRIVES_DB.map(() => new FarEndHistory(partitions, fft.bins));
    this.last = DRIVES_DB.map(() => new Float64Array(blockSize));
    this.frame = new Float64Array(2 * blockSize);
    this.specRe = new Float64Array(fft.bins);
    this.specIm = new Float64Array(fft.bins);
    this.dy = new Float64Array(C);
    this.yy = new Float64Array(C);
  }

  /** A reference block ([-1, 1]) shaped by drive index c into `out` (16-bit scale). */
  shape(ref: ArrayLike<number>, out: Float64Array, c = this.current): void {
    const g = this.gains[c]!;
    const s = this.scale;
    if (g === 1) for (let i = 0; i < this.blockSize; i++) out[i] = ref[i]! * s;
    else for (let i = 0; i < this.blockSize; i++) out[i] = (Math.tanh(g * ref[i]!) / g) * s;
  }

  /**
   * Judged afresh from here (an echo path that appeared where there was none): the candidates' spectra are rebuilt from
   * `blocks` (the last ones played, oldest first) and what was judged before is forgotten.
   */
  restart(blocks: Iterable<ArrayLike<number>>): void {
    for (const last of this.last) last.fill(0);
    for (const block of blocks) this.push(block);
    this.dy.fill(0);
    this.yy.fill(0);
    this.dd = 0;
    this.judged = 0;
    this.seen = 0;
  }

  /** Every reference block, as the filter's history takes it: each candidate's spectra. */
  push(ref: ArrayLike<number>): void {
    const N = this.blockSize;
    const inv = 1 / (2 * N);
    for (let c = 0; c < this.gains.length; c++) {
      const last = this.last[c]!;
      this.frame.set(last, 0);
      this.shape(ref, last, c);
      this.frame.set(last, N);
      this.fft.forward(this.frame, this.specRe, this.specIm);
      for (let k = 0; k < this.fft.bins; k++) {
        this.specRe[k]! *= inv;
        this.specIm[k]! *= inv;
      }
      this.histories[c]!.push(this.specRe, this.specIm);
    }
  }

  /**
   * An echo-alone block: the mic (16-bit scale) against each candidate's estimate through the
   * foreground (coefficients flat [p * bins + k]). Returns the gain to put on
   * the filters if the drive changes (the new candidate's best gain against the old one's), else null.
   */
  judge(mic: Float64Array, re: Float64Array, im: Float64Array): number | null {
    if (this.seen++ % JUDGE_EVERY !== 0) return null;
    const N = this.blockSize;
    const K = this.fft.bins;
    const keep = 1 - 1 / MEMORY_BLOCKS;
    let dd = 0;
    for (let i = 0; i < N; i++) dd += mic[i]! * mic[i]!;
    this.dd = keep * this.dd + dd;
    for (let c = 0; c < this.gains.length; c++) {
      const h = this.histories[c]!;
      this.specRe.fill(0);
      this.specIm.fill(0);
      for (let p = 0; p < this.partitions; p++) {
        const x = h.offset(p);
        const w = p * K;
        for (let k = 0; k < K; k++) {
          const xr = h.re[x + k]!;
          const xi = h.im[x + k]!;
          const wr = re[w + k]!;
          const wi = im[w + k]!;
          this.specRe[k]! += wr * xr - wi * xi;
          this.specIm[k]! += wr * xi + wi * xr;
        }
      }
      this.fft.inverse(this.specRe, this.specIm, this.frame);
      let dy = 0;
      let yy = 0;
      for (let i = 0; i < N; i++) {
        const y = this.frame[N + i]! * 2 * N;
        dy += mic[i]! * y;
        yy += y * y;
      }
      this.dy[c] = keep * this.dy[c]! + dy;
      this.yy[c] = keep * this.yy[c]! + yy;
    }
    if (++this.judged < SETTLE_BLOCKS) return null;
    let best = this.current;
    for (let c = 0; c < this.gains.length; c++) if (this.left(c) < this.left(best)) best = c;
    if (best === this.current || this.left(best) > MARGIN * this.left(this.current)) return null;
    const gain = this.dy[best]! / this.yy[best]! / (this.dy[this.current]! / this.yy[this.current]!);
    this.current = best;
    this.judged = 0;
    if (!(gain > 0) || !Number.isFinite(gain)) return 1;
    return gain;
  }

  /** Share of the mic's energy a candidate's estimate leaves at its best gain (1 - squared correlation). */
  left(c: number): number {
    const yy = this.yy[c]!;
    if (yy <= 0 || this.dd <= 0) return 1;
    return 1 - (this.dy[c]! * this.dy[c]!) / (yy * this.dd);
  }
}
