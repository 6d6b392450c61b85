/**
 * The simulated acoustic echo: what the microphone hears of the agent's own output. A chain
 * a real laptop has too, in this order:
 *   loudspeaker nonlinearity   with the drive g in dB; small signals pass at unity gain:
 *                              soft        tanh(g x) / g, peaks squashed (an overdriven amp);
 *                              hard        clipped at +-1/g (a DAC or amplifier rail);
 *                              asymmetric  clipped at +1/g and -0.5/g (a cone that hits its
 *                                          stop one way first: even harmonics);
 *                              rattle      soft clipping plus a buzz: a fixed pseudo-random
 *                                          sequence gated by how far the cone goes past half
 *                                          its travel (a loose part), which no linear filter
 *                                          of the reference predicts;
 *   clock drift                the speaker's clock runs `driftPpm` fast (or slow) against the
 *                              mic's, from the agent's first audio on (cubic interpolation);
 *   room                       a measured or generated impulse response (`rirWav`, normalized
 *                              to unit energy) or the old synthetic tail (`rt60Ms`), after
 *                              `delayMs`, at `gainDb`;
 *   path changes               from each change's `atMs` (after the agent's first audio) on,
 *                              another room / delay / level (someone moved the laptop).
 * The room is applied with a uniformly partitioned FFT convolution, block by block as the
 * simulated clock goes on, so a second-long response costs milliseconds per simulated second.
 */
import { RealFft } from '../../audio/aec/fft.js';

const RATE = 16_000;
const BLOCK = 256;

export interface EchoRoom {
  /** Impulse response at 16 kHz, already scaled (gain included), starting at the delay. */
  response: Float32Array;
  delaySamples: number;
}

export const NONLINEARITY_SHAPES = ['soft', 'hard', 'asymmetric', 'rattle'] as const;
export type NonlinearityShape = (typeof NONLINEARITY_SHAPES)[number];

export interface EchoPathSpec {
  room: EchoRoom;
  /** Loudspeaker drive in dB; undefined: a linear loudspeaker. */
  driveDb?: number;
  /** How the loudspeaker distorts (default soft clipping). */
  shape?: NonlinearityShape;
  driftPpm?: number;
  /** Echo-path changes, in time order; `change` is the same for one. */
  changes?: { atMs: number; room: EchoRoom }[];
  change?: { atMs: number; room: EchoRoom };
}

class PartitionedConvolver {
  readonly re: Float64Array[] = [];
  readonly im: Float64Array[] = [];
  constructor(
    readonly room: EchoRoom,
    fft: RealFft,
  ) {
    const frame = new Float64Array(2 * BLOCK);
    for (let start = 0; start < room.response.length; start += BLOCK) {
      frame.fill(0);
      frame.set(room.response.subarray(start, start + BLOCK));
      const re = new Float64Array(fft.bins);
      const im = new Float64Array(fft.bins);
      fft.forward(frame, re, im);
      this.re.push(re);
      this.im.push(im);
    }
  }
}

export class EchoPath {
  private readonly fft = new RealFft(2 * BLOCK);
  private readonly rooms: PartitionedConvolver[];
  /** Input spectra, newest first, as many as the longest room needs. */
  private readonly history: { re: Float64Array; im: Float64Array }[] = [];
  private readonly maxPartitions: number;
  private readonly minDelay: number;
  private readonly gain: number;
  private originSample: number | null = null;
  /** Echo computed so far (mic timeline, 16 kHz). */
  private echo = new Float32Array(RATE * 30);
  private computedBlocks = 0;
  private readonly frame = new Float64Array(2 * BLOCK);
  private readonly prevInput = new Float64Array(BLOCK);
  private readonly accRe: Float64Array;
  private readonly accIm: Float64Array;

  private readonly changes: { atMs: number; room: EchoRoom }[];

  constructor(private readonly spec: EchoPathSpec) {
    this.changes = spec.changes ?? (spec.change ? [spec.change] : []);
    this.rooms = [spec.room, ...this.changes.map((c) => c.room)].map((r) => new PartitionedConvolver(r, this.fft));
    this.maxPartitions = Math.max(...this.rooms.map((r) => r.re.length));
    this.minDelay = Math.min(...this.rooms.map((r) => r.room.delaySamples));
    this.gain = spec.driveDb === undefined ? 1 : 10 ** (spec.driveDb / 20);
    this.accRe = new Float64Array(this.fft.bins);
    this.accIm = new Float64Array(this.fft.bins);
  }

  /** The agent's first audio (drift and the path change are timed from it). */
  setOrigin(originMs: number): void {
    this.originSample ??= Math.round((originMs * RATE) / 1000);
  }

  /**
   * Echo samples [start, start + n) given what the speaker played (`heard`, on the same
   * timeline). Must be asked in non-decreasing order: the speaker's past never changes.
   */
  samples(heard: Float32Array, start: number, n: number): Float32Array {
    // Only the blocks whose echo reaches this span: the speaker's samples after it may still change.
    const neededBlocks = Math.ceil((start + n - this.minDelay) / BLOCK);
    while (this.computedBlocks < neededBlocks) this.computeBlock(heard, this.computedBlocks++);
    if (start + n > this.echo.length) this.grow(start + n);
    return this.echo.subarray(start, start + n);
  }

  private computeBlock(heard: Float32Array, block: number): void {
    const K = this.fft.bins;
    const input = new Float64Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) input[i] = this.speakerAt(heard, block * BLOCK + i);
    this.frame.set(this.prevInput, 0);
    this.frame.set(input, BLOCK);
    this.prevInput.set(input);
    const re = new Float64Array(K);
    const im = new Float64Array(K);
    this.fft.forward(this.frame, re, im);
    this.history.unshift({ re, im });
    if (this.history.length > this.maxPartitions) this.history.pop();

    const room = this.rooms[this.roomIndexAt(block * BLOCK)]!;
    this.accRe.fill(0);
    this.accIm.fill(0);
    for (let p = 0; p < room.re.length && p < this.history.length; p++) {
      const h = this.history[p]!;
      const wr = room.re[p]!;
      const wi = room.im[p]!;
      for (let k = 0; k < K; k++) {
        this.accRe[k]! += wr[k]! * h.re[k]! - wi[k]! * h.im[k]!;
        this.accIm[k]! += wr[k]! * h.im[k]! + wi[k]! * h.re[k]!;
      }
    }
    this.fft.inverse(this.accRe, this.accIm, this.frame);
    const at = block * BLOCK + room.room.delaySamples;
    if (at + BLOCK > this.echo.length) this.grow(at + BLOCK);
    // The block's echo lands `delay` later; blocks before it were already written by earlier inputs.
    for (let i = 0; i < BLOCK; i++) this.echo[at + i] = this.frame[BLOCK + i]!;
  }

  /** Which room holds at mic sample n: the last change at or before it. */
  private roomIndexAt(n: number): number {
    if (this.originSample === null) return 0;
    let index = 0;
    for (const [i, c] of this.changes.entries()) if (n >= this.originSample + Math.round((c.atMs * RATE) / 1000)) index = i + 1;
    return index;
  }

  private grow(length: number): void {
    const grown = new Float32Array(Math.max(this.echo.length * 2, length));
    grown.set(this.echo);
    this.echo = grown;
  }

  /** The loudspeaker's output at mic sample n: the played signal through drift and clipping. */
  private speakerAt(heard: Float32Array, n: number): number {
    const origin = this.originSample ?? n;
    const drift = (this.spec.driftPpm ?? 0) * 1e-6;
    const x = n <= origin || drift === 0 ? n : origin + (n - origin) * (1 + drift);
    const j = Math.floor(x);
    const f = x - j;
    const s = (i: number) => (i >= 0 && i < heard.length ? heard[i]! : 0);
    const v = f === 0 ? s(j) : cubic(s(j - 1), s(j), s(j + 1), s(j + 2), f);
    return this.spec.driveDb === undefined ? v : distort(v, this.gain, this.spec.shape ?? 'soft', n);
  }
}

/** The loudspeaker's output for input v at drive g (see the header); n seeds the rattle's buzz. */
export function distort(v: number, g: number, shape: NonlinearityShape, n: number): number {
  const x = g * v;
  switch (shape) {
    case 'soft':
      return Math.tanh(x) / g;
    case 'hard':
      return Math.max(-1, Math.min(1, x)) / g;
    case 'asymmetric':
      return Math.max(-0.5, Math.min(1, x)) / g;
    case 'rattle': {
      const soft = Math.tanh(x);
      const excess = Math.max(0, Math.abs(soft) - 0.5);
      return (soft + 0.6 * excess * buzz(n)) / g;
    }
  }
}

/** A fixed pseudo-random +-1 per sample (integer hash), so runs repeat exactly. */
function buzz(n: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 1 ? 1 : -1;
}

/** Catmull-Rom interpolation between b and c. */
function cubic(a: number, b: number, c: number, d: number, f: number): number {
  return b + 0.5 * f * (c - a + f * (2 * a - 5 * b + 4 * c - d + f * (3 * (b - c) + d - a)));
}
