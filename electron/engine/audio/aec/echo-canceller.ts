/**
 * The echo canceller on the engine's audio streams: the agent's output as written to the
 * device (the exact reference) in, microphone frames (16 kHz mono) in, the microphone with
 * the agent's voice removed out. Blocks of 8 ms; the output is two blocks (16 ms) late: one
 * to fill a block, one for the suppressor's overlap-add. Stages, each in its own file:
 *   ReferenceBuffer   the reference placed on the capture timeline (heard time = written + output latency)
 *   DelayEstimator    bulk delay, so the filter's window sits on the echo
 *   LinearCanceller   partitioned-block adaptive filter pair (MDF), step control, double-talk guard
 *   ResidualSuppressor spectral gain for what the linear filter leaves
 */
import { downmixToMono } from '../channels.js';
import { ENGINE_SAMPLE_RATE, type AudioFrame } from '../frame.js';
import type { ResamplerFactory, StreamResampler } from '../resampler.js';
import { DelayEstimator } from './delay-estimator.js';
import { LinearCanceller } from './linear-canceller.js';
import { ReferenceBuffer } from './reference-buffer.js';
import { BAND_BINS, ResidualSuppressor } from './residual-suppressor.js';
import { EchoBound } from './echo-bound.js';
import { SampleFifo } from './sample-fifo.js';

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
/** 128 samples (8 ms): a 256-point FFT, short enough that the cancelled audio is only 16 ms late. */
const BLOCK = 128;
/** A frame this far from where the stream was expected starts a new stream (device restart, a gap). */
const REANCHOR_SAMPLES = RATE / 50;
/** Echo-alone blocks (8 ms) before the attenuation is reported: 0.25 s. */
const ALONE_BLOCKS_TO_TRUST = 31;
const ATTENUATION_FALL_DB_PER_BLOCK = 0.02;

export class EchoCanceller {
  readonly latencyMs = ((2 * BLOCK) / RATE) * 1000;
  private readonly linear: LinearCanceller;
  private readonly suppressor: ResidualSuppressor;
  private readonly delay: DelayEstimator;
  private readonly reference = new ReferenceBuffer();
  private readonly suppression: boolean;
  private readonly resamplers: ResamplerFactory | undefined;
  private resampler: StreamResampler | null = null;
  private refNext: number | null = null;
  private micNext: number | null = null;
  /** Mic samples waiting for a full block, and processed samples waiting to go out. */
  private readonly pending = new SampleFifo();
  private readonly outQueue = new SampleFifo();
  /** The raw mic, delayed exactly as the output is (a gate can decide on it and apply to the output). */
  private readonly rawQueue = new SampleFifo();
  /** The raw mic samples lined up with the last output frame. */
  alignedInput = new Float32Array(0);
  private readonly micBlock = new Float64Array(BLOCK);
  private readonly refBlock = new Float64Array(BLOCK);
  private readonly rawRefBlock = new Float64Array(BLOCK);
  /** Filter window offset in blocks (the bulk delay). */
  private offsetBlocks = 0;
  private silentBlocks = Infinity;
  private readonly bound: EchoBound;
  private erleMic = 0;
  private erleOut = 0;
  /** ERLE over echo-alone blocks only (the user's voice must not lower it), mic vs output power. */
  private aloneMic = 0;
  private aloneOut = 0;
  private aloneBlocks = 0;
  private heldAttenuationDb = 0;
  /** The previous block's mic power and echo-alone flag: the suppressor's output is one block late. */
  private lastMicEnergy = 0;
  private lastEchoAlone = false;
  private readonly tailBlocks: number;

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
    this.resamplers = options.resamplers;
    this.bound = new EchoBound(this.linear.fft.bins, partitions);
    // Two blocks late in both modes: the suppressor's overlap-add is itself one block late.
    this.outQueue.pushZeros(this.suppression ? BLOCK : 2 * BLOCK);
    this.rawQueue.pushZeros(2 * BLOCK);
  }

  /**
   * How much of the echo the canceller removes now (dB, mic vs output over blocks holding the
   * agent's echo alone, ~0.25 s), or null until it has seen 0.25 s of such blocks (or the echo
   * path just changed). A gate after the canceller may trust its output by this much.
   */
  get attenuationDb(): number | null {
    if (this.aloneBlocks < ALONE_BLOCKS_TO_TRUST) return null;
    return this.heldAttenuationDb;
  }

  stats(): EchoCancellerStats {
    const erleDb = this.erleOut > 0 && this.erleMic > 1e-9 ? 10 * Math.log10(this.erleMic / this.erleOut) : null;
    return { delayMs: (this.offsetBlocks * BLOCK * 1000) / RATE, leak: this.linear.control.leak, adapted: this.linear.control.adapted, erleDb };
  }

  /** An output frame exactly as written to the device, and when its first sample is heard (clock ms). */
  pushReference(frame: AudioFrame, heardAtMs: number): void {
    let mono = frame.channels > 1 ? downmixToMono(frame.data, frame.channels) : frame.data;
    if (frame.sampleRate !== RATE) mono = this.toEngineRate(mono, frame.sampleRate);
    if (mono.length === 0) return;
    const stamped = Math.round((heardAtMs * RATE) / 1000);
    // Frames of one run follow each other exactly; the stamp only says where a new run starts.
    const position = this.refNext !== null && Math.abs(stamped - this.refNext) < REANCHOR_SAMPLES ? this.refNext : stamped;
    this.reference.write(position, mono);
    this.refNext = position + mono.length;
  }

  /** A microphone frame (16 kHz mono) -> the same number of samples, echo removed, `latencyMs` late. */
  process(frame: AudioFrame): AudioFrame {
    if (frame.sampleRate !== RATE || frame.channels !== 1) {
      throw new RangeError(`EchoCanceller: microphone frames must be ${RATE} Hz mono, got ${frame.sampleRate} Hz x${frame.channels}.`);
    }
    const stamped = Math.round((frame.timestampMs * RATE) / 1000);
    const expected = this.micNext === null ? null : this.micNext + this.pending.length;
    if (expected === null || Math.abs(stamped - expected) >= REANCHOR_SAMPLES) {
      // A new stream: blocks start here (what was pending is dropped with the old stream's alignment).
      this.micNext = stamped;
      this.pending.clear();
    }
    this.pending.push(frame.data);
    this.rawQueue.push(frame.data);
    while (this.pending.length >= BLOCK) {
      this.pending.shiftInto(this.micBlock);
      this.processBlock(this.micNext!);
      this.micNext! += BLOCK;
    }
    const data = new Float32Array(frame.data.length);
    this.outQueue.shiftInto(data);
    this.alignedInput = new Float32Array(frame.data.length);
    this.rawQueue.shiftInto(this.alignedInput);
    return { data, sampleRate: RATE, channels: 1, timestampMs: frame.timestampMs - this.latencyMs };
  }

  private processBlock(position: number): void {
    this.reference.read(position - this.offsetBlocks * BLOCK, this.refBlock);
    this.reference.read(position, this.rawRefBlock);
    const micEnergy = meanSquare(this.micBlock);
    const refEnergy = meanSquare(this.refBlock);
    if (this.delay.push(micEnergy, meanSquare(this.rawRefBlock))) this.followDelay();

    this.silentBlocks = refEnergy > 1e-10 ? 0 : this.silentBlocks + 1;
    let out: Float64Array;
    if (this.silentBlocks > this.tailBlocks + 2) {
      // Nothing played for longer than the tail: no echo can be in this block.
      this.linear.pushReference(this.refBlock);
      out = this.suppression ? this.suppressor.bypass(this.micBlock) : this.micBlock;
    } else {
      const { error, echo } = this.linear.process(this.micBlock, this.refBlock);
      if (this.linear.pathLost) {
        // The echo path changed: what the suppressor learned about the old filter no longer holds.
        this.suppressor.resetErle();
        this.bound.reset();
      }
      // The mic holds the echo alone when the echo estimate explains it (within 6 dB): then the
      // suppressor may learn how much of the echo the filter removes.
      const echoAlone = meanSquare(echo) * 4 > micEnergy && refEnergy > 1e-8;
      out = this.suppression
        ? this.suppressor.process(
            error,
            echo,
            echoAlone,
            this.bound.update(this.linear.history, this.linear.foreground, micEnergy, refEnergy, this.suppressor.erle, this.suppressor.erleOverall, BAND_BINS),
          )
        : error;
      const outEnergy = meanSquare(out);
      this.erleMic = 0.98 * this.erleMic + 0.02 * micEnergy;
      this.erleOut = 0.98 * this.erleOut + 0.02 * outEnergy;
      const lastMic = this.suppression ? this.lastMicEnergy : micEnergy;
      if (this.suppression ? this.lastEchoAlone : echoAlone) {
        // Over ~0.25 s of echo-alone blocks: follows a path change, ignores single loud blocks.
        this.aloneMic = 0.97 * this.aloneMic + 0.03 * lastMic;
        this.aloneOut = 0.97 * this.aloneOut + 0.03 * outEnergy;
        this.aloneBlocks++;
        // Held, falling 2.5 dB/s: a user speaking below the echo passes as 'echo alone' by energy
        // and would lower the figure exactly while they talk; a real loss of the path resets it.
        const now = 10 * Math.log10((this.aloneMic + 1e-12) / (this.aloneOut + 1e-12));
        this.heldAttenuationDb = Math.max(now, this.heldAttenuationDb - ATTENUATION_FALL_DB_PER_BLOCK);
      }
      this.lastMicEnergy = micEnergy;
      this.lastEchoAlone = echoAlone;
      if (this.linear.pathLost) {
        this.aloneBlocks = 0;
        this.heldAttenuationDb = 0;
      }
    }
    this.outQueue.push(out);
  }

  /** Moves the filter window when the echo's onset has left its first quarter. */
  private followDelay(): void {
    const est = this.delay.estimate;
    if (!est) return;
    const lag = est.blocks;
    const inWindow = lag >= this.offsetBlocks && lag <= this.offsetBlocks + Math.floor(this.tailBlocks / 4);
    if (inWindow) return;
    const next = Math.max(0, lag - 2);
    const moved = next - this.offsetBlocks;
    this.offsetBlocks = next;
    this.linear.foreground.shift(-moved);
    this.linear.background.shift(-moved);
    // Refill the reference history for the new window, oldest block first.
    const position = (this.micNext ?? 0) - next * BLOCK;
    const block = new Float64Array(BLOCK);
    for (let p = this.tailBlocks; p >= 1; p--) {
      this.reference.read(position - p * BLOCK, block);
      this.linear.pushReference(block);
    }
  }

  private toEngineRate(samples: Float32Array, rate: number): Float32Array {
    if (this.resamplers) {
      if (!this.resampler || this.resampler.inputRate !== rate) {
        this.resampler?.release();
        this.resampler = this.resamplers.create({ inputRate: rate, outputRate: RATE });
      }
      return this.resampler.process(samples);
    }
    return linearResample(samples, rate, RATE);
  }

  dispose(): void {
    this.resampler?.release();
    this.resampler = null;
  }
}

function meanSquare(block: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block[i]! * block[i]!;
  return sum / block.length;
}

/** Fallback when no resampler factory is given: linear interpolation (fine for the envelope, a few dB of ERLE lost above 4 kHz). */
function linearResample(samples: Float32Array, from: number, to: number): Float32Array {
  const n = Math.floor((samples.length * to) / from);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = (i * from) / to;
    const j = Math.floor(x);
    const f = x - j;
    out[i] = (samples[j] ?? 0) * (1 - f) + (samples[j + 1] ?? samples[j] ?? 0) * f;
  }
  return out;
}
