/**
 * The reference protocol's multi-context endpoint for one connection: up to 20 independent
 * contexts, each with its own text buffer and speech stream. `close_context` finishes a
 * context (final, then context_closed); with `immediate: true` it is per-context barge-in
 * (context_closed only); the others carry on.
 */
import type WebSocket from 'ws';
import type { Logger } from '../../logger.js';
import type { SpeechEngine } from './speech-engine.js';
import { applyConfig, type StreamConfig } from './session-config.js';
import { MAX_TEXT_CHARS } from './single-stream-session.js';
import { SpeechStream } from './speech-stream.js';
import { TextSegmenter } from './text-segmenter.js';

/** The reference protocol's cap per socket. */
export const MAX_CONTEXTS = 20;
/** A context with no frames for this long is closed with `context_timeout`. 20 s, as the reference server; keep-alives reset it. */
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

  constructor(
    private readonly ws: WebSocket,
    private readonly engine: SpeechEngine,
    private readonly defaults: StreamConfig,
    private readonly logger: Logger,
    private readonly idleTimeoutMs = CONTEXT_IDLE_TIMEOUT_MS,
  ) {}

  handle(msg: Record<string, unknown>): void {
    if (msg.close_socket === true) {
      this.dispose();
      this.ws.close(1000, 'closed by client');
      return;
    }
    const id = msg.context_id;
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) {
      return this.error('INVALID_CONTEXT_ID', '"context_id" must be a non-empty string of at most 128 characters.');
    }
    const ctx = this.contexts.get(id);
    if (msg.close_context === true) {
      if (!ctx) return this.error('CONTEXT_NOT_FOUND', `No context "${id}".`, id);
      return msg.immediate === true ? this.closeImmediately(ctx) : this.closeGracefully(ctx);
    }
    if (msg.text !== undefined && typeof msg.text !== 'string') return this.error('INVALID_TEXT', '"text" must be a string.', id);
    const text = (msg.text as string | undefined) ?? '';
    if (text.length > MAX_TEXT_CHARS) return this.error('TEXT_TOO_LONG', `"text" is longer than ${MAX_TEXT_CHARS} characters.`, id);
    if (!ctx) return this.create(id, msg);
    if (ctx.closing) return this.error('CONTEXT_CLOSING', `Context "${id}" is closing; use a new context id.`, id);
    this.touch(ctx);
    if (text.trim()) ctx.stream.enqueue(ctx.segmenter.push(text));
    if (msg.flush === true) ctx.stream.enqueue(ctx.segmenter.flush());
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
    const settings = (msg.voice_settings && typeof msg.voice_settings === 'object' ? msg.voice_settings : {}) as Record<string, unknown>;
    const applied = applyConfig(this.defaults, { ...settings, ...msg });
    if ('error' in applied) return this.error(applied.code, applied.error, id);
    const ctx: Context = {
      id,
      config: applied.config,
      segmenter: new TextSegmenter(),
      closing: false,
      idleTimer: undefined,
      stream: new SpeechStream({
        engine: this.engine,
        voice: applied.config.voice,
        sampleRate: applied.config.sampleRate,
        wordTimestamps: applied.config.wordTimestamps,
        send: (f) => this.send(f),
        extra: { context_id: id },
        onError: (m) => this.error('SYNTHESIS_FAILED', m, id),
      }),
    };
    this.contexts.set(id, ctx);
    this.send({ context_created: true, context_id: id });
    this.touch(ctx);
    const text = typeof msg.text === 'string' ? msg.text : '';
    if (text.trim()) ctx.stream.enqueue(ctx.segmenter.push(text));
    if (msg.flush === true) ctx.stream.enqueue(ctx.segmenter.flush());
  }

  private closeGracefully(ctx: Context): void {
    if (ctx.closing) return;
    ctx.closing = true;
    clearTimeout(ctx.idleTimer);
    ctx.stream.enqueue(ctx.segmenter.flush());
    void ctx.stream.whenIdle().then(() => {
      if (this.contexts.get(ctx.id) !== ctx) return; // closed immediately meanwhile
      this.contexts.delete(ctx.id);
      this.send({ final: true, context_id: ctx.id, audio_seconds: ctx.stream.audioSeconds });
      this.send({ context_closed: true, context_id: ctx.id });
    });
  }

  private closeImmediately(ctx: Context): void {
    clearTimeout(ctx.idleTimer);
    ctx.stream.cancel();
    this.contexts.delete(ctx.id);
    this.send({ context_closed: true, context_id: ctx.id });
  }

  private touch(ctx: Context): void {
    clearTimeout(ctx.idleTimer);
    ctx.idleTimer = setTimeout(() => {
      if (this.contexts.get(ctx.id) !== ctx || !ctx.stream.idle) return;
      ctx.stream.cancel();
      this.contexts.delete(ctx.id);
      this.send({ context_timeout: true, context_id: ctx.id });
      this.send({ context_closed: true, context_id: ctx.id });
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
