/**
 * The echo canceller on the engine's audio streams: the agent's output as written to the
 * device (the exact reference) in, microphone frames (16 kHz mono) in, the microphone with
 * the agent's voice removed out, sample for sample and not late: the echo estimate of each
 * 8 ms block comes from the reference before the mic captures it, and the suppressor's gain
 * from the blocks before. A delayed output moved Silero's 32 ms windows and changed barge-in
 * decisions even where there was no echo at all.
 *
 * When the linear filter finds no echo of the reference in the mic (EchoCoupling), the output
 * IS the mic: with headphones, or no speaker, turning the canceller on changes nothing (the
 * suppressor, fed a coarse start-up estimate, would otherwise dim a user talking over the
 * agent). The switch either way is a cross-fade over one block. Stages, each in its own file:
 *   ReferenceIntake   the reference placed on the capture timeline (heard time = written + output latency)
 *   DelayEstimator    bulk delay, so the filter's window sits on the echo
 *   LinearCanceller   partitioned-block adaptive filter pair (MDF), step control, double-talk guard
 *   ResidualSuppressor spectral gain for what the linear filter leaves
 *   HeldAttenuation   how much of the echo it removes, for a gate after it
 */
import { ENGINE_SAMPLE_RATE, type AudioFrame } from '../frame.js';
import type { ResamplerFactory } from '../resampler.js';
import { DelayEstimator } from './delay-estimator.js';
import { LinearCanceller } from './linear-canceller.js';
import { ReferenceBuffer } from './reference-buffer.js';
import { BAND_BINS, ResidualSuppressor } from './residual-suppressor.js';
import { EchoBound } from './echo-bound.js';
import { EchoCoupling } from './echo-coupling.js';
import { PathWatch, VANISHED_RATIO } from './path-watch.js';
import { NEAR_END_VOICE_BINS, NearEndVoice } from './near-end-voice.js';
import { ForegroundRemoval, MOVED_BELOW_DB } from './foreground-removal.js';
import { HeldAttenuation } from './held-attenuation.js';
import { RoomDecay } from './room-decay.js';
import { meanSquare } from './mean-square.js';
import { REANCHOR_SAMPLES, ReferenceIntake } from './reference-intake.js';

export interface EchoCancellerOptions {
  /**
   * Echo tail the filter models. 256 ms covers the direct path and early reflections of a
   * living room (T60 up to ~0.9 s leaves its late tail > 25 dB down at a laptop's distance);
   * the suppressor takes the rest.
   */
  tailMs?: number;
  /** Longest bulk delay searched (device buffers, Bluetooth). */
  maxDelayMs?: number;
  /** Residual echo suppression after the linear filter (on by default). */
  suppression?: boolean;
  /** For references at another rate than 16 kHz (the output device's rate). */
  resamplers?: ResamplerFactory;
}

export interface EchoCancellerStats {
  /** Bulk delay in front of the filter window (ms). */
  delayMs: number;
  /** Residual fraction of the echo estimate (0.005..1); low = converged. */
  leak: number;
  adapted: boolean;
  /** Echo return loss enhancement of the last ~0.5 s of agent audio, mic vs output (dB), null while the agent is silent. */
  erleDb: number | null;
}

const RATE = ENGINE_SAMPLE_RATE;
/** 128 samples (8 ms): a 256-point FFT; the filter's window and the suppressor's gain move in these steps. */
const BLOCK = 128;
/** The window moves this much less than an echo that moved (32 ms of the 256 ms tail): 16 ms left it after the onset of a 230 ms jump. */
const JUMP_MARGIN_BLOCKS = 4;
/**
 * The suppressor's spectrum units per unit of block mean square (its 256-point analysis of a
 * 16-bit-scale block, one-sided: 128^2 * 128^2); the older block enters its window at half power.
 */
const SPECTRUM_PER_POWER = 2 ** 28;

export class EchoCanceller {
  /** The output is not late (see the header). */
  readonly latencyMs = 0;
  private readonly linear: LinearCanceller;
  private readonly suppressor: ResidualSuppressor;
  private readonly delay: DelayEstimator;
  private readonly reference = new ReferenceBuffer();
  private readonly intake: ReferenceIntake;
  private readonly coupling = new EchoCoupling();
  private readonly watch = new PathWatch();
  /** Where the suppressor found a voice over its residual estimate, bin by bin, on the capture clock (a gate after the canceller asks it). */
  readonly nearEndVoice = new NearEndVoice();
  private readonly suppression: boolean;
  /** Stream position of the current block's first sample, and how many of its samples have come. */
  private blockStart: number | null = null;
  private filled = 0;
  private readonly micBlock = new Float64Array(BLOCK);
  private readonly refBlock = new Float64Array(BLOCK);
  private readonly rawRefBlock = new Float64Array(BLOCK);
  /** What the current block subtracts from the mic (the linear echo estimate), zero while no echo is possible. */
  private subtract: Float64Array<ArrayBufferLike> = new Float64Array(BLOCK);
  private readonly noEcho = new Float64Array(BLOCK);
  /** Nothing played for longer than the tail: the current block cannot hold echo. */
  private idle = true;
  /** The suppressor's gain, ramped over the block from the last one's, and the processed output's share (0 = the mic). */
  private gainFrom = 1;
  private gainTo = 1;
  private nextGain = 1;
  private mixFrom = 1;
  private mixTo = 1;
  private lastFramePassed = true;
  /** Power of the processed block (before the mix): the canceller's own attenuation is measured on it. */
  private processedSum = 0;
  /** Filter window offset in blocks (the bulk delay). */
  private offsetBlocks = 0;
  private silentBlocks = Infinity;
  private readonly bound: EchoBound;
  private erleMic = 0;
  private erleOut = 0;
  /** ERLE over echo-alone blocks only (the user's voice must not lower it), mic vs output power. */
  private readonly held = new HeldAttenuation();
  /** The filter has learned the echo path at least once (EchoBound's start-up estimate ended). */
  private pathLearnedOnce = false;
  private readonly tailBlocks: number;
  private prevErrorPower = 0;
  private readonly removal = new ForegroundRemoval();
  private readonly roomDecay = new RoomDecay();

  constructor(options: EchoCancellerOptions = {}) {
    const tailMs = options.tailMs ?? 256;
    const partitions = Math.max(1, Math.ceil((tailMs * RATE) / 1000 / BLOCK));
    this.tailBlocks = partitions;
    this.linear = new LinearCanceller({ blockSize: BLOCK, partitions, sampleRate: RATE });
    this.suppressor = new ResidualSuppressor(BLOCK, RATE);
    const maxLag = Math.ceil(((options.maxDelayMs ?? 500) * RATE) / 1000 / BLOCK);
    // 3 s of envelope, re-estimated every 0.25 s.
    this.delay = new DelayEstimator(maxLag, 375, 32);
    this.suppression = options.suppression ?? true;
    this.intake = new ReferenceIntake(this.reference, options.resamplers);
    this.bound = new EchoBound(this.linear.fft.bins, partitions);
  }

  /**
   * How much of the echo the canceller removes now (dB, mic vs output over blocks holding the
   * agent's echo alone, ~0.25 s), or null until it has seen 0.25 s of such blocks (or the echo
   * path just changed), and while it passes the mic through. A gate after the canceller may
   * trust its output by this much.
   */
  get attenuationDb(): number | null {
    return this.coupling.state === 'absent' ? null : this.held.db;
  }

  /**
   * The filter had the echo path and its estimate no longer explains the mic (the echo moved:
   * an output latency that grew, a laptop moved), until it has the path again (at most 2 s):
   * the output may then be raw echo, and a gate after the canceller must not take it for the user.
   */
  get pathUnexplained(): boolean {
    return this.watch.unexplained;
  }

  /** The last frame out was the mic itself, bit for bit (no echo path in it, or nothing played). */
  get passedThrough(): boolean {
    return this.lastFramePassed;
  }

  stats(): EchoCancellerStats {
    const erleDb = this.erleOut > 0 && this.erleMic > 1e-9 ? 10 * Math.log10(this.erleMic / this.erleOut) : null;
    return { delayMs: (this.offsetBlocks * BLOCK * 1000) / RATE, leak: this.linear.control.leak, adapted: this.linear.control.adapted, erleDb };
  }

  /** An output frame exactly as written to the device, and when its first sample is heard (clock ms). */
  pushReference(frame: AudioFrame, heardAtMs: number): void {
    this.intake.push(frame, heardAtMs);
  }

  /**
   * The speaker was lost (unplugged, or the system's default output changed): what plays when audio is heard again may
   * be another loudspeaker. Its saturation is learned afresh from the reference as played; the echo path itself is
   * found again by the filter as after any change (divergence, a moved echo), so a speaker that comes back loses nothing.
   */
  speakerChanged(): void {
    this.linear.drivePlayed();
  }

  /** A microphone frame (16 kHz mono) -> the same samples with the echo removed, same timestamp. */
  process(frame: AudioFrame): AudioFrame {
    if (frame.sampleRate !== RATE || frame.channels !== 1) {
      throw new RangeError(`EchoCanceller: microphone frames must be ${RATE} Hz mono, got ${frame.sampleRate} Hz x${frame.channels}.`);
    }
    const stamped = Math.round((frame.timestampMs * RATE) / 1000);
    const expected = this.blockStart === null ? null : this.blockStart + this.filled;
    if (expected === null || Math.abs(stamped - expected) >= REANCHOR_SAMPLES) {
      // A new stream: blocks start here (a partial block is dropped with the old stream's alignment).
      this.blockStart = stamped;
      this.filled = 0;
    }
    const input = frame.data;
    const data = new Float32Array(input.length);
    let passed = true;
    for (let i = 0; i < input.length; i++) {
      if (this.filled === 0) this.startBlock();
      const d = input[i]!;
      const t = (this.filled + 1) / BLOCK;
      const processed = (d - this.subtract[this.filled]!) * (this.gainFrom + (this.gainTo - this.gainFrom) * t);
      this.processedSum += processed * processed;
      const mix = this.mixFrom + (this.mixTo - this.mixFrom) * t;
      // The mic itself, not a product with 1: bit for bit what it would be without the canceller.
      data[i] = mix === 0 ? d : mix === 1 ? processed : mix * processed + (1 - mix) * d;
      if (data[i] !== d) passed = false;
      this.micBlock[this.filled++] = d;
      if (this.filled === BLOCK) {
        this.endBlock();
        this.blockStart! += BLOCK;
        this.filled = 0;
      }
    }
    this.lastFramePassed = passed;
    return { data, sampleRate: RATE, channels: 1, timestampMs: frame.timestampMs };
  }

  /** Before the block's first sample: its echo estimate (from the reference alone), its gain and mix. */
  private startBlock(): void {
    const position = this.blockStart! + this.filled;
    this.reference.read(position - this.offsetBlocks * BLOCK, this.refBlock);
    this.reference.read(position, this.rawRefBlock);
    this.silentBlocks = meanSquare(this.refBlock) > 1e-10 ? 0 : this.silentBlocks + 1;
    this.idle = this.silentBlocks > this.tailBlocks + 2;
    this.linear.pathAbsent = this.coupling.state === 'absent';
    if (this.idle) {
      // Nothing played for longer than the tail: no echo can be in this block.
      this.linear.pushReference(this.refBlock);
      this.subtract = this.noEcho;
    } else {
      this.subtract = this.linear.predict(this.refBlock);
    }
    this.gainFrom = this.gainTo;
    this.gainTo = this.suppression ? (this.idle ? this.nextGain : this.suppressor.ahead(this.nextGain, meanSquare(this.linear.echoEstimate))) : 1;
    this.mixFrom = this.mixTo;
    this.mixTo = this.coupling.state === 'absent' ? 0 : 1;
    this.processedSum = 0;
  }

  /** After the block's last sample: the filter adapts, the suppressor computes the next gain. */
  private endBlock(): void {
    const micEnergy = meanSquare(this.micBlock);
    const refEnergy = meanSquare(this.refBlock);
    const outEnergy = this.processedSum / BLOCK;
    const delayChanged = this.delay.push(micEnergy, meanSquare(this.rawRefBlock), this.watch.unexplained || this.coupling.removedDb < MOVED_BELOW_DB);
    if (this.idle) {
      this.suppressor.quiet(this.micBlock);
      this.nearEndVoice.clear();
      this.nextGain = 1;
      if (delayChanged) this.followDelay();
      return;
    }
    const { error, echo } = this.linear.update(this.micBlock);
    // After the update: the filter's window may move now, for the next block.
    if (delayChanged) this.followDelay();
    const errorPower = meanSquare(error);
    const echoPower = meanSquare(echo);
    const playing = refEnergy > 1e-8;
    const wasUnexplained = this.watch.unexplained;
    this.coupling.update(micEnergy, errorPower, refEnergy, this.delay.bestCorrelation);
    this.watch.update(micEnergy, echoPower, playing, this.coupling.removedDb, this.held.converged);
    if (this.linear.pathLost) {
      // The echo path changed: what the suppressor learned about the old filter no longer holds.
      this.suppressor.resetErle();
      this.bound.reset();
    }
    // The mic holds the echo alone when the echo estimate explains it (within 6 dB): then the
    // suppressor may learn how much of the echo the filter removes. Until the filter has first
    // learned the path, also not when the estimate is 6 dB above the mic: that is a filter
    // predicting echo that is not there yet (with an unreported output latency the reference's
    // speech reaches the window before its echo reaches the mic), and those blocks "measured"
    // 6 dB, which ended the start-up estimate before the echo came. Later (a syllable's end, a
    // path re-learned after double talk) such blocks are echo: without them the start-up
    // estimate came back after a path reset in double talk and dimmed the user (1.5 dB SNR).
    if (this.bound.learned) this.pathLearnedOnce = true;
    // Nor a block where the filters were dropped with their estimate 25 dB over the mic (the echo vanished): over room noise
    // it read as 30 dB removed and the suppressor credited an empty filter (a 20 -> 250 ms latency jump: 2-3 pauses).
    const vanished = this.linear.pathLost && echoPower > VANISHED_RATIO * micEnergy;
    const echoAlone = echoPower * 4 > micEnergy && (this.pathLearnedOnce || echoPower < micEnergy * 4) && playing && !vanished;
    this.roomDecay.update(refEnergy, micEnergy, echoPower * 4 > micEnergy);
    if (this.suppression) {
      const floor = this.bound.update(
        this.linear.history,
        this.linear.foreground,
        this.linear.echoPathPower,
        micEnergy,
        refEnergy,
        this.suppressor.erle,
        this.suppressor.erleOverall,
        BAND_BINS,
      );
      this.nextGain = this.suppressor.nextGain(error, echo, echoAlone, floor, this.roomDecay.perBlock);
      // The user's voice, for the filter pair (LinearCanceller.nearEnd): bins over the residual and the mic 3 dB over the echo
      // estimate (the bins alone also showed in 0.4 % of echo-alone blocks of distorting, drifting speakers at +6 dB; with the margin 0.1 %).
      // Only while the foreground removes the echo where no voice shows (ForegroundRemoval): a stale one has nothing to keep.
      const voiceless = this.suppressor.voiceBins < NEAR_END_VOICE_BINS;
      this.removal.update(micEnergy, errorPower, echoAlone, voiceless);
      this.linear.nearEnd = this.removal.removes && !voiceless && micEnergy > 2 * echoPower;
      this.nearEndVoice.push((this.blockStart! * 1000) / RATE, (BLOCK * 1000) / RATE, errorPower, this.suppressor.voiceBins, this.suppressor.voiceShare);
      this.bound.learnScale(SPECTRUM_PER_POWER * (errorPower + 0.5 * this.prevErrorPower), echoAlone);
    }
    this.prevErrorPower = errorPower;
    this.erleMic = 0.98 * this.erleMic + 0.02 * micEnergy;
    this.erleOut = 0.98 * this.erleOut + 0.02 * outEnergy;
    if (echoAlone) this.held.echoAlone(micEnergy, outEnergy);
    // The filter's leak back at 1 after it had converged: its estimate no longer explains the echo (the path or the
    // output latency changed, and a stale foreground predicts the echo at the old lag rather than making the mic
    // louder, so pathLost does not fire). The held figure would keep crediting it for seconds while it removes
    // nothing, and the gate after it would pass the raw echo as the user (a false stop 1.3 s after a +110 ms change).
    const leakCameBack = this.held.leakCameBack(this.linear.control.leak);
    if (this.linear.pathLost || leakCameBack || (this.watch.unexplained && !wasUnexplained)) this.held.restart();
  }

  /** The echo moved to another lag: the filters start again, and what the suppressor learned of them and the attenuation they earned no longer hold. */
  private forgetPath(): void {
    this.watch.lost();
    this.linear.dropPath();
    this.suppressor.resetErle();
    this.bound.reset();
    this.held.restart();
  }

  /** Moves the filter window when the echo's onset has left its first quarter. */
  private followDelay(): void {
    const est = this.delay.estimate;
    if (!est) return;
    const lag = est.blocks;
    const inWindow = lag >= this.offsetBlocks && lag <= this.offsetBlocks + Math.floor(this.tailBlocks / 4);
    if (inWindow) return;
    // An echo that moved takes the window along by as much, measured envelope peak to envelope peak, less a margin (the
    // peaks are a block or two off either way, and a window that starts after the echo's onset loses the direct path);
    // one found for the first time gets the window from 16 ms before its peak.
    const next = Math.max(0, this.delay.moved ? this.offsetBlocks + this.delay.jumpBlocks - JUMP_MARGIN_BLOCKS : lag - 2);
    const moved = next - this.offsetBlocks;
    this.offsetBlocks = next;
    this.coupling.windowMoved();
    if (this.delay.moved) {
      // The echo itself moved (an output latency that grew): what the filter learned sits at the old lag, a fraction of
      // a block off at best. It starts again at full speed, as at the first syllable.
      this.forgetPath();
    } else {
      // An echo found where it was all along: the window moves over it, and the coefficients move back by as much.
      this.linear.foreground.shift(-moved);
      this.linear.background.shift(-moved);
    }
    // Refill the reference history for the new window, oldest block first, up to this block
    // (the next block's prediction pushes its own).
    const position = (this.blockStart ?? 0) - next * BLOCK;
    const block = new Float64Array(BLOCK);
    for (let p = this.tailBlocks - 1; p >= 0; p--) {
      this.reference.read(position - p * BLOCK, block);
      this.linear.pushReference(block);
    }
  }

  dispose(): void {
    this.intake.dispose();
  }
}
