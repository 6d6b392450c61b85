/**
 * KugelAudio's single-stream endpoint (`/ws/tts/stream`) for one connection. A "session" in
 * the SDKs' words is one turn here: config on its first frame, text and flushes, `close` ->
 * `final` then `session_closed` (both with the turn's stats); `cancel` -> `{"interrupted": true}`,
 * ALWAYS, also when nothing is generating (the SDKs wait for it); `update_settings` ->
 * `settings_updated`. A flush with nothing to say answers an empty `chunk_complete`, so an SDK
 * waiting for the flush's audio is not left waiting.
 */
import type WebSocket from 'ws';
import type { Logger } from '../../logger.js';
import type { SpeechEngine } from './speech-engine.js';
import { applyConfig, applySettingsUpdate, defaultGenerationSettings, type GenerationSettings, type StreamConfig } from './session-config.js';
import { SpeechStream } from './speech-stream.js';
import { TextSegmenter } from './text-segmenter.js';

/** Longest text accepted in one frame. 20,000 chars is minutes of speech; more is a client bug. */
export const MAX_TEXT_CHARS = 20_000;

export class SingleStreamSession {
  private turn: { stream: SpeechStream; config: StreamConfig; closing: boolean } | null = null;
  private readonly segmenter = new TextSegmenter();
  private flushTimer: NodeJS.Timeout | undefined;
  private settings: GenerationSettings = defaultGenerationSettings();
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
      this.cancelTurn();
      this.ws.close(1000, 'closed by client');
      return;
    }
    if (msg.cancel === true) {
      this.cancelTurn();
      this.send({ interrupted: true });
      return;
    }
    if (msg.update_settings !== undefined) return this.updateSettings(msg.update_settings);
    const hasText = msg.text !== undefined;
    if (hasText && typeof msg.text !== 'string') return this.error('VALIDATION_ERROR', '"text" must be a string.');
    if (hasText && (msg.text as string).length > MAX_TEXT_CHARS) return this.error('VALIDATION_ERROR', `"text" is longer than ${MAX_TEXT_CHARS} characters.`);
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
      const pieces = this.segmenter.flush();
      turn.stream.enqueue(pieces);
      if (msg.flush === true && pieces.length === 0 && turn.stream.idle && msg.close !== true) {
        this.send({ chunk_complete: true, audio_seconds: 0, gen_ms: 0 });
      }
    }
    this.armAutoFlush(turn.config.flushTimeoutMs);
    if (msg.close === true) {
      turn.closing = true;
      const t = turn;
      t.stream.mark(() => this.finishTurn(t));
    }
  }

  dispose(): void {
    this.cancelTurn();
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
      encoding: config.encoding,
      wordTimestamps: config.wordTimestamps,
      send: (f) => this.send(f),
      onError: (m) => this.error('INTERNAL_ERROR', m),
    });
    this.turn = { stream, config, closing: false };
    return this.turn;
  }

  private finishTurn(turn: NonNullable<SingleStreamSession['turn']>): void {
    if (this.turn !== turn) return; // cancelled meanwhile
    this.turn = null;
    clearTimeout(this.flushTimer);
    const stats = turn.stream.stats;
    // audio_seconds: the field this server sent before the SDK's totals; kept for older clients.
    this.send({ final: true, ...stats, audio_seconds: stats.total_audio_seconds });
    this.send({ session_closed: true, ...stats, usage: turn.stream.usage });
    const next = this.deferred;
    this.deferred = [];
    for (const m of next) this.handle(m);
  }

  /** The piece in synthesis is abandoned, buffered and deferred text dropped. */
  private cancelTurn(): void {
    clearTimeout(this.flushTimer);
    this.deferred = [];
    const turn = this.turn;
    if (!turn) return;
    this.turn = null;
    turn.stream.cancel();
    this.segmenter.reset();
  }

  private updateSettings(body: unknown): void {
    const applied = applySettingsUpdate(this.settings, body);
    if ('error' in applied) return this.error(applied.code, applied.error);
    this.settings = applied.settings;
    this.send({ settings_updated: true, settings: this.settings });
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
