/**
 * One logical WebSocket to a TTS server that survives network trouble: serialized writes
 * through an outbox, keep-alive pings, half-open detection, reconnect with backoff on
 * transient closes, a clear fatal error on fatal ones, and frames checked for size and
 * JSON before anyone sees them. The protocol clients (reference, multi-context, vendors)
 * sit on top and decide what a frame means.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { nullLogger, redact, type Logger } from '../logger.js';
import { classifyClose, classifyUpgradeRefusal, parseRetryAfterMs } from './close-codes.js';
import { TtsError } from './tts-error.js';

export interface TtsSocketOptions {
  url: string;
  clock?: Clock;
  logger?: Logger;
  headers?: Record<string, string>;
  /** Keep-alive ping period. 15 s keeps NAT and load-balancer idle timers (often 30-60 s) from dropping the socket. */
  pingIntervalMs?: number;
  /** No pong and no frame this long after a ping means the socket is half-open. 10 s tolerates a slow network without leaving a dead socket for long. */
  pongTimeoutMs?: number;
  /** First reconnect delay; doubled per attempt. 250 ms: a restarting server is usually back within a second. */
  reconnectBaseMs?: number;
  /** Backoff ceiling. 8 s: long enough not to hammer a struggling server, short enough to recover within a conversation. */
  reconnectMaxMs?: number;
  /** Attempts before giving up with a fatal RECONNECT_EXHAUSTED. 8 attempts span roughly 30 s. */
  maxReconnectAttempts?: number;
  /** Frames larger than this are logged and skipped. 4 MiB is ~87 s of 24 kHz s16 audio in base64, far beyond any real chunk. */
  maxFrameBytes?: number;
  /** Connect (TCP + TLS + upgrade) budget. 10 s, then it counts as a failed attempt. */
  connectTimeoutMs?: number;
  /** Jitter source, injectable for deterministic tests. */
  random?: () => number;
}

export type TtsSocketEvents = {
  /** The socket is open. `reconnected` is true after a drop: the protocol layer re-sends its state. */
  open: [{ reconnected: boolean }];
  /** A parsed JSON object frame. */
  message: [Record<string, unknown>];
  /** A binary frame (Deepgram audio). */
  binary: [Buffer];
  /** The socket dropped and a reconnect is scheduled. Everything written but unanswered is lost. */
  down: [{ code: number; reason: string }];
  reconnecting: [{ attempt: number; delayMs: number }];
  /** Any frame at all arrived (for quiet timers). */
  activity: [];
  /** A problem worth reporting; when fatal the socket is closed for good. */
  error: [TtsError];
  closed: [];
};

interface OutboxItem {
  data: string | Buffer;
  tag?: string;
  onWritten?: () => void;
}

type State = 'idle' | 'connecting' | 'open' | 'waiting' | 'closed';

export class TtsSocket extends EventEmitter<TtsSocketEvents> {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly opts: Required<Omit<TtsSocketOptions, 'clock' | 'logger' | 'headers' | 'url'>>;
  private ws: WebSocket | null = null;
  private state: State = 'idle';
  private outbox: OutboxItem[] = [];
  private attempt = 0;
  private everOpened = false;
  private retryTimer: TimerHandle | undefined;
  private pingTimer: TimerHandle | undefined;
  private pongTimer: TimerHandle | undefined;
  private connectTimer: TimerHandle | undefined;
  private pendingRetryAfterMs: number | undefined;
  private openWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private fatalError: TtsError | null = null;

  constructor(private readonly options: TtsSocketOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? nullLogger;
    this.opts = {
      pingIntervalMs: options.pingIntervalMs ?? 15_000,
      pongTimeoutMs: options.pongTimeoutMs ?? 10_000,
      reconnectBaseMs: options.reconnectBaseMs ?? 250,
      reconnectMaxMs: options.reconnectMaxMs ?? 8_000,
      maxReconnectAttempts: options.maxReconnectAttempts ?? 8,
      maxFrameBytes: options.maxFrameBytes ?? 4 * 1024 * 1024,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      random: options.random ?? Math.random,
    };
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  /** Opens the socket if not already open or opening; resolves once open, rejects on a fatal error. */
  connect(): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    if (this.state === 'closed') return Promise.reject(this.fatalError ?? new TtsError('CLOSED', 'The TTS connection is closed.'));
    const waiting = new Promise<void>((resolve, reject) => this.openWaiters.push({ resolve, reject }));
    if (this.state === 'idle') this.open();
    return waiting;
  }

  /**
   * Queues a frame. Frames go out strictly in the order queued (one outbox, one socket), so a
   * cancel can never overtake the text before it, nor text a close. Connects lazily.
   */
  send(data: string | Buffer, tag?: string, onWritten?: () => void): void {
    if (this.state === 'closed') return;
    this.outbox.push({ data, tag, onWritten });
    if (this.state === 'idle') this.open();
    else if (this.state === 'open') this.drain();
  }

  /** True if a frame with this tag is still queued (not yet handed to the socket). */
  hasQueued(tag: string): boolean {
    return this.outbox.some((i) => i.tag === tag);
  }

  /** Removes queued, unsent frames; returns how many. Used when a turn is cancelled before it reached the server. */
  dropQueued(predicate: (tag: string | undefined) => boolean): number {
    const before = this.outbox.length;
    this.outbox = this.outbox.filter((i) => !predicate(i.tag));
    return before - this.outbox.length;
  }

  /** Clears the outbox (after a drop the protocol layer rebuilds what must be re-sent). */
  clearQueue(): void {
    this.outbox = [];
  }

  /** Closes for good. Pending frames are sent first when `drain` is true and the socket is open. */
  async close(options: { drain?: boolean } = {}): Promise<void> {
    if (this.state === 'closed') return;
    if (options.drain && this.state === 'open') this.drain();
    this.shutdown();
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        const done = this.clock.setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1000); // a peer that does not answer our close within 1 s is not waited for
        ws.once('close', () => {
          this.clock.clearTimeout(done);
          resolve();
        });
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000, 'client closing');
      });
    }
    this.emit('closed');
  }

  /**
   * Drops this connection now and opens a fresh one at once (not counted as a failed attempt).
   * `down` is emitted first so the protocol layer re-queues what must be re-sent; nothing that
   * arrives on the old connection is delivered (its listeners check that it is still current).
   */
  recycle(reason: string): void {
    if (this.state !== 'open' && this.state !== 'connecting') return;
    const ws = this.ws;
    this.ws = null;
    this.stopTimers();
    ws?.terminate();
    const wasOpen = this.state === 'open';
    this.state = 'waiting';
    this.logger.info('TTS socket replaced', { reason });
    if (wasOpen) this.emit('down', { code: 1000, reason });
    if (this.state === 'waiting') this.open();
  }

  private shutdown(error?: TtsError): void {
    this.state = 'closed';
    this.fatalError = error ?? null;
    this.outbox = [];
    this.stopTimers();
    const waiters = this.openWaiters;
    this.openWaiters = [];
    const err = error ?? new TtsError('CLOSED', 'The TTS connection was closed before it opened.');
    for (const w of waiters) w.reject(err);
  }

  private stopTimers(): void {
    this.clock.clearTimeout(this.retryTimer);
    this.clock.clearInterval(this.pingTimer);
    this.clock.clearTimeout(this.pongTimer);
    this.clock.clearTimeout(this.connectTimer);
    this.retryTimer = this.pingTimer = this.pongTimer = this.connectTimer = undefined;
  }

  private open(): void {
    this.state = 'connecting';
    this.pendingRetryAfterMs = undefined;
    // maxPayload is a hard ceiling well above our own limit, so ws does not kill the connection
    // (close 1009) for a frame we would rather log and skip.
    const ws = new WebSocket(this.options.url, { headers: this.options.headers, maxPayload: this.opts.maxFrameBytes * 4 });
    this.ws = ws;
    this.connectTimer = this.clock.setTimeout(() => {
      this.logger.warn('TTS connect timed out', { url: redact(this.options.url) });
      ws.terminate();
    }, this.opts.connectTimeoutMs);

    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.clock.clearTimeout(this.connectTimer);
      this.state = 'open';
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.startPings(ws);
      const waiters = this.openWaiters;
      this.openWaiters = [];
      for (const w of waiters) w.resolve();
      // The protocol layer may queue replay frames in 'open'; they must go after nothing stale,
      // so listeners run before the outbox drains.
      this.emit('open', { reconnected });
      this.drain();
    });
    ws.on('message', (data, isBinary) => {
      if (this.ws !== ws) return;
      this.onFrame(data as Buffer | ArrayBuffer | Buffer[], isBinary);
    });
    ws.on('pong', () => {
      if (this.ws !== ws) return;
      this.clock.clearTimeout(this.pongTimer);
      this.pongTimer = undefined;
    });
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      if (this.ws !== ws) return;
      const verdict = classifyUpgradeRefusal(status);
      if (verdict.kind === 'fatal') {
        this.fail(new TtsError(verdict.code, verdict.message, { fatal: true }));
      } else {
        this.logger.warn('TTS upgrade refused', { status });
        ws.terminate();
      }
    });
    ws.on('error', (err) => {
      if (this.ws !== ws) return;
      this.logger.debug('TTS socket error', { message: redact(err.message) });
    });
    ws.on('close', (code, reasonBuf) => {
      if (this.ws !== ws) return;
      this.onClose(code, reasonBuf.toString());
    });
  }

  private drain(): void {
    const ws = this.ws;
    if (!ws || this.state !== 'open') return;
    while (this.outbox.length > 0) {
      const item = this.outbox.shift()!;
      ws.send(item.data, (err) => {
        // A failed write means the socket is dead even if no close came (half-open).
        if (err && this.ws === ws && this.state === 'open') {
          this.logger.warn('TTS write failed; treating the socket as half-open', { message: err.message });
          ws.terminate();
        }
      });
      item.onWritten?.();
    }
  }

  private startPings(ws: WebSocket): void {
    this.pingTimer = this.clock.setInterval(() => {
      if (this.ws !== ws || this.state !== 'open') return;
      try {
        ws.ping();
      } catch {
        ws.terminate();
        return;
      }
      if (this.pongTimer === undefined) {
        this.pongTimer = this.clock.setTimeout(() => {
          this.pongTimer = undefined;
          if (this.ws !== ws) return;
          this.logger.warn('TTS socket half-open: no pong and no frames; reconnecting');
          ws.terminate();
        }, this.opts.pongTimeoutMs);
      }
    }, this.opts.pingIntervalMs);
  }

  private onFrame(raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    // Any frame proves the socket alive.
    this.clock.clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
    const buf = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    this.emit('activity');
    if (buf.length > this.opts.maxFrameBytes) {
      this.report(new TtsError('OVERSIZED_FRAME', `Skipped a ${buf.length}-byte frame (limit ${this.opts.maxFrameBytes}).`));
      return;
    }
    if (isBinary) {
      this.emit('binary', buf);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(buf.toString('utf8'));
    } catch {
      this.report(new TtsError('MALFORMED_FRAME', `Skipped a frame that is not JSON: ${JSON.stringify(buf.toString('utf8').slice(0, 80))}`));
      return;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      this.report(new TtsError('MALFORMED_FRAME', 'Skipped a JSON frame that is not an object.'));
      return;
    }
    const msg = parsed as Record<string, unknown>;
    if ('retry_after' in msg) this.pendingRetryAfterMs = parseRetryAfterMs(JSON.stringify({ retry_after: msg.retry_after }));
    this.emit('message', msg);
  }

  /** Non-fatal problems: logged and emitted, the session continues. */
  report(error: TtsError): void {
    this.logger.warn(error.message, { code: error.code });
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private fail(error: TtsError): void {
    this.logger.error(error.message, { code: error.code });
    const ws = this.ws;
    this.ws = null;
    this.shutdown(error);
    ws?.terminate();
    if (this.listenerCount('error') > 0) this.emit('error', error);
    this.emit('closed');
  }

  private onClose(code: number, reason: string): void {
    this.stopTimers();
    this.ws = null;
    if (this.state === 'closed') return;
    const verdict = classifyClose(code, reason);
    if (verdict.kind === 'fatal') {
      this.fail(new TtsError(verdict.code, verdict.message, { fatal: true, closeCode: code }));
      return;
    }
    const wasOpen = this.state === 'open';
    this.state = 'waiting';
    if (wasOpen) this.emit('down', { code, reason });
    this.attempt += 1;
    if (this.attempt > this.opts.maxReconnectAttempts) {
      this.fail(
        new TtsError('RECONNECT_EXHAUSTED', `Could not reach the TTS server after ${this.opts.maxReconnectAttempts} attempts (last close ${code}).`, {
          fatal: true,
          closeCode: code,
        }),
      );
      return;
    }
    const retryAfterMs = verdict.kind === 'transient' ? (verdict.retryAfterMs ?? this.pendingRetryAfterMs) : undefined;
    const backoff = Math.min(this.opts.reconnectMaxMs, this.opts.reconnectBaseMs * 2 ** (this.attempt - 1));
    const jittered = backoff * (0.8 + 0.4 * this.opts.random()); // ±20 % so many clients do not retry in lockstep
    const delayMs = Math.round(retryAfterMs ?? jittered);
    this.logger.info('TTS socket closed; reconnecting', { code, attempt: this.attempt, delayMs });
    this.emit('reconnecting', { attempt: this.attempt, delayMs });
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.state === 'waiting') this.open();
    }, delayMs);
  }
}
