/**
 * Echo guard: keeps the agent's own voice (played by us, leaking back from the speakers) from
 * looking like the user. The app knows exactly what it played (PlaybackQueue `written`
 * frames), so it learns the echo path from that reference:
 *   - energy envelopes in 10 ms blocks of the reference and the mic;
 *   - the delay is the lag that best correlates the two envelopes (dB, Pearson) over the last
 *     few seconds of agent audio; the gain is the median mic/reference power ratio at that lag
 *     (the median tolerates the user talking over part of the window);
 *   - the predicted echo follows the reference through a ±10 ms window and a decaying
 *     300-500 ms memory (room reverberation keeps the echo alive after the agent's syllable);
 *   - a mic block counts as the user only if it exceeds the predicted echo by `marginDb`, two
 *     blocks in a row (residual echo peaks are single blocks; a voice is sustained); blocks
 *     that do not are zeroed before the VAD sees them.
 * Until enough agent audio has been heard to estimate (about half a second), the prediction is
 * conservative: echo as loud as the output at any lag up to `maxDelayMs`. When the agent is
 * silent the prediction is silence and every block passes. It is a gate, not a canceller: the
 * user's voice passes untouched when it is clearly above the echo.
 */
import type { AudioFrame } from '../audio/frame.js';

export interface EchoGuardOptions {
  marginDb: number;
  maxDelayMs: number;
  /** Envelope resolution. 10 ms: fine enough for the delay, coarse enough to be cheap. */
  blockMs?: number;
  /** How much history the estimate uses. 3 s spans several words of agent speech. */
  historyMs?: number;
  /** Gain assumed before an estimate exists (0 dB = as loud as the output). */
  priorGainDb?: number;
}

export interface EchoEstimate {
  delayMs: number;
  gainDb: number;
  /** Envelope correlation at the chosen delay (0..1); low means no clear echo path. */
  correlation: number;
}

export interface EchoGateResult {
  /** The frame for the VAD: blocks judged to be echo are zeroed. */
  frame: AudioFrame;
  /** Blocks that passed as the user's (louder than the predicted echo by the margin). */
  passedBlocks: number;
  gatedBlocks: number;
}

/** Below this the reference counts as silent (-70 dBFS). */
const SILENT_POWER = 1e-7;
/** A predicted echo under this (-90 dBFS) is none: every block passes. */
const NO_ECHO_POWER = SILENT_POWER * 0.01;
/** Active reference blocks needed before estimating (0.5 s of agent audio). */
const MIN_BLOCKS_TO_ESTIMATE = 50;
/** Reverberation memory: 500 ms, decaying 1.2 dB per 10 ms block (60 dB over 500 ms: a lively living room). */
const REVERB_BLOCKS = 50;
const REVERB_DECAY_PER_BLOCK = 10 ** (-1.2 / 10);
/** Re-estimate every this many mic blocks (250 ms). */
const REESTIMATE_EVERY_BLOCKS = 25;

export class EchoGuard {
  private readonly blockMs: number;
  private readonly historyBlocks: number;
  private readonly reference = new Map<number, number>();
  private readonly micHistory: { block: number; power: number }[] = [];
  private sinceEstimate = 0;
  private previousAbove = false;
  private estimateNow: EchoEstimate | null = null;
  private options: Required<EchoGuardOptions>;

  constructor(options: EchoGuardOptions) {
    this.options = { blockMs: 10, historyMs: 3000, priorGainDb: 0, ...options };
    this.blockMs = this.options.blockMs;
    this.historyBlocks = Math.round(this.options.historyMs / this.blockMs);
  }

  get estimate(): EchoEstimate | null {
    return this.estimateNow;
  }

  updateOptions(options: Partial<Pick<EchoGuardOptions, 'marginDb' | 'maxDelayMs'>>): void {
    this.options = { ...this.options, ...options };
  }

  /** An output frame exactly as written to the device, stamped with the clock time written. */
  pushReference(frame: AudioFrame): void {
    const perBlock = Math.max(1, Math.round((frame.sampleRate * this.blockMs) / 1000)) * frame.channels;
    for (let start = 0; start < frame.data.length; start += perBlock) {
      const end = Math.min(frame.data.length, start + perBlock);
      let sum = 0;
      for (let i = start; i < end; i++) sum += frame.data[i]! * frame.data[i]!;
      const tMs = frame.timestampMs + ((start / frame.channels) * 1000) / frame.sampleRate;
      const block = Math.floor(tMs / this.blockMs);
      this.reference.set(block, Math.max(this.reference.get(block) ?? 0, sum / (end - start)));
    }
    this.prune(Math.floor(frame.timestampMs / this.blockMs));
  }

  /** Gates one mic frame (16 kHz mono). */
  processMic(frame: AudioFrame): EchoGateResult {
    const perBlock = Math.max(1, Math.round((frame.sampleRate * this.blockMs) / 1000));
    const out = new Float32Array(frame.data);
    let passedBlocks = 0;
    let gatedBlocks = 0;
    for (let start = 0; start < frame.data.length; start += perBlock) {
      const end = Math.min(frame.data.length, start + perBlock);
      let sum = 0;
      for (let i = start; i < end; i++) sum += frame.data[i]! * frame.data[i]!;
      const power = sum / (end - start);
      const block = Math.floor((frame.timestampMs + (start * 1000) / frame.sampleRate) / this.blockMs);
      const predicted = this.predictedEcho(block);
      if (this.referenceActiveNear(block)) this.remember(block, power);
      const above = predicted <= NO_ECHO_POWER || power > predicted * 10 ** (this.options.marginDb / 10);
      // Over a live echo, one block above the margin is not enough: residual echo peaks are
      // single blocks, a voice is sustained. The second block in a row passes (10 ms later).
      const passes = above && (predicted <= NO_ECHO_POWER || this.previousAbove);
      this.previousAbove = above;
      if (passes) {
        passedBlocks++;
      } else {
        out.fill(0, start, end);
        gatedBlocks++;
      }
    }
    return { frame: { ...frame, data: out }, passedBlocks, gatedBlocks };
  }

  /** Whether any 10 ms block of this mic frame may hold the agent's echo (it or its room's reverberation is still sounding). */
  expectsEcho(frame: AudioFrame): boolean {
    const first = Math.floor(frame.timestampMs / this.blockMs);
    const last = Math.floor((frame.timestampMs + (frame.data.length * 1000) / frame.sampleRate - 1e-6) / this.blockMs);
    for (let block = first; block <= last; block++) if (this.predictedEcho(block) > NO_ECHO_POWER) return true;
    return false;
  }

  /** Predicted echo power in a mic block. */
  predictedEcho(block: number): number {
    const est = this.estimateNow;
    if (est === null) {
      const lags = Math.ceil(this.options.maxDelayMs / this.blockMs);
      let max = 0;
      for (let k = 0; k <= lags + 1; k++) max = Math.max(max, this.reference.get(block - k) ?? 0);
      return max * 10 ** (this.options.priorGainDb / 10);
    }
    return this.smoothedReference(block - Math.round(est.delayMs / this.blockMs)) * 10 ** (est.gainDb / 10);
  }

  /**
   * The reference envelope the echo follows: max over ±1 block (a delay estimate off by a
   * block) and a decaying memory of the last 500 ms (room reverberation keeps sound alive
   * after the reference drops).
   */
  private smoothedReference(block: number): number {
    let env = this.reference.get(block + 1) ?? 0;
    let weight = 1;
    for (let k = 0; k <= REVERB_BLOCKS; k++) {
      env = Math.max(env, (this.reference.get(block - k) ?? 0) * (k <= 1 ? 1 : weight));
      if (k >= 1) weight *= REVERB_DECAY_PER_BLOCK;
    }
    return env;
  }

  private referenceActiveNear(block: number): boolean {
    const lags = Math.ceil(this.options.maxDelayMs / this.blockMs);
    for (let k = 0; k <= lags; k++) if ((this.reference.get(block - k) ?? 0) > SILENT_POWER) return true;
    return false;
  }

  private remember(block: number, power: number): void {
    this.micHistory.push({ block, power });
    if (this.micHistory.length > this.historyBlocks) this.micHistory.shift();
    if (++this.sinceEstimate >= REESTIMATE_EVERY_BLOCKS && this.micHistory.length >= MIN_BLOCKS_TO_ESTIMATE) {
      this.sinceEstimate = 0;
      this.reestimate();
    }
  }

  private reestimate(): void {
    const lags = Math.ceil(this.options.maxDelayMs / this.blockMs);
    const toDb = (p: number) => 10 * Math.log10(p + 1e-10);
    let best: { lag: number; r: number } | null = null;
    for (let lag = 0; lag <= lags; lag++) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (const h of this.micHistory) {
        const ref = this.reference.get(h.block - lag) ?? 0;
        if (ref <= SILENT_POWER) continue;
        xs.push(toDb(ref));
        ys.push(toDb(h.power));
      }
      if (xs.length < MIN_BLOCKS_TO_ESTIMATE / 2) continue;
      const r = pearson(xs, ys);
      if (best === null || r > best.r) best = { lag, r };
    }
    if (best === null) return;
    const ratios: number[] = [];
    for (const h of this.micHistory) {
      const ref = this.smoothedReference(h.block - best.lag);
      if (ref > SILENT_POWER) ratios.push(h.power / ref);
    }
    if (ratios.length === 0) return;
    ratios.sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    this.estimateNow = { delayMs: best.lag * this.blockMs, gainDb: toDb(median), correlation: Math.max(0, best.r) };
  }

  private prune(latestBlock: number): void {
    const oldest = latestBlock - this.historyBlocks - Math.ceil(this.options.maxDelayMs / this.blockMs) - 2;
    for (const key of this.reference.keys()) {
      if (key < oldest) this.reference.delete(key);
      else break; // Map keeps insertion order, which is time order for the reference
    }
  }
}

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
