import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../clock.js';
import { nullLogger, type Logger } from '../logger.js';
import { upmixFromMono } from './channels.js';
import type { AudioFrame } from './frame.js';
import { GainRamp, dbToGain } from './gain-ramp.js';
import type { AudioOutput } from './ports.js';
import type { ResamplerFactory, StreamResampler } from './resampler.js';
import { TurnAudio } from './turn-audio.js';

export type PlaybackQueueEvents = {
  playbackStarted: [{ turnId: string }];
  playbackFinished: [{ turnId: string; interrupted: boolean; playedMs: number }];
  /** Every output frame exactly as handed to the device; timestampMs = clock time written (echo guard reference). */
  written: [AudioFrame];
  /** The output lost its device (it retries by itself): what plays once it is back may be another loudspeaker. */
  outputLost: [];
};

export interface PlaybackQueueOptions {
  output: AudioOutput;
  clock: Clock;
  /** 20 ms: every operation takes effect within one frame, and 20 ms is the engine's frame (docs/architecture.md). */
  frameMs?: number;
  /**
   * How far ahead of real time audio is handed to the device. One frame: enough to ride
   * over timer jitter, and nothing more sits beyond the queue's reach when clear() comes.
   */
  leadMs?: number;
  /** Needed when chunks arrive at a rate other than the device's (TTS at 24 kHz, device at 48 kHz). */
  resamplers?: ResamplerFactory;
  logger?: Logger;
}

/** Turn ids remembered as cleared, so late chunks of a cancelled turn are dropped; old ones are forgotten past this. */
const CLEARED_MEMORY = 1000;

/**
 * Sits between TTS and the output device. Chunks are tagged with their turn; the queue
 * paces frames to the device in real time, a frame (or two) ahead, so clear/duck/pause
 * act within one frame. It keeps, per turn, when each written sample will be heard, so
 * `playedMs` says how much of the turn the person has actually heard.
 */
export class PlaybackQueue extends EventEmitter<PlaybackQueueEvents> {
  private readonly output: AudioOutput;
  private readonly clock: Clock;
  private readonly frameMs: number;
  private readonly leadMs: number;
  private readonly samplesPerFrame: number;
  private readonly resamplers: ResamplerFactory | undefined;
  private readonly logger: Logger;
  private readonly gain: GainRamp;
  /** Turns waiting or playing, in play order. */
  private readonly turns: TurnAudio[] = [];
  /** Turns fully written, waiting for their last sample to be heard. */
  private readonly draining = new Map<string, { turn: TurnAudio; timer: TimerHandle }>();
  private readonly cleared = new Set<string>();
  private readonly finishedPlayedMs = new Map<string, number>();
  private timer: TimerHandle | undefined;
  /** Clock time at which the device started on the current run of continuous audio; null when idle. */
  private anchorMs: number | null = null;
  private samplesSinceAnchor = 0;
  private isPaused = false;
  /** Whose audio the device was handed last: only that turn's audio can still sit in its buffer. */
  private lastWrittenTurnId: string | null = null;
  /** Samples that arrived for turns already finished (logged; should stay 0). */
  lateDroppedSamples = 0;
  private readonly onOutputError = () => this.emit('outputLost');

  constructor(options: PlaybackQueueOptions) {
    super();
    this.output = options.output;
    this.clock = options.clock;
    this.frameMs = options.frameMs ?? 20;
    this.leadMs = options.leadMs ?? this.frameMs;
    if (!(this.frameMs > 0 && this.frameMs <= 100)) throw new RangeError(`PlaybackQueue: frameMs must be in (0, 100], got ${this.frameMs}.`);
    if (!(this.leadMs >= 0)) throw new RangeError(`PlaybackQueue: leadMs must be >= 0, got ${this.leadMs}.`);
    this.samplesPerFrame = Math.max(1, Math.round((this.output.sampleRate * this.frameMs) / 1000));
    this.resamplers = options.resamplers;
    this.logger = options.logger ?? nullLogger;
    this.gain = new GainRamp(this.output.sampleRate);
    this.output.on('error', this.onOutputError);
  }

  /** Time between handing a sample to the device and it being heard: the device's own latency plus our lead. */
  get outputLatencyMs(): number {
    return this.output.latencyMs + this.leadMs;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  enqueue(turnId: string, samples: Float32Array, sampleRate: number): void {
    if (this.cleared.has(turnId)) return;
    if (!(samples instanceof Float32Array)) throw new TypeError('PlaybackQueue.enqueue: samples must be a Float32Array (mono).');
    if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`PlaybackQueue.enqueue: bad sample rate ${sampleRate}.`);
    if (this.finishedPlayedMs.has(turnId) || this.draining.has(turnId)) {
      // Too late to play in order: the turn's end has already been written. Counted and logged.
      this.lateDroppedSamples += samples.length;
      this.logger.warn('playback: audio arrived after its turn finished playing; dropped', { turnId, samples: samples.length });
      return;
    }
    // Audio after endTurn() while the turn is still queued still plays: a final may overtake the last chunk.
    const turn = this.turns.find((t) => t.turnId === turnId) ?? this.addTurn(new TurnAudio(turnId, this.frameMs));
    // Converted to the device rate a frame at a time as it is played (pump), never the whole chunk here.
    turn.source.append(samples, sampleRate, (rate) => this.resamplerFor(rate));
    // After endTurn nothing follows it: its resampler's tail is played too (it was lost, its converter kept).
    if (turn.ended) turn.source.close();
    this.kick();
  }

  endTurn(turnId: string): void {
    if (this.cleared.has(turnId) || this.finishedPlayedMs.has(turnId) || this.draining.has(turnId)) return;
    const turn = this.turns.find((t) => t.turnId === turnId) ?? this.addTurn(new TurnAudio(turnId, this.frameMs));
    if (turn.ended) return;
    turn.ended = true;
    turn.source.close();
    this.kick();
  }

  clear(turnId: string): void {
    const nowMs = this.clock.nowMs();
    this.rememberCleared(turnId);
    const index = this.turns.findIndex((t) => t.turnId === turnId);
    const drain = this.draining.get(turnId);
    const turn = index >= 0 ? this.turns[index]! : drain?.turn;
    if (!turn) return;
    if (index >= 0) this.turns.splice(index, 1);
    if (drain) {
      this.clock.clearTimeout(drain.timer);
      this.draining.delete(turnId);
    }
    // Whatever of this turn the device still holds must not be heard either.
    if (turn.heardEndMs() > nowMs && this.lastWrittenTurnId === turnId) {
      this.output.flush();
      turn.cutHeardAt(nowMs);
      this.restartPacing();
    }
    turn.dispose();
    this.finish(turn, true, nowMs);
    if (this.turns.length === 0) this.stopTimer();
  }

  duck(db: number, rampMs: number): void {
    if (!Number.isFinite(db) || db > 0) throw new RangeError(`PlaybackQueue.duck: db must be a finite number <= 0, got ${db}.`);
    this.gain.rampTo(dbToGain(db), rampMs);
  }

  unduck(rampMs: number): void {
    this.gain.rampTo(1, rampMs);
  }

  pause(): void {
    if (this.isPaused) return;
    this.isPaused = true;
    this.stopTimer();
    this.restartPacing();
  }

  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    this.kick();
  }

  playedMs(turnId: string): number {
    const done = this.finishedPlayedMs.get(turnId);
    if (done !== undefined) return done;
    const turn = this.turns.find((t) => t.turnId === turnId) ?? this.draining.get(turnId)?.turn;
    return turn ? turn.heardMs(this.clock.nowMs()) : 0;
  }

  currentTurnId(): string | null {
    const first = this.draining.values().next();
    if (!first.done) return first.value.turn.turnId;
    return this.turns[0]?.turnId ?? null;
  }

  isPlaying(): boolean {
    if (this.draining.size > 0) return true;
    const head = this.turns[0];
    return !this.isPaused && head !== undefined && head.started;
  }

  /** Stops everything and clears every turn (session end). */
  dispose(): void {
    for (const turn of [...this.turns, ...[...this.draining.values()].map((d) => d.turn)]) this.clear(turn.turnId);
    this.stopTimer();
    this.output.off('error', this.onOutputError);
  }

  /** A continuous resampler for a run of audio at `sampleRate`; none when it is already at the device's rate. */
  private resamplerFor(sampleRate: number): StreamResampler | null {
    if (sampleRate === this.output.sampleRate) return null;
    if (!this.resamplers) {
      throw new Error(
        `PlaybackQueue.enqueue: audio at ${sampleRate} Hz needs resampling to the device's ${this.output.sampleRate} Hz; pass options.resamplers (await loadResamplerFactory()).`,
      );
    }
    return this.resamplers.create({ inputRate: sampleRate, outputRate: this.output.sampleRate });
  }

  private addTurn(turn: TurnAudio): TurnAudio {
    this.turns.push(turn);
    return turn;
  }

  private rememberCleared(turnId: string): void {
    this.cleared.add(turnId);
    if (this.cleared.size > CLEARED_MEMORY) this.cleared.delete(this.cleared.values().next().value as string);
  }

  private kick(): void {
    if (this.isPaused) return;
    this.pump();
    if (this.turns.length > 0 && this.timer === undefined) this.timer = this.clock.setInterval(() => this.pump(), this.frameMs);
  }

  private stopTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The next write starts a new run of continuous audio (after pause, underrun or flush). */
  private restartPacing(): void {
    this.anchorMs = null;
    this.samplesSinceAnchor = 0;
  }

  /** Writes every frame that is due: the device is kept `leadMs` ahead of real time, no more. */
  private pump(): void {
    if (this.isPaused) return;
    const rate = this.output.sampleRate;
    for (;;) {
      const head = this.turns[0];
      if (!head) {
        this.stopTimer();
        this.restartPacing();
        return;
      }
      head.fill(this.samplesPerFrame);
      if (head.queuedSamples === 0) {
        if (head.ended) {
          this.turns.shift();
          this.startDraining(head);
          continue;
        }
        // Underrun: TTS is behind. Wait for more audio; pacing restarts when it comes.
        this.stopTimer();
        this.restartPacing();
        return;
      }
      const nowMs = this.clock.nowMs();
      if (this.anchorMs === null) this.anchorMs = nowMs;
      // Write a frame only if it keeps the device no more than leadMs ahead of real time
      // (the first frame of a run always goes out at once).
      const afterWriteMs = ((this.samplesSinceAnchor + Math.min(this.samplesPerFrame, head.queuedSamples)) * 1000) / rate;
      if (this.samplesSinceAnchor > 0 && afterWriteMs > nowMs - this.anchorMs + this.leadMs + 1e-6) return;
      this.writeFrom(head, nowMs);
    }
  }

  private writeFrom(turn: TurnAudio, nowMs: number): void {
    const rate = this.output.sampleRate;
    const mono = turn.take(this.samplesPerFrame);
    this.gain.apply(mono);
    const heardFromMs = this.anchorMs! + (this.samplesSinceAnchor * 1000) / rate + this.output.latencyMs;
    this.samplesSinceAnchor += mono.length;
    turn.writtenSamples += mono.length;
    // Audio a missing speaker drops is not heard: the transcript must not mark its words heard.
    if (this.output.connected !== false) turn.addHeard(heardFromMs, (mono.length * 1000) / rate);
    const frame: AudioFrame = { data: upmixFromMono(mono, this.output.channels), sampleRate: rate, channels: this.output.channels, timestampMs: nowMs };
    if (!turn.started) {
      turn.started = true;
      this.emit('playbackStarted', { turnId: turn.turnId });
    }
    this.lastWrittenTurnId = turn.turnId;
    this.output.write(frame);
    this.emit('written', frame);
  }

  private startDraining(turn: TurnAudio): void {
    turn.dispose();
    const waitMs = Math.max(0, turn.heardEndMs() - this.clock.nowMs());
    if (!turn.started || waitMs === 0) {
      this.finish(turn, false, this.clock.nowMs());
      return;
    }
    const timer = this.clock.setTimeout(() => {
      this.draining.delete(turn.turnId);
      this.finish(turn, false, this.clock.nowMs());
    }, waitMs);
    this.draining.set(turn.turnId, { turn, timer });
  }

  private finish(turn: TurnAudio, interrupted: boolean, nowMs: number): void {
    const playedMs = interrupted ? turn.heardMs(nowMs) : (turn.writtenSamples * 1000) / this.output.sampleRate;
    this.finishedPlayedMs.set(turn.turnId, playedMs);
    if (this.finishedPlayedMs.size > CLEARED_MEMORY) this.finishedPlayedMs.delete(this.finishedPlayedMs.keys().next().value as string);
    this.logger.debug('playback finished', { turnId: turn.turnId, interrupted, playedMs });
    this.emit('playbackFinished', { turnId: turn.turnId, interrupted, playedMs });
  }
}
