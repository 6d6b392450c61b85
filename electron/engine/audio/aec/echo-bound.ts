/**
 * The residual echo per bin that the suppressor must remove, estimated from the reference
 * alone (so it holds while the filter's phase is off: learning, clock drift, a moved laptop):
 *   - within the filter's reach: the echo's power as the filter's partitions see it,
 *     sum_p |W_p|^2 |X_p|^2 (power-domain, each partition against the reference block it is
 *     aligned with), divided by the ERLE the linear filter achieves in that band, and scaled
 *     down to what the error on echo alone shows while the agent's voice sounds (PATH_MARGIN);
 *   - beyond it (the room's late reverberation, which no 256 ms filter models): a decaying
 *     power memory fed by the reference leaving the filter's window, at the gain and decay
 *     the filter's last partitions show (WebRTC AEC3 models its reverb the same way).
 * Before the filter has learned anything (the first fraction of a second of agent speech),
 * a coarse estimate stands in: the recent reference power held over a bulk delay's span,
 * times the loudest mic/reference ratio seen lately. It ends after about a second of agent
 * audio, or as soon as the filter removes 10 dB, so it cannot keep muting the user in a
 * reverberant room where the filter's ERLE stays low.
 */
import type { FarEndHistory } from './far-end-history.js';
import type { PartitionedFilter } from './partitioned-filter.js';

/** Early reference hold: -10 dB over 250 ms (per 8 ms block), long enough to cover a bulk delay. */
const EARLY_HOLD_DECAY = 10 ** (-10 / 10 / 31);
/** The coarse ratio forgets its peak over ~1.6 s (x0.995 per block). */
const RATIO_DECAY = 0.995;
/** The coarse mic/reference ratio is believed up to +6 dB (a loud laptop at its own mic). */
const MAX_RATIO = 4;
/** The coarse estimate is counted double (+3 dB): for under a second, an echo missed is worse than a syllable dimmed. */
const EARLY_OVERESTIMATE = 2;
/** The late tail's gain and decay are re-read from the filter every 4 blocks (32 ms): its tail changes slowly. */
const PATH_GAIN_EVERY = 4;
/**
 * The filter counts as learned once it removes 10 dB of the echo... At 6 dB the start-up
 * estimate ended within 0.3-0.5 s in rooms with a long reverberation, while the filter's
 * late-tail model was not learned yet: the tail after each syllable went through (meeting
 * room: 4-8 dB removed for 0.3 s). A laptop's filter passes 10 dB within 0.35-0.55 s (measured).
 */
const LEARNED_ERLE = 10;
/** ...or after this many blocks of agent audio (1 s): a reverberant room may never give 10 dB. */
const LEARNED_AFTER_BLOCKS = 125;
/** Late reverberation decay per block, bounds: T60 from ~150 ms (0.5) to ~1.3 s (0.92). Shared with RoomDecay. */
export const MIN_DECAY = 0.5;
export const MAX_DECAY = 0.92;
/**
 * The filter's echo power, summed partition by partition, over-counts where its coefficients
 * are still noisy: in a reverberant room (meeting room, 80 cm) it stood 13-20 dB above the
 * echo the filter actually predicts, so the estimate was 15-20 dB over the error on echo alone
 * and the user's first 50-400 ms were dimmed. It is scaled down to this much (6 dB) over the
 * error it has to explain on echo-alone blocks, never up, and by at most MIN_PATH_SCALE.
 */
const PATH_MARGIN = 4;
const MIN_PATH_SCALE = 1 / 30;
/** Learning of that scale per echo-alone block (~0.1 s, as the ERLE). */
const PATH_SMOOTHING = 0.08;
/**
 * ...and only while the agent's voice sounds (the reference within 15 dB of its recent peak,
 * which falls 0.5 dB per block): at a phrase's end the room's tail outlasts what the filter
 * models, the error there stood above the scaled estimate for 250 ms (meeting room, +6 dB),
 * and the unscaled one is what kept it from the VAD.
 */
const SOUNDING = 10 ** (-15 / 10);
export const REF_PEAK_FALL = 10 ** (-0.5 / 10);

export class EchoBound {
  private readonly held: Float64Array;
  private readonly late: Float64Array;
  private readonly lateGain: Float64Array;
  private readonly bound: Float64Array;
  private decay = MIN_DECAY;
  private ratio = 0;
  private learnedPath = false;
  /** Learned at least once since the canceller started (a reset does not forget it). */
  private learnedOnce = false;
  private activeBlocks = 0;
  private blocks = 0;
  /** The path term's sum over bins in the last update (before scaling), and its learned scale. */
  private pathSum = 0;
  private errorAvg = 0;
  private pathAvg = 0;
  private pathScale = 1;
  /** The reference's recent peak (falling 0.5 dB per block) and whether this block's reference is within SOUNDING of it. */
  private refPeak = 0;
  private sounding = false;

  constructor(
    private readonly bins: number,
    private readonly partitions: number,
  ) {
    this.held = new Float64Array(bins);
    this.late = new Float64Array(bins);
    this.lateGain = new Float64Array(bins);
    this.bound = new Float64Array(bins);
  }

  /** The filter has learned the path (the start-up estimate is over). */
  get learned(): boolean {
    return this.learnedPath;
  }

  reset(): void {
    this.held.fill(0);
    this.late.fill(0);
    this.lateGain.fill(0);
    this.ratio = 0;
    this.learnedPath = false;
    this.activeBlocks = 0;
    this.errorAvg = 0;
    this.pathAvg = 0;
    this.pathScale = 1;
    this.refPeak = 0;
  }

  /**
   * The linear error of the block last bounded (its power summed over bins, in the same units),
   * and whether it held the echo alone: the path term learns how far it over-counts (PATH_MARGIN).
   */
  learnScale(errorPower: number, echoAlone: boolean): void {
    if (!echoAlone || !this.learnedPath || !(this.pathSum > 0) || !this.sounding) return;
    this.errorAvg = (1 - PATH_SMOOTHING) * this.errorAvg + PATH_SMOOTHING * errorPower;
    this.pathAvg = (1 - PATH_SMOOTHING) * this.pathAvg + PATH_SMOOTHING * this.pathSum;
    this.pathScale = Math.min(1, Math.max(MIN_PATH_SCALE, (PATH_MARGIN * this.errorAvg) / this.pathAvg));
  }

  /**
   * @param pathPower sum_p |W_p|^2 |X_p|^2 of the foreground this block (LinearCanceller.echoPathPower: taken in its filtering pass)
   * @param erle per-band ERLE of the linear filter (power ratios), its overall value, and the bins per band
   * @returns the residual echo per bin (16-bit-scale spectrum units)
   */
  update(
    history: FarEndHistory,
    foreground: PartitionedFilter,
    pathPower: Float64Array,
    micEnergy: number,
    refEnergy: number,
    erle: Float64Array,
    erleOverall: number,
    bandBins: number,
  ): Float64Array {
    const K = this.bins;
    const M = this.partitions;
    this.refPeak = Math.max(refEnergy, this.refPeak * REF_PEAK_FALL);
    this.sounding = refEnergy > 1e-8 && refEnergy >= this.refPeak * SOUNDING;
    const scale = this.sounding ? this.pathScale : 1;
    if (refEnergy > 1e-8) {
      this.ratio = Math.max(this.ratio * RATIO_DECAY, Math.min(MAX_RATIO, micEnergy / refEnergy));
      this.activeBlocks++;
    }
    if (erleOverall >= LEARNED_ERLE || this.activeBlocks >= LEARNED_AFTER_BLOCKS) this.learnedPath = this.learnedOnce = true;

    // Read from the filter once learned (before, the late tail's gain stays 0: the coarse estimate holds the tail).
    if (this.learnedPath && this.blocks++ % PATH_GAIN_EVERY === 0) this.readPath(foreground);
    // The reference leaving the window (the oldest partition) feeds the late tail.
    const pow = history.pow;
    const oldest = history.offset(M - 1);
    let pathSum = 0;
    for (let k = 0; k < K; k++) {
      this.late[k] = this.decay * (this.late[k]! + this.lateGain[k]! * pow[oldest + k]!);
      const path = pathPower[k]! / erle[Math.floor(k / bandBins)]!;
      pathSum += path;
      this.bound[k] = path * scale + this.late[k]!;
    }
    this.pathSum = pathSum;
    if (!this.learnedPath) {
      // The coarse estimate stands in. At the very start, where it is higher only: never below
      // what the filter already shows (a distorting speaker's echo is louder in the filter than
      // in the coarse ratio). After a reset the filter re-learns, in double talk too, and what it
      // shows then may be the user's voice: the coarse estimate alone, as before.
      const o = history.offset(0);
      for (let k = 0; k < K; k++) {
        this.held[k] = Math.max(history.pow[o + k]!, this.held[k]! * EARLY_HOLD_DECAY);
        const coarse = EARLY_OVERESTIMATE * this.ratio * this.held[k]!;
        this.bound[k] = this.learnedOnce ? coarse : Math.max(this.bound[k]!, coarse);
      }
    }
    return this.bound;
  }

  /** The late tail's gain and decay from the foreground's last partitions. */
  private readPath(filter: PartitionedFilter): void {
    const K = this.bins;
    const M = this.partitions;
    const a = (M - 1) * K;
    const b = Math.max(0, M - 2) * K;
    for (let k = 0; k < K; k++) {
      const ga = filter.re[a + k]! ** 2 + filter.im[a + k]! ** 2;
      const gb = filter.re[b + k]! ** 2 + filter.im[b + k]! ** 2;
      this.lateGain[k] = 0.5 * (ga + gb);
    }
    // Decay per partition over the last half of the filter (the room's reverberation, not its onset).
    const e = filter.energy;
    const third = Math.max(1, Math.floor(M / 3));
    let mid = 0;
    let end = 0;
    for (let p = M - 2 * third; p < M - third; p++) mid += e[p]!;
    for (let p = M - third; p < M; p++) end += e[p]!;
    const decay = mid > 0 ? (end / mid) ** (1 / third) : MIN_DECAY;
    this.decay = Math.min(MAX_DECAY, Math.max(MIN_DECAY, decay));
  }
}
