/**
 * What the single-stream client (SingleStreamClient) and the multi-context client share: the socket and
 * its event wiring, the vendor codec, input checks, playback clearing, audio and word-timestamp
 * delivery, error reporting and the fatal-error path. How a server frame is attributed to a
 * turn, and how a cancel is answered, stays in each client: that is where the two protocols differ.
 */
import { EventEmitter } from 'node:events';
import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { nullLogger, type Logger } from '../logger.js';
import { decodeAudioFrame, parseWordTimings } from './audio-frames.js';
import { TtsError } from './tts-error.js';
import { TtsSocket, type TtsSocketOptions } from './tts-socket.js';
import type { TurnTimeline } from './turn-timeline.js';
import {
  DEFAULT_CANCEL_QUIET_TIMEOUT_MS,
  DEFAULT_SESSION_CONFIG,
  expectedAudio,
  type PlaybackClearer,
  type TtsClientEvents,
  type TtsSessionConfig,
} from './types.js';
import { referenceCodec, type Frame, type WireCodec } from './wire-codec.js';

export interface StreamingClientOptions {
  url: string;
  config: TtsSessionConfig;
  clock?: Clock;
  logger?: Logger;
  /** Bounds the wait for the server's answer to a cancel; restarted on every frame. See DEFAULT_CANCEL_QUIET_TIMEOUT_MS. */
  cancelQuietTimeoutMs?: number;
  playback?: PlaybackClearer;
  /** Socket tuning (ping, backoff, limits); see TtsSocketOptions. */
  socket?: Omit<TtsSocketOptions, 'url' | 'clock' | 'logger'>;
  /** Vendor translation; the reference protocol when absent. */
  codec?: WireCodec;
}

export abstract class StreamingClientBase extends EventEmitter<TtsClientEvents> {
  protected readonly clock: Clock;
  protected readonly logger: Logger;
  protected readonly socket: TtsSocket;
  protected readonly quietTimeoutMs: number;
  protected readonly playback?: PlaybackClearer;
  protected readonly config: TtsSessionConfig;
  protected readonly codec: WireCodec;
  protected quietTimer: TimerHandle | undefined;
  protected fatal: TtsError | null = null;
  protected closed = false;
  /** Counters the stress test and the benchmark read. */
  readonly stats = { deliveredChunks: 0, droppedChunks: 0 };

  constructor(options: StreamingClientOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? nullLogger;
    this.quietTimeoutMs = options.cancelQuietTimeoutMs ?? DEFAULT_CANCEL_QUIET_TIMEOUT_MS;
    this.playback = options.playback;
    this.config = { ...DEFAULT_SESSION_CONFIG, ...options.config };
    this.codec = options.codec ?? referenceCodec;
    this.socket = new TtsSocket({ ...options.socket, url: options.url, clock: this.clock, logger: this.logger });
    this.socket.on('message', (m) => this.decoded(this.codec.decodeJson(m)));
    this.socket.on('binary', (b) => this.decoded(this.codec.decodeBinary(b)));
    this.socket.on('activity', () => this.restartQuietTimer());
    this.socket.on('down', () => this.onDown());
    this.socket.on('reconnecting', (r) => this.emit('reconnecting', r));
    this.socket.on('error', (e) => this.onSocketError(e));
    this.codec.attach?.((frames) => this.decoded(frames));
  }

  /** KugelAudio's protocol chunks text at sentence boundaries on the server; a vendor translation may not. */
  get chunksText(): boolean {
    return this.codec === referenceCodec;
  }

  /** Opens the socket ahead of the first send, so the first turn does not pay for the handshake. */
  connect(): Promise<void> {
    return this.socket.connect();
  }

  /** One server frame, already in reference-protocol form. */
  protected abstract onMessage(msg: Frame): void;
  /** The socket dropped; it reconnects on its own. */
  protected abstract onDown(): void;
  /** (Re)arms the wait for a cancel's answer, or stops it when nothing is owed. */
  protected abstract restartQuietTimer(): void;
  /** A fatal socket error: every turn ends now (cancelled ones as interrupted, live ones failing with `err`). */
  protected abstract endAllTurns(err: TtsError): void;

  /** Throws when the client can no longer send (a fatal error, or closed). */
  protected assertUsable(): void {
    if (this.fatal) throw this.fatal;
    if (this.closed) throw new TtsError('CLOSED', 'The TTS client is closed.');
  }

  /** What send() checks before it touches any turn. */
  protected assertSendable(text: unknown): void {
    this.assertUsable();
    if (typeof text !== 'string') throw new TtsError('BAD_INPUT', `send() needs a string, got ${typeof text}.`);
  }

  /** Every frame goes out through the codec, in order; implicit answers come back as if from the server. */
  protected wire(frame: Frame, tag?: string, onWritten?: () => void): void {
    const encoded = this.codec.encode(frame);
    if (encoded.wire.length === 0) onWritten?.();
    encoded.wire.forEach((w, i) => this.socket.send(w, tag, i === 0 ? onWritten : undefined));
    if (encoded.local?.length) queueMicrotask(() => this.decoded(encoded.local!));
  }

  private decoded(frames: Frame[]): void {
    for (const f of frames) this.onMessage(f);
  }

  protected clearPlayback(turnId: string): void {
    try {
      this.playback?.clear(turnId);
    } catch (err) {
      this.logger.error('playback.clear threw', { turnId, message: (err as Error).message });
    }
  }

  /** Decodes an audio frame; a bad one is reported and yields null (skipped, never played at a wrong rate). */
  protected decodeAudio(msg: Frame): { samples: Float32Array; sampleRate: number } | null {
    try {
      return decodeAudioFrame(msg, expectedAudio(this.config));
    } catch (err) {
      this.report(err instanceof TtsError ? err : new TtsError('MALFORMED_FRAME', String(err)));
      return null;
    }
  }

  protected emitAudio(turnId: string, audio: { samples: Float32Array; sampleRate: number }): void {
    this.stats.deliveredChunks += 1;
    this.emit('audio', { turnId, samples: audio.samples, sampleRate: audio.sampleRate });
  }

  /** Word timestamps of a frame, put on the turn's time base and text by its timeline. */
  protected emitWords(turnId: string, msg: Frame, timeline: TurnTimeline): void {
    const words = timeline.place(parseWordTimings(msg.word_timestamps), msg.chunk_id);
    if (words.length > 0) this.emit('wordTimestamps', { turnId, words });
  }

  protected stopQuietTimer(): void {
    this.clock.clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
  }

  private onSocketError(err: TtsError): void {
    if (!err.fatal) return this.report(err);
    this.fatal = err;
    this.endAllTurns(err);
    this.report(err);
  }

  protected report(err: TtsError): void {
    if (this.listenerCount('error') > 0) this.emit('error', err);
    else this.logger.warn(err.message, { code: err.code });
  }
}
