/**
 * Client for the reference protocol's multi-context endpoint (`/ws/tts/multi`): every turn gets
 * a fresh context id on one shared socket, so every server frame names its turn and
 * attribution is exact. `closeContext(id, {immediate: true})` is per-context barge-in; the
 * other contexts carry on. Frames for a context are held until the server has created it
 * (never flush a context the server has not created), and the per-socket context cap is
 * enforced here: a new turn waits for a `context_closed` when the cap is reached.
 *
 * Frames are the JS SDK's MultiContextSession frames: the session config rides on the first
 * context of a connection only, each context names its voice in `voice_settings`; the server's
 * `final` answers every flush, so a turn ends at `context_closed` after a graceful close, not at
 * a `final`.
 */
import type { TimerHandle } from '../clock.js';
import { contextErrorCode, holdsSlot, newContext, SESSION_FIELDS, type TtsContext } from './multi-context-state.js';
import { StreamingClientBase, type StreamingClientOptions } from './streaming-client-base.js';
import { TtsError } from './tts-error.js';
import type { StreamingTts } from './types.js';
import type { Frame } from './wire-codec.js';

/**
 * `config` is sent as the context's `voice_settings` and config fields on creation; the codec is
 * a vendor translation (ElevenLabs, Cartesia). cancelQuietTimeoutMs bounds the wait for
 * `context_closed` after an immediate close, as in the single-stream client.
 */
export interface MultiContextClientOptions extends StreamingClientOptions {
  /** The reference server allows 20 contexts per socket. */
  maxContexts?: number;
  /** Idle contexts get a keep-alive this often. 10 s: half the reference server's 20 s context timeout. */
  contextKeepAliveMs?: number;
}

export class MultiContextTtsClient extends StreamingClientBase implements StreamingTts {
  private readonly maxContexts: number;
  private contexts = new Map<string, TtsContext>();
  /** Contexts waiting for a free slot, in order. */
  private waitingForSlot: TtsContext[] = [];
  private current: TtsContext | null = null;
  private keepAliveTimer: TimerHandle | undefined;
  /** The session config went out with a context on this connection (reset when it drops). */
  private sessionStarted = false;

  constructor(options: MultiContextClientOptions) {
    super(options);
    this.maxContexts = options.maxContexts ?? 20;
    const keepAliveMs = options.contextKeepAliveMs ?? 10_000;
    this.keepAliveTimer = this.clock.setInterval(() => this.keepAlive(keepAliveMs), keepAliveMs);
  }

  get currentTurnId(): string | null {
    return this.current?.id ?? null;
  }

  /** Contexts the server holds or is creating (what counts against the cap). */
  get openContextCount(): number {
    return [...this.contexts.values()].filter(holdsSlot).length;
  }

  send(text: string, options: { flush?: boolean } = {}): string {
    this.assertSendable(text);
    const ctx = this.current ?? this.startContext();
    ctx.timeline.addText(text);
    this.push(ctx, { text, context_id: ctx.id, flush: options.flush === true });
    return ctx.id;
  }

  flush(): void {
    this.assertUsable();
    if (this.current) this.push(this.current, { flush: true, context_id: this.current.id });
  }

  endTurn(): Promise<void> {
    const ctx = this.current;
    if (!ctx) return Promise.resolve();
    this.current = null;
    return this.closeContext(ctx.id);
  }

  async endSession(): Promise<void> {
    if (this.closed) return;
    await this.endTurn();
    await Promise.all([...this.contexts.values()].map((c) => this.waitForEnd(c)));
    if (this.socket.isOpen) this.wire({ close_socket: true });
    await this.close();
  }

  /** Barge-in on every live context: playback cleared first, then each is closed immediately. */
  async cancelCurrent(): Promise<void> {
    const live = [...this.contexts.values()].filter((c) => c.state !== 'closed' && !c.cancelled);
    if (live.length === 0) return;
    // closeContext clears each context's playback synchronously, before anything is sent.
    await Promise.all(live.map((c) => this.closeContext(c.id, { immediate: true })));
  }

  /**
   * Graceful close resolves on `final` (then waits for `context_closed`); immediate close clears
   * playback of that context, drops its buffered text and audio, and resolves on `context_closed`
   * (or the quiet timeout). Other contexts are untouched.
   */
  closeContext(id: string, options: { immediate?: boolean } = {}): Promise<void> {
    const ctx = this.contexts.get(id);
    if (!ctx || ctx.state === 'closed') return Promise.resolve();
    if (this.current === ctx) this.current = null;
    if (options.immediate) {
      if (ctx.cancelled) return this.waitForClosed(ctx);
      this.clearPlayback(id);
      // Never asked the server for it (waiting for a slot): nothing to cancel remotely.
      if (ctx.state === 'pending') return this.finish(ctx, 'interrupted');
      // While creation is in flight the immediate close waits for context_created (flushFrames sends it then).
      if (ctx.state !== 'creating') ctx.state = 'cancelling';
      ctx.frames = [{ close_context: true, context_id: id, immediate: true }];
      ctx.sentFrames = 0;
      ctx.closeRequested = true;
      ctx.cancelled = true;
      if (ctx.state === 'cancelling') this.flushFrames(ctx);
      this.restartQuietTimer();
      return this.waitForClosed(ctx);
    }
    if (!ctx.closeRequested) {
      ctx.closeRequested = true;
      this.push(ctx, { close_context: true, context_id: id });
    }
    return this.waitForEnd(ctx);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clock.clearInterval(this.keepAliveTimer);
    this.clock.clearTimeout(this.quietTimer);
    for (const c of [...this.contexts.values()]) this.finish(c, isCancelled(c) ? 'interrupted' : 'silent');
    this.waitingForSlot = [];
    await this.socket.close();
  }

  // --- internals -------------------------------------------------------------------------

  private startContext(): TtsContext {
    const ctx = newContext(this.clock.nowMs());
    this.contexts.set(ctx.id, ctx);
    this.current = ctx;
    this.requestCreation(ctx);
    return ctx;
  }

  private requestCreation(ctx: TtsContext): void {
    if (this.openContextCount >= this.maxContexts) {
      this.logger.debug('TTS context cap reached; waiting for a context to close', { cap: this.maxContexts });
      this.waitingForSlot.push(ctx);
      return;
    }
    ctx.state = 'creating';
    const frame: Frame = { text: ' ', context_id: ctx.id };
    if (!this.sessionStarted) {
      for (const k of SESSION_FIELDS) if (this.config[k] !== undefined && this.config[k] !== false) frame[k] = this.config[k];
      this.sessionStarted = true;
    }
    const voiceSettings: Frame = {};
    if (this.config.voice_id !== undefined) voiceSettings.voice_id = this.config.voice_id;
    if (this.config.speed !== undefined) voiceSettings.speed = this.config.speed;
    if (Object.keys(voiceSettings).length > 0) frame.voice_settings = voiceSettings;
    this.wire(frame, ctx.id);
  }

  private push(ctx: TtsContext, frame: Frame): void {
    ctx.frames.push(frame);
    this.flushFrames(ctx);
  }

  /** Sends what the context has queued, but only once the server has created it. */
  private flushFrames(ctx: TtsContext): void {
    if (ctx.state !== 'open' && ctx.state !== 'closing' && ctx.state !== 'cancelling') return;
    while (ctx.sentFrames < ctx.frames.length) {
      const f = ctx.frames[ctx.sentFrames++]!;
      if (f.close_context === true && !f.immediate) ctx.state = 'closing';
      this.wire(f, ctx.id);
      ctx.lastSentMs = this.clock.nowMs();
    }
  }

  private keepAlive(periodMs: number): void {
    if (!this.socket.isOpen) return;
    const now = this.clock.nowMs();
    for (const c of this.contexts.values()) {
      if (c.state === 'open' && now - c.lastSentMs >= periodMs) {
        this.wire({ text: '', context_id: c.id }, c.id);
        c.lastSentMs = now;
      }
    }
  }

  private waitForEnd(ctx: TtsContext): Promise<void> {
    if (ctx.state === 'closed') return Promise.resolve();
    return new Promise((resolve, reject) => ctx.endWaiters.push({ resolve, reject }));
  }

  private waitForClosed(ctx: TtsContext): Promise<void> {
    if (ctx.state === 'closed') return Promise.resolve();
    return new Promise((resolve) => ctx.closedWaiters.push(resolve));
  }

  protected onMessage(msg: Frame): void {
    const id = typeof msg.context_id === 'string' ? msg.context_id : undefined;
    const ctx = id ? this.contexts.get(id) : undefined;
    if ('audio' in msg) {
      if (!ctx || isCancelled(ctx) || ctx.state === 'closed' || !ctx.timeline.knows(msg.chunk_id)) {
        this.stats.droppedChunks += 1;
        return;
      }
      const decoded = this.decodeAudio(msg);
      if (!decoded) return;
      ctx.audioReceived = true;
      ctx.timeline.audio(msg.chunk_id, (decoded.samples.length * 1000) / decoded.sampleRate);
      this.emitAudio(ctx.id, decoded);
      return;
    }
    if ('word_timestamps' in msg) {
      if (ctx && !isCancelled(ctx)) this.emitWords(ctx.id, msg, ctx.timeline);
      return;
    }
    if (msg.generation_started === true) {
      if (ctx && !isCancelled(ctx)) ctx.timeline.chunkStarted(msg.chunk_id, msg.text);
      return;
    }
    if (!ctx) {
      if ('error' in msg) this.report(new TtsError(contextErrorCode(msg), `TTS server error: ${String(msg.error)}`));
      return;
    }
    if (msg.context_created === true) {
      if (ctx.state !== 'creating') return;
      ctx.state = isCancelled(ctx) ? 'cancelling' : 'open';
      this.flushFrames(ctx);
      return;
    }
    // `final` answers each flush (and precedes context_closed): progress, not the end of the turn.
    if (msg.final === true) return;
    if (msg.context_closed === true && ctx.closeRequested && !isCancelled(ctx)) {
      this.emit('final', { turnId: ctx.id });
      this.finish(ctx, 'silent');
      return;
    }
    if (msg.context_closed === true || msg.context_timeout === true) {
      if (msg.context_timeout === true && !isCancelled(ctx) && !ctx.closeRequested) {
        this.report(new TtsError('SERVER_ERROR', `The server timed out context ${ctx.id} (no text for too long).`, { turnId: ctx.id }));
      }
      this.finish(ctx, isCancelled(ctx) ? 'interrupted' : 'silent');
      return;
    }
    if ('error' in msg) {
      const err = new TtsError(contextErrorCode(msg), `TTS server error on context ${ctx.id}: ${String(msg.error)}`, { turnId: ctx.id });
      this.report(err);
      // A context the server refused to create is dead: release its slot and its waiters.
      if (ctx.state === 'creating') this.finish(ctx, 'silent', err);
    }
  }

  /** The context is over on the server (or never existed there). */
  private finish(ctx: TtsContext, how: 'interrupted' | 'silent', error?: Error): Promise<void> {
    if (ctx.state === 'closed') return Promise.resolve();
    const wasCancelled = isCancelled(ctx);
    ctx.state = 'closed';
    this.contexts.delete(ctx.id);
    this.waitingForSlot = this.waitingForSlot.filter((c) => c !== ctx);
    if (this.current === ctx) this.current = null;
    if (how === 'interrupted' || wasCancelled) this.emit('interrupted', { turnId: ctx.id });
    const ends = ctx.endWaiters;
    ctx.endWaiters = [];
    for (const w of ends) {
      if (error) w.reject(error);
      else w.resolve();
    }
    this.settle(ctx.closedWaiters.map((f) => ({ resolve: f })));
    ctx.closedWaiters = [];
    // A slot is free: the oldest waiting context may be created now.
    const next = this.waitingForSlot.shift();
    if (next) this.requestCreation(next);
    if (![...this.contexts.values()].some(isCancelled)) this.stopQuietTimer();
    return Promise.resolve();
  }

  private settle(waiters: { resolve: () => void }[]): void {
    for (const w of waiters.splice(0)) w.resolve();
  }

  protected restartQuietTimer(): void {
    this.stopQuietTimer();
    if (![...this.contexts.values()].some((c) => isCancelled(c) && c.state !== 'closed')) return;
    this.quietTimer = this.clock.setTimeout(() => {
      this.quietTimer = undefined;
      this.logger.info('TTS context close not acknowledged; server quiet, treating the contexts as closed');
      for (const c of [...this.contexts.values()]) if (isCancelled(c)) this.finish(c, 'interrupted');
    }, this.quietTimeoutMs);
  }

  /** All contexts died with the socket. Unheard ones are recreated and replayed; partly heard ones end with TURN_LOST. */
  protected onDown(): void {
    this.socket.clearQueue();
    this.sessionStarted = false;
    for (const c of [...this.contexts.values()]) {
      if (isCancelled(c)) this.finish(c, 'interrupted');
      else if (c.audioReceived) {
        const err = new TtsError('TURN_LOST', 'The TTS connection dropped mid-answer; the rest of this turn was not spoken.', { turnId: c.id });
        this.report(err);
        this.finish(c, 'silent', err);
      }
    }
    for (const c of this.contexts.values()) {
      c.state = 'pending';
      c.sentFrames = 0;
      c.timeline.restart();
    }
    this.waitingForSlot = [];
    for (const c of [...this.contexts.values()]) this.requestCreation(c);
  }

  protected endAllTurns(err: TtsError): void {
    for (const c of [...this.contexts.values()]) this.finish(c, isCancelled(c) ? 'interrupted' : 'silent', isCancelled(c) ? undefined : err);
  }
}

function isCancelled(c: TtsContext): boolean {
  return c.cancelled;
}
