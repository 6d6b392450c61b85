/**
 * The linear echo canceller, one block at a time: a partitioned-block frequency-domain
 * adaptive filter (overlap-save, frame = 2 blocks) driven by the playback reference, with a
 * foreground/background filter pair against double talk (FilterSelector), the learning rate
 * from StepControl and proportionate weighting of the partitions (partitions holding the
 * echo's energy learn faster: quick convergence on a delayed, decaying room response).
 *
 * Signals are handled at 16-bit scale internally (the step control's constants assume it).
 */
import { FarEndHistory } from './far-end-history.js';
import { RealFft } from './fft.js';
import { FilterSelector } from './filter-selector.js';
import { PartitionedFilter } from './partitioned-filter.js';
import { PartitionWeights } from './partition-weights.js';
import { PlayedBlocks } from './played-blocks.js';
import { ReferenceDrive } from './reference-drive.js';
import { StepControl } from './step-control.js';
import { WasmArena } from './wasm-kernels.js';

const SCALE = 32768;
/** A mic sample this close to full scale: the mic clipped, the block says nothing about the path. */
const CLIP_LEVEL = 0.99 * SCALE;
/** Mean reference power (16-bit scale) over which a block has echo to judge the path by: -60 dBFS, under it the agent is silent. */
const ACTIVE_REFERENCE_POWER = 1000;
/** Mean power of the foreground's predicted echo over which it predicts anything: -70 dBFS, under it its error says nothing. */
const PREDICTED_ECHO_POWER = 100;
/**
 * The foreground has removed nothing (or made the mic louder) for this many echo blocks in
 * a row (~0.2 s at 8 ms): it no longer models the path (moved laptop, changed volume) and
 * is dropped. Double talk never looks like this: there the echo is still removed from the
 * user's voice, so the error stays below the mic.
 */
const DIVERGED_BLOCKS = 25;
/**
 * While the user's voice shows over the residual, the background's promotions are held back for this many blocks in a
 * row (40 ms): it adapts on the voice too and, cancelling part of it, wins the selection, and the foreground then took
 * the user out with the echo (double talk SNR 6.0 dB against the gate's 2.9). Not for longer: after a moved laptop the
 * new path shows as a voice too, and held for as long as it showed, the first second after the move lost 1.2 dB (0.6 at 5).
 */
const NEAR_END_HELD_PROMOTIONS = 5;
/** Keeps the normalized step finite in silent bins: about -90 dBFS of reference (Speex uses the same +10). */
const REGULARIZATION = 10;

export interface LinearBlockResult {
  /** Mic minus the foreground echo estimate (what goes on), in [-1, 1] units. */
  error: Float64Array;
  /** The foreground echo estimate. */
  echo: Float64Array;
  /** What was subtracted from the mic (the estimate, or nothing while the mic itself passes). */
  subtract: Float64Array;
}

export class LinearCanceller {
  readonly blockSize: number;
  readonly partitions: number;
  readonly fft: RealFft;
  readonly history: FarEndHistory;
  readonly foreground: PartitionedFilter;
  readonly background: PartitionedFilter;
  readonly control: StepControl;
  private readonly selector = new FilterSelector();
  /** The loudspeaker's saturation the reference is shaped with before the filters (ReferenceDrive). */
  readonly drive: ReferenceDrive;
  /** The last `partitions` reference blocks as played. */
  private readonly played: PlayedBlocks;
  private readonly micScaled: Float64Array;
  private readonly shaped: Float64Array;
  private readonly frame: Float64Array;
  private readonly lastRef: Float64Array;
  private readonly specRe: Float64Array;
  private readonly specIm: Float64Array;
  private readonly xPower: Float64Array;
  private readonly errorPower: Float64Array;
  private readonly echoPower: Float64Array;
  /** How the step is shared among partitions (proportionate, with a room prior). */
  private readonly weights: PartitionWeights;
  private readonly weight: Float64Array;
  /** sum_p weight_p |X_p,k|^2, the update's normalizer, from the filtering pass. */
  private readonly weightedPower: Float64Array;
  /** sum_p |W_p,k|^2 |X_p,k|^2 of the foreground (16-bit-scale spectrum units): the echo's power as the filter models it, from the filtering pass. */
  readonly echoPathPower: Float64Array;
  private readonly fadeIn: Float64Array;
  private readonly yFg: Float64Array;
  private readonly yBg: Float64Array;
  private readonly eFg: Float64Array;
  private readonly eBg: Float64Array;
  private readonly out: LinearBlockResult;
  private readonly eSpecRe: Float64Array;
  private readonly eSpecIm: Float64Array;
  private divergedRun = 0;
  private usedMic = false;
  /** Decided at a block's end, applied from the next block (its estimate is already out). */
  private useMicNext = false;
  private promotePending = false;
  /** The current block's reference energy (16-bit scale). */
  private sxx = 0;
  /** The update's weights and normalizer from the filtering pass still fit the background (not put back or dropped since). */
  private weightsValid = false;
  /** True for the block in which the filters were dropped because the path changed. */
  pathLost = false;
  /** The block before showed the user's voice (bins over the residual echo, the mic over the echo estimate): set by the caller. */
  nearEnd = false;
  private heldPromotions = 0;
  private absent = false;
  /** How often the background was promoted / put back (diagnostics for tests and the bench). */
  promotions = 0;
  resets = 0;

  constructor(options: { blockSize: number; partitions: number; sampleRate: number }) {
    const N = options.blockSize;
    this.blockSize = N;
    this.partitions = options.partitions;
    this.fft = new RealFft(2 * N);
    const K = this.fft.bins;
    // The history and both filters' spectra in one WebAssembly memory: filterPair runs there (null: in JavaScript).
    const arena = WasmArena.create(6, options.partitions * K, options.partitions, K);
    this.history = new FarEndHistory(options.partitions, K, arena);
    this.foreground = new PartitionedFilter(options.partitions, this.fft, arena);
    this.background = new PartitionedFilter(options.partitions, this.fft, arena);
    this.control = new StepControl(K, N, options.sampleRate, options.partitions);
    this.frame = new Float64Array(2 * N);
    this.drive = new ReferenceDrive(this.fft, N, SCALE, options.partitions);
    this.played = new PlayedBlocks(options.partitions, N);
    this.micScaled = new Float64Array(N);
    this.shaped = new Float64Array(N);
    this.lastRef = new Float64Array(N);
    this.specRe = new Float64Array(K);
    this.specIm = new Float64Array(K);
    this.xPower = new Float64Array(K);
    this.errorPower = new Float64Array(K);
    this.echoPower = new Float64Array(K);
    this.eSpecRe = new Float64Array(K);
    this.eSpecIm = new Float64Array(K);
    this.weights = new PartitionWeights(options.partitions);
    this.weight = this.weights.weight;
    this.weightedPower = new Float64Array(K);
    this.echoPathPower = new Float64Array(K);
    this.fadeIn = Float64Array.from({ length: N }, (_, i) => 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / N));
    this.yFg = new Float64Array(N);
    this.yBg = new Float64Array(N);
    this.eFg = new Float64Array(N);
    this.eBg = new Float64Array(N);
    this.out = { error: new Float64Array(N), echo: new Float64Array(N), subtract: new Float64Array(N) };
  }

  /** The foreground's echo estimate of the block `predict` was last called for ([-1, 1] units). */
  get echoEstimate(): Float64Array {
    return this.out.echo;
  }

  /** Forgets the path entirely (both filters and all statistics). */
  reset(): void {
    this.foreground.clear();
    this.background.clear();
    this.control.reset();
    this.selector.clear();
    this.divergedRun = 0;
    this.promotePending = false;
  }

  /** The echo path changed (diverged, or the echo moved to another lag): both filters start again, at full speed. */
  dropPath(): void {
    this.pathLost = true;
    this.foreground.clear();
    this.background.clear();
    this.control.relearn();
    this.divergedRun = 0;
    this.promotePending = false;
    this.weightsValid = false;
  }

  /**
   * No echo path in the mic (the caller's EchoCoupling: headphones), said before each block. The drive then keeps and
   * judges no candidates: 7 FFTs a block for nothing, and a judge fed the filter's fit to room noise (it kept a
   * saturating speaker that took over later at the reference as played). A path that appears where there was none
   * comes from another loudspeaker (headphones unplugged): the drive starts afresh from the reference as played.
   */
  set pathAbsent(absent: boolean) {
    if (this.absent && !absent) this.drivePlayed();
    this.absent = absent;
  }

  /**
   * The drive back to the reference as played, judged afresh: another loudspeaker may play from here (the speaker
   * was lost, or the path appeared). Not when the path changes in a room (a moved laptop keeps its speaker).
   */
  drivePlayed(): void {
    const was = this.drive.current;
    this.drive.current = 0;
    this.drive.restart(this.played.oldestFirst());
    if (was !== 0) this.driveChanged(1);
  }

  /** Appends a reference block to the history without cancelling (used to refill after a re-alignment). */
  pushReference(ref: ArrayLike<number>): void {
    this.played.push(ref);
    if (!this.absent) this.drive.push(ref);
    this.pushShaped(ref);
  }

  /** The reference block through the drive in use, into the history. */
  private pushShaped(ref: ArrayLike<number>): void {
    const N = this.blockSize;
    this.drive.shape(ref, this.shaped);
    for (let i = 0; i < N; i++) {
      this.frame[i] = this.lastRef[i]!;
      this.frame[N + i] = this.shaped[i]!;
      this.lastRef[i] = this.shaped[i]!;
    }
    this.fft.forward(this.frame, this.specRe, this.specIm);
    const inv = 1 / (2 * N);
    for (let k = 0; k < this.fft.bins; k++) {
      this.specRe[k]! *= inv;
      this.specIm[k]! *= inv;
    }
    this.history.push(this.specRe, this.specIm);
  }

  /** One block: mic samples and the reference block aligned with them (both length blockSize, [-1, 1]). */
  process(mic: ArrayLike<number>, ref: ArrayLike<number>): LinearBlockResult {
    this.predict(ref);
    return this.update(mic);
  }

  /**
   * The echo estimate for the block about to be captured, from the reference alone (it is
   * played before it is captured): the caller subtracts it sample by sample as the mic
   * arrives, so the cancelled audio is not late. Returns what to subtract ([-1, 1] units).
   * Decisions taken at the end of the previous block (a promoted background, the mic
   * fallback) take effect here, cross-faded over this block.
   */
  predict(ref: ArrayLike<number>): Float64Array {
    const N = this.blockSize;
    this.pushReference(ref);
    const K = this.fft.bins;
    for (let k = 0; k < K; k++) this.xPower[k] = this.specRe[k]! * this.specRe[k]! + this.specIm[k]! * this.specIm[k]!;
    this.sxx = 0;
    for (let i = 0; i < N; i++) this.sxx += this.lastRef[i]! * this.lastRef[i]!;

    // The update's weights depend on the background only: taken now, the filtering pass sums the update's normalizer too.
    this.proportionateWeights();
    this.weightsValid = true;
    PartitionedFilter.filterPair(
      this.history,
      this.foreground,
      this.background,
      this.specRe,
      this.specIm,
      this.eSpecRe,
      this.eSpecIm,
      this.weight,
      this.weightedPower,
      this.echoPathPower,
    );
    this.toTime(this.specRe, this.specIm, this.yFg);
    this.toTime(this.eSpecRe, this.eSpecIm, this.yBg);
    if (this.promotePending) {
      // Cross-fade from the old foreground's estimate to the new one over the block (no click).
      this.foreground.copyFrom(this.background);
      this.promotions++;
      for (let i = 0; i < N; i++) {
        const w = this.fadeIn[i]!;
        this.yFg[i] = w * this.yBg[i]! + (1 - w) * this.yFg[i]!;
      }
      this.promotePending = false;
    }
    const useMic = this.useMicNext;
    for (let i = 0; i < N; i++) {
      const w = useMic === this.usedMic ? (useMic ? 1 : 0) : useMic ? this.fadeIn[i]! : 1 - this.fadeIn[i]!;
      this.out.subtract[i] = ((1 - w) * this.yFg[i]!) / SCALE;
      this.out.echo[i] = this.yFg[i]! / SCALE;
    }
    this.usedMic = useMic;
    return this.out.subtract;
  }

  /** The captured block (length blockSize, [-1, 1]) after `predict`: filter selection, divergence, adaptation. */
  update(mic: ArrayLike<number>): LinearBlockResult {
    const N = this.blockSize;
    let sdd = 0;
    let sff = 0;
    let see = 0;
    let dbf = 0;
    let clipped = false;
    for (let i = 0; i < N; i++) {
      const d = mic[i]! * SCALE;
      this.micScaled[i] = d;
      if (Math.abs(d) >= CLIP_LEVEL) clipped = true;
      sdd += d * d;
      this.eFg[i] = d - this.yFg[i]!;
      this.eBg[i] = d - this.yBg[i]!;
      sff += this.eFg[i]! * this.eFg[i]!;
      see += this.eBg[i]! * this.eBg[i]!;
      dbf += (this.yFg[i]! - this.yBg[i]!) ** 2;
      this.out.error[i] = mic[i]! - this.out.subtract[i]!;
    }

    const decision = this.selector.decide(sff, see, dbf);
    if (!this.nearEnd) this.heldPromotions = 0;
    if (decision === 'promoteBackground' && this.nearEnd && this.heldPromotions < NEAR_END_HELD_PROMOTIONS) {
      this.heldPromotions++;
    } else if (decision === 'promoteBackground') {
      this.promotePending = true;
    } else if (decision === 'resetBackground') {
      this.background.copyFrom(this.foreground);
      this.yBg.set(this.yFg);
      this.eBg.set(this.eFg);
      see = sff;
      this.resets++;
      this.weightsValid = false;
    }

    // A foreground that makes the mic louder block after block models a path that is gone.
    // Counted only over blocks with echo to remove (reference active, the foreground predicting something).
    let syyFg = 0;
    for (let i = 0; i < N; i++) syyFg += this.yFg[i]! * this.yFg[i]!;
    const sxx = this.sxx;
    if (sxx > N * ACTIVE_REFERENCE_POWER && syyFg > N * PREDICTED_ECHO_POWER) this.divergedRun = sff > sdd ? this.divergedRun + 1 : 0;
    this.pathLost = false;
    if (this.divergedRun >= DIVERGED_BLOCKS) this.dropPath();

    // Gradient from the background's error (overlap-save: first half of the frame zero).
    let syy = 0;
    let sey = 0;
    for (let i = 0; i < N; i++) {
      syy += this.yBg[i]! * this.yBg[i]!;
      sey += this.eBg[i]! * this.yBg[i]!;
    }
    const errRe = this.spectrumOfBlock(this.eBg, this.errorPower);
    this.spectrumOfBlock(this.yBg, this.echoPower, true);
    this.control.update({ xPower: this.xPower, errorPower: this.errorPower, echoPower: this.echoPower, sxx, see, syy, sey });
    if (!clipped && sxx > 0) {
      // The background changed since the filtering pass (put back, or dropped): weights and normalizer afresh.
      if (!this.weightsValid) this.proportionateWeights();
      this.background.adapt(this.history, errRe.re, errRe.im, this.control.step, this.weight, REGULARIZATION, this.weightsValid ? this.weightedPower : null);
    }

    // The drive judged on echo-alone blocks of a filter that has learned the path.
    if (!clipped && !this.nearEnd && !this.absent && this.control.adapted && sxx > N * ACTIVE_REFERENCE_POWER && syyFg > N * PREDICTED_ECHO_POWER) {
      const gain = this.drive.judge(this.micScaled, this.foreground.re, this.foreground.im);
      if (gain !== null) this.driveChanged(gain);
    }

    // Never louder than the mic: a filter still learning (or one the path just left) can add
    // more than it removes, and that sound would be a voice to the VAD. From the next block on
    // the mic itself passes, cross-faded at the switch (AEC3 chooses between filter output and mic too).
    this.useMicNext = sff > sdd;
    return this.out;
  }

  /** The drive changed: the filters take the new reference's level, the history is rebuilt through the new drive. */
  private driveChanged(gain: number): void {
    this.foreground.scale(gain);
    this.background.scale(gain);
    this.weightsValid = false;
    this.lastRef.fill(0);
    for (const block of this.played.oldestFirst()) this.pushShaped(block);
  }

  /** Time-domain echo estimate for the current block (last half of the frame) from a filter's output spectrum. */
  private toTime(re: Float64Array, im: Float64Array, out: Float64Array): void {
    const N = this.blockSize;
    this.fft.inverse(re, im, this.frame);
    // Spectra carry 1/(2N); the inverse divides by 2N again: undo that once.
    const scale = 2 * N;
    for (let i = 0; i < N; i++) out[i] = this.frame[N + i]! * scale;
  }

  /** Spectrum of [0 ... 0, block] scaled by 1/(2N); its power into `power`. */
  private spectrumOfBlock(block: Float64Array, power: Float64Array, scratch = false): { re: Float64Array; im: Float64Array } {
    const N = this.blockSize;
    const K = this.fft.bins;
    this.frame.fill(0, 0, N);
    this.frame.set(block, N);
    const re = scratch ? this.specRe : this.eSpecRe;
    const im = scratch ? this.specIm : this.eSpecIm;
    this.fft.forward(this.frame, re, im);
    const inv = 1 / (2 * N);
    for (let k = 0; k < K; k++) {
      re[k]! *= inv;
      im[k]! *= inv;
      power[k] = re[k]! * re[k]! + im[k]! * im[k]!;
    }
    return { re, im };
  }

  /** The update's weights per partition, from the background's coefficient energy (PartitionWeights). */
  private proportionateWeights(): void {
    this.weights.update(this.background.energy);
  }
}
