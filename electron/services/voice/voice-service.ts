/**
 * The conversation behind the agent:* channels: starts and stops the live session, routes
 * the manual interrupt (button, hotkey, tray, API all land here), mutes, and applies settings
 * while a session runs (VAD at once; other sections by restarting the session at the next
 * quiet moment, keeping the transcript).
 */
import {
  IpcFailure,
  MAX_TRANSCRIPT_ENTRIES,
  NO_ACTIVE_SESSION_MESSAGE,
  NOT_STREAMING_MESSAGE,
  type AgentStatus,
  type ManualInterruptSource,
  type Settings,
} from '../../contract/index.js';
import type { PriorTurn } from '../../engine/agent/chat-history.js';
import { systemClock, type Clock } from '../../engine/clock.js';
import type { LocalServer } from '../../engine/llm/local-servers.js';
import type { Logger } from '../../engine/logger.js';
import type { HardwareDetector } from '../../engine/models/hardware.js';
import type { ModelManager } from '../../engine/models/model-manager.js';
import { InterruptCommandError, sendInterrupt } from '../../engine/turn/manual-interrupt.js';
import type { EventHub } from '../event-hub.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { openLiveSession, type LiveSession } from './live-session.js';
import { resolveNeuralVoice } from './neural-voice.js';
import { resolveProviders } from './provider-resolver.js';
import { emptyMetrics, SessionEventBridge } from './session-event-bridge.js';
import type { VoiceIo } from './voice-io.js';

export interface VoiceServiceOptions {
  settings: SettingsStore;
  events: EventHub;
  secrets: SecretStore;
  models: ModelManager;
  io: VoiceIo;
  logger: Logger;
  clock?: Clock;
  detectLocalServers?: () => Promise<LocalServer[]>;
  hardware?: HardwareDetector;
  systemPrompt?: string;
}

/** Spoken answers: short sentences, no lists or markup (the TTS reads everything). */
const DEFAULT_SYSTEM_PROMPT =
  'You are Interject, a friendly voice assistant. Answer in one to three short spoken sentences. Never use lists, markdown or emoji. If the user interrupted you, do not repeat what they already heard.';

type Running = { live: LiveSession; bridge: SessionEventBridge; notes: string[] };

export class VoiceService {
  private running: Running | null = null;
  private transition: Promise<AgentStatus> | null = null;
  private muted = false;
  private restartPending = false;
  private readonly clock: Clock;
  private readonly offSettings: () => void;

  constructor(private readonly options: VoiceServiceOptions) {
    this.clock = options.clock ?? systemClock;
    const onChange = (next: Settings) => this.onSettingsChanged(next);
    options.settings.on('changed', onChange);
    this.offSettings = () => options.settings.off('changed', onChange);
  }

  status(): AgentStatus {
    if (this.running) {
      const { live, bridge, notes } = this.running;
      return {
        ...bridge.status(this.muted),
        mode: live.practice ? 'practice' : 'conversation',
        notes: notes.slice(0, 10),
        bargeInRules: live.session.bargeInRules().slice(0, 10),
      };
    }
    return { state: 'idle', phase: 'none', sessionId: null, muted: this.muted, transcript: this.lastTranscript, metrics: this.lastMetrics };
  }

  /** Starts a session; while one is starting or running, answers its status. */
  start(): Promise<AgentStatus> {
    if (this.running) return Promise.resolve(this.status());
    this.transition ??= this.open().finally(() => (this.transition = null));
    return this.transition;
  }

  async stop(): Promise<AgentStatus> {
    if (this.transition) await this.transition.catch(() => undefined);
    await this.close();
    this.options.events.emit('agent:state', { state: 'idle', phase: 'none', atMs: this.clock.nowMs() });
    return this.status();
  }

  /** The one manual interrupt: same errors and no-op for every control. */
  interrupt(source: ManualInterruptSource): { interrupted: boolean } {
    const target = this.running?.live.session ?? null;
    try {
      return { interrupted: sendInterrupt(target, source).interrupted };
    } catch (error) {
      if (error instanceof InterruptCommandError) {
        throw new IpcFailure(
          error.code === 'NOT_STREAMING'
            ? { code: 'not_streaming', message: NOT_STREAMING_MESSAGE }
            : { code: 'no_session', message: NO_ACTIVE_SESSION_MESSAGE },
        );
      }
      throw error;
    }
  }

  mute(muted: boolean): { muted: boolean } {
    const changed = this.muted !== muted;
    this.muted = muted;
    if (this.running) this.running.live.muted = muted;
    // Status listeners (the tray icon) re-read the status on agent:state.
    if (changed) {
      const s = this.status();
      this.options.events.emit('agent:state', { state: s.state, phase: s.phase, atMs: this.clock.nowMs() });
    }
    return { muted };
  }

  /**
   * Starts a session that continues a saved conversation: its entries are shown again, and the
   * agent remembers what the person heard of it (never the unheard rest). A running session stops first.
   */
  async continueConversation(entries: AgentStatus['transcript'], priorTurns: readonly PriorTurn[]): Promise<AgentStatus> {
    await this.stop();
    this.lastTranscript = entries.slice(-MAX_TRANSCRIPT_ENTRIES);
    this.priorTurns = priorTurns;
    this.transition ??= this.open(true).finally(() => {
      this.transition = null;
      this.priorTurns = undefined;
    });
    return this.transition;
  }

  /** A failed reply's Retry: the same question to the language model again. */
  retry(): { retried: boolean } {
    return { retried: this.running?.live.session.retryReply() ?? false };
  }

  /** Practice mode's "next" / "continue" buttons. */
  practice(action: 'next' | 'continue'): { text: string } {
    if (!this.running?.live.practice) {
      throw new IpcFailure({ code: 'unavailable', message: 'Practice mode is not running.' });
    }
    const session = this.running.live.session;
    if (session.state === 'speaking') session.interruptNow('button');
    const text = this.running.live.practiceText(action);
    session.speak(text);
    return { text };
  }

  get practiceMode(): boolean {
    return this.running?.live.practice != null;
  }

  async dispose(): Promise<void> {
    this.offSettings();
    await this.stop();
  }

  private lastTranscript: AgentStatus['transcript'] = [];
  /** Set only while a continued conversation's session opens. */
  private priorTurns: readonly PriorTurn[] | undefined;
  private lastMetrics = emptyMetrics();

  private async open(carry = false): Promise<AgentStatus> {
    const { settings, events, logger, io } = this.options;
    const current = settings.get();
    const providers = await resolveProviders(current.providers, {
      secrets: this.options.secrets,
      models: this.options.models,
      logger,
      ...(this.options.detectLocalServers ? { detect: this.options.detectLocalServers } : {}),
      ...(this.options.hardware ? { hardware: this.options.hardware } : {}),
    });
    for (const note of providers.notes) logger.info('Provider not ready', { note });
    let bridge: SessionEventBridge | null = null;
    try {
      const live = await openLiveSession({
        settings: current,
        io,
        providers,
        secrets: this.options.secrets,
        clock: this.clock,
        logger,
        systemPrompt: this.options.systemPrompt ?? DEFAULT_SYSTEM_PROMPT,
        ...(this.priorTurns ? { priorTurns: this.priorTurns } : {}),
        onMicFrame: (frame) => bridge?.onMicFrame(frame),
        neuralVoice: (voice) => resolveNeuralVoice(this.options.models, voice),
        onNotice: (message) => {
          logger.warn('Session notice', { message });
          providers.notes.push(message);
          // Shown in conversation mode too (notes appear only in practice mode's panel).
          events.emit('app:error', {
            kind: 'other',
            message,
            nextStep: 'Download the voice again or choose another in Settings → Voices and providers; the built-in voice speaks meanwhile.',
            atMs: this.clock.nowMs(),
          });
        },
        onDeviceError: (error, which) => {
          events.emit('app:error', {
            kind: 'deviceLost',
            message: error.message,
            nextStep:
              which === 'input'
                ? 'Plug the microphone back in or choose another one in Settings → Audio; Interject keeps trying.'
                : 'Plug the speakers back in or choose another output in Settings → Audio; Interject keeps trying.',
            atMs: this.clock.nowMs(),
          });
        },
      });
      live.muted = this.muted;
      bridge = new SessionEventBridge(live.session, events, carry ? { transcript: this.lastTranscript, metrics: this.lastMetrics } : undefined, () =>
        live.outputConnected(),
      );
      live.session.on('state', (e) => {
        if (e.state === 'listening' && this.restartPending) void this.restartQuietly();
      });
      this.running = { live, bridge, notes: providers.notes };
      try {
        await live.begin();
      } catch (error) {
        await this.close();
        throw error;
      }
      events.emit('agent:state', { state: live.session.state, phase: 'none', atMs: this.clock.nowMs() });
      return this.status();
    } catch (error) {
      await Promise.all([providers.stt?.close(), providers.llm?.close?.()]).catch(() => undefined);
      const message = `Could not start the voice session: ${(error as Error).message}`;
      logger.error(message, { stack: String((error as Error).stack) });
      throw new IpcFailure({ code: 'unavailable', message });
    }
  }

  private async close(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = null;
    const snapshot = running.bridge.status(this.muted);
    this.lastTranscript = snapshot.transcript;
    this.lastMetrics = snapshot.metrics;
    running.bridge.detach();
    await running.live.dispose();
  }

  private onSettingsChanged(next: Settings): void {
    const running = this.running;
    if (!running) return;
    running.live.applyLive(next);
    if (running.live.needsRestartFor(next)) {
      this.restartPending = true;
      if (running.live.session.state === 'listening' || running.live.session.state === 'idle') void this.restartQuietly();
    }
  }

  /** Reopens the session with the new settings, carrying the transcript and metrics over. */
  private async restartQuietly(): Promise<void> {
    if (!this.restartPending || this.transition) return;
    this.restartPending = false;
    this.options.logger.info('Settings changed: restarting the voice session');
    this.transition = (async () => {
      // The new session remembers what this one's agent remembered (heard parts only).
      const memory = this.running?.live.session.history.snapshot().filter((m) => m.role !== 'system') ?? [];
      await this.close();
      this.priorTurns = memory.map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
      return this.open(true).finally(() => (this.priorTurns = undefined));
    })().finally(() => (this.transition = null));
    await this.transition.catch((error: unknown) => this.options.logger.error('Restart failed', { error: String(error) }));
  }
}
