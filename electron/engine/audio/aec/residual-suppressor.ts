/**
 * Residual echo suppression: what the linear filter leaves (loudspeaker distortion, the room
 * tail beyond the filter, a path still being re-learned) is removed by a spectral gain per
 * bin. The residual echo's power is the echo estimate's divided by the filter's measured
 * echo return loss enhancement per band (ERLE: echo estimate over error, learned only while
 * the mic holds the echo alone, so the user's voice never teaches it), made to decay
 * no faster than the room does, and held over the room's reverberant tail (ReverbTail; WebRTC
 * AEC3 estimates its residual the same way). The gain is
 * a decision-directed Wiener gain per bin with the residual as the "noise": bins where the
 * user's voice stands above the residual keep their power, bins holding only echo drop to the
 * floor. The per-bin gains are folded into one gain for the next block (see nextGain), so
 * the suppressor adds no delay.
 *
 * Analysis: the last two blocks, the newest weighted fully.
 */
import { RealFft } from './fft.js';
import { meanSquare } from './mean-square.js';
import { NEAR_END_VOICE_BINS } from './near-end-voice.js';
import { ReverbTail } from './reverb-tail.js';

/** Residual counted above its estimate (x2): suppressing a little echo too much is inaudible, too little is a false barge-in. */
const OVERESTIMATE = 2;
/**
 * The gain is folded over the bins from the third (94 Hz up): below, the error holds the room's rumble and, in
 * bench:echo's image-source rooms, the echo's near-DC part (their responses sum to a large gain at 0 Hz: 79-96 % of the
 * mic's power in the meeting room's gaps between words), which no estimate follows. Their power decided the fold, so
 * the gain stood at -3 to -8 dB over residual echo that every voice bin put at -80 dB, and the gate after the canceller
 * let it through in hard-edged bursts the VAD heard as onsets. No voice has its power there (a low voice's pitch starts
 * near 85 Hz); voice pipelines cut under 80 Hz at their input for the same reason (WebRTC's high-pass).
 */
const FOLD_FIRST_BIN = 2;
/** Deepest suppression (amplitude 1e-4, -80 dB): residual echo far below what the VAD could mistake for a voice. */
const GAIN_FLOOR = 0.0001;
/** Decision-directed smoothing of the a-priori SNR: 0.6 keeps onsets quick and limits musical noise. */
const DD_ALPHA = 0.6;
/** Room decay assumed for the residual between blocks until the room's own is read (RoomDecay), and its fastest: 60 dB over 250 ms. */
const TAIL_DECAY_PER_MS = 10 ** (-60 / 10 / 250);
/** Noise floor of the estimate (16-bit-scale spectrum units): keeps silent bins at unity gain. */
const NOISE_FLOOR = 1e-2;
/** Bins per ERLE band (16 bands of 500 Hz at 16 kHz): fine enough for the speaker's distortion, coarse enough to average. */
export const BAND_BINS = 8;
/** ERLE learning per block while the echo is alone (~0.1 s). */
const ERLE_SMOOTHING = 0.08;
/** ERLE believed at most (30 dB) and at least (0 dB). */
const MAX_ERLE = 30;
/**
 * A bin holds a voice other than the echo when the error stands this far (10 dB) over the residual estimate (itself
 * counted x2) of the bin and its two neighbours: the user's formants fall where the agent's residual is low (other
 * vowels, another pitch). The bin alone was not enough: a drifting or distorting speaker's residual sits a bin off the
 * estimate's harmonics, and in bench:echo --stress-only the echo alone then passed as a voice (paused 10 -> 12 cases,
 * longest echo taken for speech 680 -> 900 ms); with the neighbours, as on main (10 cases, 680 ms). But a user's onset
 * can stand between the agent's harmonics, a bin from the residual's peaks (kal16 in the study at +6 dB: 7-10 bins
 * over their own estimate for 72 ms, 1-5 with the neighbours), so the bin alone also counts once it holds
 * (SUSTAINED_BLOCKS).
 */
const VOICE_OVER_RESIDUAL = 10;
/** Bins where a voice is looked for: 250 Hz to 4 kHz (62.5 Hz bins at 16 kHz), where speech has its energy. */
const VOICE_FIRST_BIN = 4;
const VOICE_END_BIN = 64;
/**
 * Each bin against its own estimate counts where the last 4 blocks (32 ms), this one included, showed a voice 3 times:
 * the echo alone of a speaker drifting by 300 ppm (the office, +6 dB, a tuning case) showed one for 2 blocks in a row
 * at a time, and the user's onset in the study for 3 of every 4 blocks over 72 ms.
 */
const SUSTAINED_BLOCKS = 3;
const SUSTAINED_OF = 4;
/**
 * After a block with a voice over the bins' own estimates, the ERLE is not learned in the next block (8 ms): enough for
 * the onset to be found (kal16 in the study at +6 dB: 250 -> 230 ms, clean 210; 3 blocks did no better), short enough
 * that a residual estimate missing bins (a drifting speaker) cannot keep itself from learning them: no ERLE learning
 * for 48 ms after a voice over the neighbours' estimates gave a false stop in bench:echo --stress-only, and 3 blocks
 * here lowered the user's SNR in double talk in its bathroom cases (1.8 -> -3.4 dB).
 */
const HELD_ERLE_BLOCKS = 1;

export class ResidualSuppressor {
  readonly blockSize: number;
  private readonly fft: RealFft;
  private readonly window: Float64Array;
  private readonly frame: Float64Array;
  private readonly prevError: Float64Array;
  private readonly prevEcho: Float64Array;
  private readonly eRe: Float64Array;
  private readonly eIm: Float64Array;
  private readonly yRe: Float64Array;
  private readonly yIm: Float64Array;
  private readonly residual: Float64Array;
  private readonly errorPow: Float64Array;
  private readonly prevGain: Float64Array;
  private readonly prevPost: Float64Array;
  private readonly tailDecay: number;
  private readonly reverb: ReverbTail;
  /** The residual estimate without the room's tail (decaying 60 dB over 250 ms): a voice is looked for over it. */
  private readonly shortResidual: Float64Array;
  private readonly bandEcho: Float64Array;
  private readonly bandError: Float64Array;
  /** Per band: the linear filter's ERLE (power ratio, 1..MAX_ERLE). */
  readonly erle: Float64Array;
  /** Mean gain of the last block (diagnostics). */
  meanGain = 1;
  /** Bins of the last block where a voice stands over the residual estimate (VOICE_OVER_RESIDUAL), and their share of the error's power there. */
  voiceBins = 0;
  voiceShare = 0;
  /** Of the last SUSTAINED_OF blocks, those where NEAR_END_VOICE_BINS or more bins stood over their own residual estimate (bit 0: the newest). */
  private ownVoiceBlocks = 0;
  /** Blocks in a row after one that showed a voice over the bins' own estimates (ERLE held for the first HELD_ERLE_BLOCKS). */
  private heldErle = 0;
  /** The last block's error power kept by the per-bin gains (the user's, by the estimate) and its residual estimate. */
  private kept = 0;
  /** Residual estimate (spectral units) per unit of the echo estimate's mean square, from the last block with an echo estimate. */
  private residualPerEcho = 0;

  constructor(blockSize: number, sampleRate: number) {
    const N = blockSize;
    this.blockSize = N;
    this.fft = new RealFft(2 * N);
    const K = this.fft.bins;
    // Rising over the older block, flat over the newest: the gain is for the block that comes next.
    this.window = Float64Array.from({ length: 2 * N }, (_, n) => (n < N ? Math.sin((Math.PI * n) / (2 * N)) : 1));
    this.frame = new Float64Array(2 * N);
    this.prevError = new Float64Array(N);
    this.prevEcho = new Float64Array(N);
    this.eRe = new Float64Array(K);
    this.eIm = new Float64Array(K);
    this.yRe = new Float64Array(K);
    this.yIm = new Float64Array(K);
    this.residual = new Float64Array(K);
    this.errorPow = new Float64Array(K);
    this.prevGain = new Float64Array(K).fill(1);
    this.prevPost = new Float64Array(K).fill(1);
    this.reverb = new ReverbTail(K);
    this.shortResidual = new Float64Array(K);
    this.tailDecay = TAIL_DECAY_PER_MS ** ((N * 1000) / sampleRate);
    const bands = Math.ceil(K / BAND_BINS);
    this.bandEcho = new Float64Array(bands);
    this.bandError = new Float64Array(bands);
    this.erle = new Float64Array(bands).fill(1);
  }

  /** The filter's ERLE over all bands (power ratio, weighted by the echo's spectrum). */
  get erleOverall(): number {
    let y = 0;
    let e = 0;
    for (let b = 0; b < this.erle.length; b++) {
      y += this.bandEcho[b]!;
      e += this.bandError[b]!;
    }
    return e > 0 ? Math.max(1, y / e) : 1;
  }

  /** Forgets the learned ERLE (echo path changed: assume the filter removes nothing). */
  resetErle(): void {
    this.erle.fill(1);
    this.bandEcho.fill(0);
    this.bandError.fill(0);
  }

  /**
   * One block of the linear canceller's error and echo estimate ([-1, 1]). `echoAlone`: the
   * mic holds only echo now (ERLE may be learned). `floorEcho` (per bin power, optional): a
   * lower bound of the residual from the reference alone (EchoBound). `roomDecay`: the room's
   * echo power decay per block (RoomDecay), 0 while unknown. Returns the gain for
   * the next block: the per-bin Wiener gains folded into one broadband amplitude gain (the
   * share of the error's power they keep, from 94 Hz up: FOLD_FIRST_BIN). Applying it to the next block, as its samples
   * arrive, adds no delay: a synthesis filter bank would hold the audio back by a block, and
   * 16 ms moved Silero's windows enough to change barge-in decisions. Over echo alone it is
   * as deep as the per-bin gains; over the user's voice it is near 1 (the voice holds the
   * error's power), so the user is kept whole and only the residual under the voice remains.
   */
  nextGain(error: Float64Array, echo: Float64Array, echoAlone: boolean, floorEcho?: Float64Array, roomDecay = 0): number {
    const K = this.fft.bins;
    const S = 32768 / (2 * this.blockSize);
    this.analyse(this.prevError, error, this.eRe, this.eIm, S);
    this.analyse(this.prevEcho, echo, this.yRe, this.yIm, S);
    this.prevError.set(error);
    this.prevEcho.set(echo);
    // The last block showed a voice bin by bin: the user under a loud echo counts as echo alone by energy, and the ERLE
    // learned from them fell 15 -> 7 dB in 70 ms of an onset, thinning the bins that found them (see HELD_ERLE_BLOCKS).
    const voiceLast = (this.ownVoiceBlocks & 1) === 1;
    this.heldErle = voiceLast ? this.heldErle + 1 : 0;
    const learn = echoAlone && !(voiceLast && this.heldErle <= HELD_ERLE_BLOCKS);
    if (learn) this.learnErle();

    let gainSum = 0;
    let kept = 0;
    let total = 0;
    let residual = 0;
    let echoPower = 0;
    const decay = Math.max(this.tailDecay, roomDecay);
    // Where a voice showed in the last 4 blocks, the gain is taken against the residual without the room's tail: the tail
    // held the user's onset under a +6 dB echo for 300 ms more (bench:echo B2, +6 dB: barge-in p95 160 -> 460 ms).
    const voiceNear = this.ownVoiceBlocks !== 0;
    for (let k = 0; k < K; k++) {
      const e2 = this.eRe[k]! * this.eRe[k]! + this.eIm[k]! * this.eIm[k]!;
      const y2 = this.yRe[k]! * this.yRe[k]! + this.yIm[k]! * this.yIm[k]!;
      let now = (OVERESTIMATE * y2) / this.erle[Math.floor(k / BAND_BINS)]!;
      if (floorEcho) now = Math.max(now, floorEcho[k]!);
      const short = Math.max(now, this.shortResidual[k]! * this.tailDecay);
      this.shortResidual[k] = short;
      const long = Math.max(short, this.residual[k]! * decay, this.reverb.next(k, e2, y2, decay, learn));
      this.residual[k] = long;
      const r = voiceNear ? short : long;
      const post = e2 / (r + NOISE_FLOOR);
      this.errorPow[k] = e2;
      const prior = DD_ALPHA * this.prevGain[k]! * this.prevGain[k]! * this.prevPost[k]! + (1 - DD_ALPHA) * Math.max(post - 1, 0);
      const gain = Math.max(GAIN_FLOOR, prior / (1 + prior));
      this.prevGain[k] = gain;
      this.prevPost[k] = post;
      gainSum += gain;
      if (k >= FOLD_FIRST_BIN) {
        kept += gain * gain * e2;
        total += e2;
      }
      residual += r;
      echoPower += y2;
    }
    this.meanGain = gainSum / K;
    this.findVoice();
    this.kept = kept;
    const echoTime = meanSquare(echo);
    if (echoTime > 0 && echoPower > 0) this.residualPerEcho = residual / echoTime;
    // A silent block (digital zero) has nothing to keep or remove: unity.
    return total > 0 ? Math.max(GAIN_FLOOR, Math.sqrt(kept / total)) : 1;
  }

  /**
   * The gain for the next block, lowered at once when its echo estimate (known before the mic
   * captures it) rises above the last block's: the start of an agent's syllable is suppressed
   * in its first block, not one block late. `echoNext`: the mean square of the next block's
   * echo estimate. Its residual is taken in the proportion to the echo the last blocks showed.
   */
  ahead(lagged: number, echoNext: number): number {
    const residual = this.residualPerEcho * echoNext;
    if (!(residual > 0)) return lagged;
    return Math.min(lagged, Math.max(GAIN_FLOOR, Math.sqrt(this.kept / (this.kept + residual + NOISE_FLOOR))));
  }

  /** No echo is possible (nothing played for longer than the tail): forget the residual. */
  quiet(error: Float64Array): void {
    this.prevError.set(error);
    this.prevEcho.fill(0);
    this.residual.fill(0);
    this.reverb.clear();
    this.shortResidual.fill(0);
    this.voiceBins = 0;
    this.voiceShare = 0;
    this.ownVoiceBlocks = 0;
    this.heldErle = 0;
    this.prevGain.fill(1);
    this.prevPost.fill(1);
  }

  /**
   * The bins of the block just analysed where a voice stands over the residual estimate (VOICE_OVER_RESIDUAL): over the
   * bin's and its neighbours'; or, once that held for SUSTAINED_BLOCKS of the last SUSTAINED_OF blocks, over the bin's own.
   */
  private findVoice(): void {
    let bins = 0;
    let voice = 0;
    let ownBins = 0;
    let ownVoice = 0;
    let band = 0;
    for (let k = VOICE_FIRST_BIN; k < VOICE_END_BIN; k++) {
      const e2 = this.errorPow[k]!;
      band += e2;
      if (e2 <= VOICE_OVER_RESIDUAL * (this.shortResidual[k]! + NOISE_FLOOR)) continue;
      ownBins++;
      ownVoice += e2;
      if (e2 > VOICE_OVER_RESIDUAL * (Math.max(this.shortResidual[k - 1]!, this.shortResidual[k + 1]!) + NOISE_FLOOR)) {
        bins++;
        voice += e2;
      }
    }
    this.ownVoiceBlocks = ((this.ownVoiceBlocks << 1) | (ownBins >= NEAR_END_VOICE_BINS ? 1 : 0)) & ((1 << SUSTAINED_OF) - 1);
    if (bins < NEAR_END_VOICE_BINS && ownBins >= NEAR_END_VOICE_BINS && popCount(this.ownVoiceBlocks) >= SUSTAINED_BLOCKS) {
      bins = ownBins;
      voice = ownVoice;
    }
    this.voiceBins = bins;
    this.voiceShare = band > 0 ? voice / band : 0;
  }

  private learnErle(): void {
    const K = this.fft.bins;
    for (let b = 0; b < this.erle.length; b++) {
      let y2 = 0;
      let e2 = 0;
      for (let k = b * BAND_BINS; k < Math.min(K, (b + 1) * BAND_BINS); k++) {
        y2 += this.yRe[k]! * this.yRe[k]! + this.yIm[k]! * this.yIm[k]!;
        e2 += this.eRe[k]! * this.eRe[k]! + this.eIm[k]! * this.eIm[k]!;
      }
      this.bandEcho[b] = (1 - ERLE_SMOOTHING) * this.bandEcho[b]! + ERLE_SMOOTHING * y2;
      this.bandError[b] = (1 - ERLE_SMOOTHING) * this.bandError[b]! + ERLE_SMOOTHING * e2;
      if (this.bandError[b]! > 0) this.erle[b] = Math.min(MAX_ERLE, Math.max(1, this.bandEcho[b]! / this.bandError[b]!));
    }
  }

  private analyse(prev: Float64Array, cur: Float64Array, re: Float64Array, im: Float64Array, scale: number): void {
    const N = this.blockSize;
    for (let i = 0; i < N; i++) {
      this.frame[i] = prev[i]! * this.window[i]!;
      this.frame[N + i] = cur[i]! * this.window[N + i]!;
    }
    this.fft.forward(this.frame, re, im);
    for (let k = 0; k < re.length; k++) {
      re[k]! *= scale;
      im[k]! *= scale;
    }
  }
}

function popCount(bits: number): number {
  let n = 0;
  for (let b = bits; b !== 0; b >>= 1) n += b & 1;
  return n;
}
