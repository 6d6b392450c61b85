/**
 * KugelAudio's multi-context endpoint (`/ws/tts/multi`) for one connection: up to 20 contexts,
 * each with its own text buffer and speech stream. Session config (sample_rate, output_format,
 * word_timestamps, flush timeout) is read from the FIRST context's frame and fixed for the
 * connection; each context picks its voice from `voice_settings.voice_id` (or a top-level
 * voice_id). Every flush is answered by a `final` for that context once the audio admitted
 * before it was sent, also when nothing was pending; a graceful `close_context` sends `final`,
 * then `context_closed` (with usage); `immediate: true` is per-context barge-in (`context_closed`
 * only). `update_settings` -> `settings_updated`; `close_socket` -> `context_closed` for each
 * open context, then `session_closed` with the connection's totals, then close 1000.
 */
import type WebSocket from 'ws';
import type { Logger } from '../../logger.js';
import type { SpeechEngine } from './speech-engine.js';
import { applyConfig, applySettingsUpdate, defaultGenerationSettings, type GenerationSettings, type StreamConfig } from './session-config.js';
import { MAX_TEXT_CHARS } from './single-stream-session.js';
import { SpeechStream, type SpeechStats } from './speech-stream.js';
import { TextSegmenter } from './text-segmenter.js';

/** The reference protocol's cap per socket. */
export const MAX_CONTEXTS = 20;
/** A context with no frames for this long is closed with `context_timeout`. 20 s, as the SDKs' inactivity_timeout default; keep-alives reset it. */
export const CONTEXT_IDLE_TIMEOUT_MS = 20_000;

interface Context {
  id: string;
  config: StreamConfig;
  segmenter: TextSegmenter;
  stream: SpeechStream;
  closing: boolean;
  idleTimer: NodeJS.Timeout | undefined;
}

export class MultiContextSession {
  private contexts = new Map<string, Context>();
  /** Set by the first context of the connection; later contexts inherit it. */
  private session: StreamConfig | null = null;
  private settings: GenerationSettings = defaultGenerationSettings();
  private totals: SpeechStats = { total_audio_seconds: 0, total_text_chunks: 0, total_audio_chunks: 0 };

  constructor(
    private readonly ws: WebSocket,
    private readonly engine: SpeechEngine,
    private readonly defaults: StreamConfig,
    private readonly logger: Logger,
    private readonly idleTimeoutMs = CONTEXT_IDLE_TIMEOUT_MS,
  ) {}

  handle(msg: Record<string, unknown>): void {
    if (msg.close_socket === true) return this.closeSocket();
    if (msg.update_settings !== undefined) return this.updateSettings(msg.update_settings);
    const id = msg.context_id;
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) {
      return this.error('VALIDATION_ERROR', '"context_id" must be a non-empty string of at most 128 characters.');
    }
    const ctx = this.contexts.get(id);
    if (msg.close_context === true) {
      if (!ctx) return this.error('NOT_FOUND', `No context "${id}".`, id);
      return msg.immediate === true ? this.closeImmediately(ctx) : this.closeGracefully(ctx);
    }
    if (msg.text !== undefined && typeof msg.text !== 'string') return this.error('VALIDATION_ERROR', '"text" must be a string.', id);
    const text = (msg.text as string | undefined) ?? '';
    if (text.length > MAX_TEXT_CHARS) return this.error('VALIDATION_ERROR', `"text" is longer than ${MAX_TEXT_CHARS} characters.`, id);
    if (!ctx) return this.create(id, msg);
    if (ctx.closing) return this.error('VALIDATION_ERROR', `Context "${id}" is closing; use a new context id.`, id);
    this.touch(ctx);
    this.admit(ctx, text, msg.flush === true);
  }

  dispose(): void {
    for (const ctx of this.contexts.values()) {
      clearTimeout(ctx.idleTimer);
      ctx.stream.cancel();
    }
    this.contexts.clear();
  }

  private create(id: string, msg: Record<string, unknown>): void {
    if (this.contexts.size >= MAX_CONTEXTS) {
      return this.error('TOO_MANY_CONTEXTS', `At most ${MAX_CONTEXTS} contexts per socket; close one first.`, id);
    }
    const config = this.contextConfig(msg);
    if ('error' in config) return this.error(config.code, config.error, id);
    const ctx: Context = {
      id,
      config: config.config,
      segmenter: new TextSegmenter(),
      closing: false,
      idleTimer: undefined,
      stream: new SpeechStream({
        engine: this.engine,
        voice: config.config.voice,
        sampleRate: config.config.sampleRate,
        encoding: config.config.encoding,
        wordTimestamps: config.config.wordTimestamps,
        send: (f) => this.send(f),
        extra: { context_id: id },
        onError: (m) => this.error('INTERNAL_ERROR', m, id),
      }),
    };
    this.contexts.set(id, ctx);
    this.send({ context_created: true, context_id: id });
    this.touch(ctx);
    this.admit(ctx, typeof msg.text === 'string' ? msg.text : '', msg.flush === true);
  }

  /**
   * The first context fixes the session config (its top-level fields, voice_settings as a
   * fallback for older clients); every context then takes only its voice from its own frame.
   */
  private contextConfig(msg: Record<string, unknown>): { config: StreamConfig } | { error: string; code: string } {
    const vs = (msg.voice_settings && typeof msg.voice_settings === 'object' ? msg.voice_settings : {}) as Record<string, unknown>;
    if (!this.session) {
      const applied = applyConfig(this.defaults, { ...vs, ...msg, voice_id: undefined });
      if ('error' in applied) return applied;
      this.session = applied.config;
    }
    const voiceId = vs.voice_id ?? msg.voice_id;
    return applyConfig(this.session, voiceId === undefined ? {} : { voice_id: voiceId });
  }

  /** Text goes to the context's buffer; a flush (even of nothing) is answered by a `final` after the audio before it. */
  private admit(ctx: Context, text: string, flush: boolean): void {
    if (text.trim()) ctx.stream.enqueue(ctx.segmenter.push(text));
    if (!flush) return;
    ctx.stream.enqueue(ctx.segmenter.flush());
    ctx.stream.mark(() => this.send({ final: true, context_id: ctx.id, ...ctx.stream.stats }));
  }

  private closeGracefully(ctx: Context): void {
    if (ctx.closing) return;
    ctx.closing = true;
    clearTimeout(ctx.idleTimer);
    ctx.stream.enqueue(ctx.segmenter.flush());
    ctx.stream.mark(() => {
      if (this.contexts.get(ctx.id) !== ctx) return; // closed immediately meanwhile
      this.send({ final: true, context_id: ctx.id, ...ctx.stream.stats });
      this.remove(ctx);
    });
  }

  private closeImmediately(ctx: Context): void {
    ctx.stream.cancel();
    this.remove(ctx);
  }

  /** Ends a context on the server: `context_closed` carries its usage, as the SDKs read it. */
  private remove(ctx: Context): void {
    clearTimeout(ctx.idleTimer);
    this.contexts.delete(ctx.id);
    const s = ctx.stream.stats;
    this.totals = {
      total_audio_seconds: Math.round((this.totals.total_audio_seconds + s.total_audio_seconds) * 1000) / 1000,
      total_text_chunks: this.totals.total_text_chunks + s.total_text_chunks,
      total_audio_chunks: this.totals.total_audio_chunks + s.total_audio_chunks,
    };
    this.send({ context_closed: true, context_id: ctx.id, usage: ctx.stream.usage });
  }

  private closeSocket(): void {
    for (const ctx of [...this.contexts.values()]) {
      ctx.stream.cancel();
      this.remove(ctx);
    }
    this.send({ session_closed: true, ...this.totals, usage: { audio_seconds: this.totals.total_audio_seconds, model_id: 'kugel-3', cost_cents: null } });
    this.ws.close(1000, 'closed by client');
  }

  private updateSettings(body: unknown): void {
    const applied = applySettingsUpdate(this.settings, body);
    if ('error' in applied) return this.error(applied.code, applied.error);
    this.settings = applied.settings;
    this.send({ settings_updated: true, settings: this.settings });
  }

  private touch(ctx: Context): void {
    clearTimeout(ctx.idleTimer);
    ctx.idleTimer = setTimeout(() => {
      if (this.contexts.get(ctx.id) !== ctx || !ctx.stream.idle) return;
      ctx.stream.cancel();
      this.send({ context_timeout: true, context_id: ctx.id });
      this.remove(ctx);
    }, this.idleTimeoutMs);
  }

  private error(code: string, message: string, contextId?: string): void {
    this.logger.debug('local TTS multi: error', { code, contextId });
    this.send({ error: message, error_code: code, ...(contextId ? { context_id: contextId } : {}) });
  }

  private send(frame: Record<string, unknown>): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }
}
