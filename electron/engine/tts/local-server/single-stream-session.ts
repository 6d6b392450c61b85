/**
 * The reference protocol's single-stream endpoint for one connection: one turn at a time,
 * config on the first text frame of each turn, `close` -> final, `cancel` -> interrupted.
 */
import type WebSocket from 'ws';
import type { Logger } from '../../logger.js';
import type { SpeechEngine } from './speech-engine.js';
import { applyConfig, type StreamConfig } from './session-config.js';
import { SpeechStream } from './speech-stream.js';
import { TextSegmenter } from './text-segmenter.js';

/** Longest text accepted in one frame. 20,000 chars is minutes of speech; more is a client bug. */
export const MAX_TEXT_CHARS = 20_000;

export class SingleStreamSession {
  private turn: { stream: SpeechStream; config: StreamConfig; closing: boolean } | null = null;
  private readonly segmenter = new TextSegmenter();
  private flushTimer: NodeJS.Timeout | undefined;
  private sessionAudioSeconds = 0;
  /** Frames that arrived after `close` and before `final`: the next turn, started once this one ends. */
  private deferred: Record<string, unknown>[] = [];

  constructor(
    private readonly ws: WebSocket,
    private readonly engine: SpeechEngine,
    private readonly defaults: StreamConfig,
    private readonly logger: Logger,
  ) {}

  handle(msg: Record<string, unknown>): void {
    if (msg.close_socket === true) {
      this.cancelTurn(false);
      this.ws.close(1000, 'closed by client');
      return;
    }
    if (msg.cancel === true) return this.cancelTurn(true);
    const hasText = msg.text !== undefined;
    if (hasText && typeof msg.text !== 'string') return this.error('INVALID_TEXT', '"text" must be a string.');
    if (hasText && (msg.text as string).length > MAX_TEXT_CHARS) return this.error('TEXT_TOO_LONG', `"text" is longer than ${MAX_TEXT_CHARS} characters.`);
    if (!hasText && msg.flush !== true && msg.close !== true) {
      this.logger.debug('local TTS: frame with nothing to do ignored', { keys: Object.keys(msg) });
      return;
    }
    const turn = this.turn ?? this.startTurn(msg);
    if (!turn) return;
    if (turn.closing) {
      // Text after close belongs to the next turn; it waits for this one's final. A cancel drops it too.
      this.deferred.push(msg);
      return;
    }
    if (hasText) turn.stream.enqueue(this.segmenter.push(msg.text as string));
    if (msg.flush === true || msg.close === true) {
      turn.stream.enqueue(this.segmenter.flush());
    }
    this.armAutoFlush(turn.config.flushTimeoutMs);
    if (msg.close === true) {
      turn.closing = true;
      const t = turn;
      void t.stream.whenIdle().then(() => this.finishTurn(t));
    }
  }

  dispose(): void {
    this.cancelTurn(false);
  }

  private startTurn(msg: Record<string, unknown>): SingleStreamSession['turn'] {
    const applied = applyConfig(this.defaults, msg);
    if ('error' in applied) {
      this.error(applied.code, applied.error);
      return null;
    }
    const config = applied.config;
    this.segmenter.reset();
    const stream = new SpeechStream({
      engine: this.engine,
      voice: config.voice,
      sampleRate: config.sampleRate,
      wordTimestamps: config.wordTimestamps,
      send: (f) => this.send(f),
      onError: (m) => this.error('SYNTHESIS_FAILED', m),
    });
    this.turn = { stream, config, closing: false };
    return this.turn;
  }

  private finishTurn(turn: NonNullable<SingleStreamSession['turn']>): void {
    if (this.turn !== turn) return; // cancelled meanwhile
    this.turn = null;
    clearTimeout(this.flushTimer);
    this.sessionAudioSeconds += turn.stream.audioSeconds;
    this.send({ final: true, audio_seconds: turn.stream.audioSeconds });
    this.send({ session_closed: true, total_audio_seconds: this.sessionAudioSeconds });
    const next = this.deferred;
    this.deferred = [];
    for (const m of next) this.handle(m);
  }

  /** Cancel answers at once; the piece in synthesis is abandoned, buffered text dropped. A no-op when idle. */
  private cancelTurn(ack: boolean): void {
    clearTimeout(this.flushTimer);
    this.deferred = [];
    const turn = this.turn;
    if (!turn) return;
    this.turn = null;
    turn.stream.cancel();
    this.segmenter.reset();
    if (ack) this.send({ interrupted: true });
  }

  private armAutoFlush(ms: number): void {
    clearTimeout(this.flushTimer);
    if (!this.segmenter.pending.trim()) return;
    this.flushTimer = setTimeout(() => {
      const turn = this.turn;
      if (!turn) return;
      this.send({ warning: `No new text for ${ms} ms; synthesizing the buffered text.`, warning_code: 'AUTO_FLUSH' });
      turn.stream.enqueue(this.segmenter.flush());
    }, ms);
  }

  private error(code: string, message: string): void {
    this.send({ error: message, error_code: code });
  }

  private send(frame: Record<string, unknown>): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }
}
