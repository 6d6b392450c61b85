/**
 * Deepgram live transcription over one WebSocket: 16-bit PCM goes up as the user speaks,
 * interim and final results come back. A segment's text is the finalized pieces so far plus
 * the newest interim piece. Results are attributed to segments by their audio time, so a
 * late result of an ended (or reset) segment never leaks into the next one.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { ENGINE_SAMPLE_RATE } from '../audio/frame.js';
import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { nullLogger, type Logger } from '../logger.js';
import { parseDeepgramMessage, type DeepgramResults } from './deepgram-results.js';
import { checkSamples, SttError } from './errors.js';
import type { SpeechRecognizer, SpeechRecognizerEvents, Transcript, TranscriptWord } from './types.js';
import { toPcm16 } from './wav.js';

export interface DeepgramOptions {
  apiKey: string;
  /** e.g. "nova-3". */
  model?: string;
  language?: string;
  /** The WebSocket endpoint; tests point it at a local server. */
  url?: string;
  clock?: Clock;
  logger?: Logger;
  /**
   * How long to wait after `Finalize` for the flushed result. Deepgram answers within a few
   * hundred ms when audio is buffered and may send nothing when none is; 1500 ms bounds the wait.
   */
  finalizeWaitMs?: number;
  /** Deepgram closes a socket after 10 s without audio; a KeepAlive every 4 s (docs: 3 to 5 s) keeps it. */
  keepAliveMs?: number;
  /** First wait before reconnecting after a failure; doubles up to 30 s so an outage is not hammered. */
  reconnectDelayMs?: number;
}

/** Audio kept while the socket is down: 10 s, so a short outage loses nothing and a long one does not grow memory. */
const MAX_PENDING_BYTES = 10 * ENGINE_SAMPLE_RATE * 2;
const MAX_RECONNECT_DELAY_MS = 30_000;

interface Segment {
  /** Audio seconds (since the socket opened) where the segment ends; Infinity while open. */
  endSec: number;
  startSec: number;
  finals: string[];
  words: TranscriptWord[];
  samples: number;
  timer?: TimerHandle;
}

const DEFAULT_URL = 'wss://api.deepgram.com/v1/listen';

export class DeepgramRecognizer extends EventEmitter<SpeechRecognizerEvents> implements SpeechRecognizer {
  readonly id: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private socket: WebSocket | undefined;
  private pendingAudio: Buffer[] = [];
  private sentSec = 0;
  private lastSendMs = 0;
  private discardBeforeSec = 0;
  private current: Segment;
  private ended: Segment[] = [];
  private keepAlive: TimerHandle | undefined;
  private closed = false;
  private pendingBytes = 0;
  private droppedWhileDown = false;
  private reconnectDelayMs: number;
  private nextConnectAtMs = 0;

  constructor(private readonly options: DeepgramOptions) {
    super();
    if (!options.apiKey) throw new SttError('unauthorized', 'Deepgram needs an API key: add one in Settings, Providers.');
    this.id = `deepgram:${options.model ?? 'nova-3'}`;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? nullLogger;
    this.current = this.newSegment();
    this.reconnectDelayMs = options.reconnectDelayMs ?? 1000;
    this.connect();
  }

  push(samples: Float32Array): void {
    checkSamples(samples);
    if (this.closed) throw new SttError('closed', 'This speech recognizer is closed.');
    const down = !this.socket || this.socket.readyState === WebSocket.CLOSED || this.socket.readyState === WebSocket.CLOSING;
    if (down && this.clock.nowMs() >= this.nextConnectAtMs) this.connect();
    this.current.samples += samples.length;
    this.sentSec += samples.length / ENGINE_SAMPLE_RATE;
    this.send(toPcm16(samples));
  }

  endSegment(): void {
    if (this.closed) return;
    const segment = this.current;
    this.current = this.newSegment();
    if (segment.samples === 0) {
      if (this.ended.length > 0) {
        // Its empty final must wait behind the finals still being flushed.
        segment.endSec = this.sentSec;
        this.ended.push(segment);
      } else {
        // Asynchronous like every other final, so listeners attached after endSegment() hear it.
        queueMicrotask(() => this.emit('final', { text: '' }));
      }
      return;
    }
    segment.endSec = this.sentSec;
    this.ended.push(segment);
    this.send(JSON.stringify({ type: 'Finalize' }));
    segment.timer = this.clock.setTimeout(() => this.completeUpTo(segment), this.options.finalizeWaitMs ?? 1500);
  }

  reset(): void {
    this.discardBeforeSec = this.sentSec;
    this.current = this.newSegment();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clock.clearInterval(this.keepAlive);
    for (const s of this.ended) this.clock.clearTimeout(s.timer);
    this.ended = [];
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'CloseStream' }));
    const closedPromise = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // Give Deepgram a moment to close cleanly after CloseStream, then close from our side.
    const force = this.clock.setTimeout(() => socket.terminate(), 1000);
    socket.close();
    await closedPromise;
    this.clock.clearTimeout(force);
  }

  private newSegment(): Segment {
    return { startSec: this.sentSec, endSec: Infinity, finals: [], words: [], samples: 0 };
  }

  private connect(): void {
    const url = new URL(this.options.url ?? DEFAULT_URL);
    const params: Record<string, string> = {
      encoding: 'linear16',
      sample_rate: String(ENGINE_SAMPLE_RATE),
      channels: '1',
      interim_results: 'true',
      punctuate: 'true',
      model: this.options.model ?? 'nova-3',
      ...(this.options.language ? { language: this.options.language } : {}),
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    // Audio times restart at zero on a new socket.
    this.sentSec = 0;
    this.discardBeforeSec = 0;
    this.current.startSec = 0;
    const socket = new WebSocket(url, { headers: { authorization: `Token ${this.options.apiKey}` } });
    this.socket = socket;
    // One error report per socket: a refused upgrade is also followed by an error and a close.
    let reported = false;
    const failOnce = (error: SttError) => {
      if (reported) return;
      reported = true;
      this.nextConnectAtMs = this.clock.nowMs() + this.reconnectDelayMs;
      this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
      this.fail(error);
    };
    socket.on('open', () => {
      for (const chunk of this.pendingAudio) socket.send(chunk);
      this.pendingAudio = [];
      this.pendingBytes = 0;
      this.droppedWhileDown = false;
      this.reconnectDelayMs = this.options.reconnectDelayMs ?? 1000;
      this.lastSendMs = this.clock.nowMs();
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(data.toString());
    });
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      const error =
        status === 401 || status === 403
          ? new SttError('unauthorized', `Deepgram refused the API key (HTTP ${status}). Check it in Settings, Providers.`)
          : new SttError('server', `Deepgram refused the connection with HTTP ${status}.`);
      failOnce(error);
      socket.terminate();
    });
    socket.on('error', (e) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        failOnce(new SttError('offline', `Cannot reach Deepgram at ${url.host} (${code}).`, { cause: e }));
      } else failOnce(new SttError('disconnected', `The Deepgram connection failed: ${e.message}`, { cause: e }));
    });
    socket.on('close', (code, reason) => {
      if (this.closed || this.socket !== socket) return;
      this.logger.warn('deepgram socket closed', { code, reason: reason.toString() });
      // Whatever was waiting for a flush is as final as it will get.
      for (const s of [...this.ended]) this.completeUpTo(s);
      if (code !== 1000) failOnce(new SttError('disconnected', `Deepgram closed the connection (${code} ${reason.toString()}).`.replace(' )', ')')));
    });
    this.clock.clearInterval(this.keepAlive);
    this.keepAlive = this.clock.setInterval(() => {
      const periodMs = this.options.keepAliveMs ?? 4000;
      if (this.socket?.readyState === WebSocket.OPEN && this.clock.nowMs() - this.lastSendMs >= periodMs) {
        this.socket.send(JSON.stringify({ type: 'KeepAlive' }));
        this.lastSendMs = this.clock.nowMs();
      }
    }, this.options.keepAliveMs ?? 4000);
  }

  private send(data: Buffer | string): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(data);
      this.lastSendMs = this.clock.nowMs();
    } else if (typeof data !== 'string') {
      this.pendingAudio.push(data);
      this.pendingBytes += data.length;
      while (this.pendingBytes > MAX_PENDING_BYTES) {
        this.pendingBytes -= this.pendingAudio.shift()!.length;
        if (!this.droppedWhileDown) this.logger.warn('deepgram unreachable: dropping audio older than 10 s');
        this.droppedWhileDown = true;
      }
    } else if (this.socket?.readyState === WebSocket.CONNECTING) {
      // Control messages wait for the socket too, after the audio they refer to.
      this.socket.once('open', () => this.socket?.send(data));
    }
  }

  private fail(error: SttError): void {
    if (this.closed) return;
    this.emit('error', error);
  }

  private onMessage(text: string): void {
    let message;
    try {
      message = parseDeepgramMessage(text);
    } catch (e) {
      this.fail(new SttError('bad-response', (e as Error).message));
      return;
    }
    if (message.type === 'Error') {
      const m = message as { description?: string; message?: string };
      this.fail(new SttError('server', `Deepgram reported an error: ${m.description ?? m.message ?? text.slice(0, 160)}`));
      return;
    }
    if (message.type === 'Results') this.onResults(message as DeepgramResults);
  }

  private onResults(r: DeepgramResults): void {
    const alternative = r.channel.alternatives[0];
    const transcript = alternative?.transcript.trim() ?? '';
    // A result belongs to the first ended segment it starts in, else to the open one.
    const target = this.ended.find((s) => r.start < s.endSec - 1e-6) ?? this.current;
    if (target === this.current && r.start + r.duration <= this.discardBeforeSec + 1e-6) return;
    if (r.is_final && transcript) {
      target.finals.push(transcript);
      for (const w of alternative?.words ?? []) {
        target.words.push({
          word: w.punctuated_word ?? w.word,
          startMs: Math.max(0, Math.round((w.start - target.startSec) * 1000)),
          endMs: Math.max(0, Math.round((w.end - target.startSec) * 1000)),
        });
      }
    }
    if (target === this.current) {
      const text = [...target.finals, r.is_final ? '' : transcript].join(' ').trim();
      if (text) this.emit('interim', { text });
    } else if (r.from_finalize) {
      this.completeUpTo(target);
    }
  }

  /** Emits the finals of `segment` and of every segment that ended before it, in order. */
  private completeUpTo(segment: Segment): void {
    while (this.ended.length > 0) {
      const s = this.ended.shift()!;
      this.clock.clearTimeout(s.timer);
      const transcript: Transcript = { text: s.finals.join(' ').trim() };
      if (s.words.length > 0) transcript.words = s.words;
      this.emit('final', transcript);
      if (s === segment) break;
    }
    // Empty segments queued behind it have nothing to wait for.
    while (this.ended[0]?.samples === 0) {
      this.ended.shift();
      this.emit('final', { text: '' });
    }
  }
}
