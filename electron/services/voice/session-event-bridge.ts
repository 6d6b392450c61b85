/**
 * Maps one engine AgentSession's events onto the contract's events (agent:state,
 * transcript:update, metrics:update, audio:level, bargein:mark, app:error) and keeps the
 * snapshot `agent:status` answers. One bridge per session; `detach` stops it.
 */
import type { AgentStatus, AppError, BargeInMarkKind, BargeInPhase, InterruptReason, SessionMetrics, TranscriptEntry } from '../../contract/index.js';
import { MAX_ENTRY_TEXT, MAX_TRANSCRIPT_ENTRIES } from '../../contract/index.js';
import type { EventEmitter } from 'node:events';
import type { AgentSession } from '../../engine/agent/agent-session.js';
import type { AgentSessionEvents } from '../../engine/agent/events.js';
import type { TranscriptRecord } from '../../engine/agent/transcript.js';
import type { AudioFrame } from '../../engine/audio/frame.js';
import { DisposableStore, subscriber } from '../../engine/disposables.js';
import type { EventHub } from '../event-hub.js';

/** What the bridge reads of a session: its events and the two facts `agent:status` reports. */
export type BridgedSession = EventEmitter<AgentSessionEvents> & Pick<AgentSession, 'state' | 'activeSessionId'> & Partial<Pick<AgentSession, 'heardSoFar'>>;

/** 50 ms: the contract's ~20 Hz meter rate; smooth to the eye, light on the bridge. */
const LEVEL_INTERVAL_MS = 50;
const FLOOR_DBFS = -100;

export function emptyMetrics(): SessionMetrics {
  return { lastBargeInLatencyMs: null, timeToFirstAudioMs: null, interruptions: 0, falseInterruptions: 0 };
}

export class SessionEventBridge {
  private phase: BargeInPhase = 'none';
  private silent = false;
  private readonly entries = new Map<string, TranscriptEntry>();
  private readonly reasons = new Map<string, { reason: InterruptReason; strategy: string | null }>();
  /** Contract entry id → TTS turn, for following the voice. */
  private readonly turnOf = new Map<string, string>();
  private metrics: SessionMetrics = emptyMetrics();
  private lastProbability = 0;
  private levelSumSquares = 0;
  private levelSamples = 0;
  private levelStartMs: number | null = null;
  private readonly subscriptions = new DisposableStore();
  /** Engine entry ids restart at e1 with each session; the prefix keeps ids unique across restarts. */
  private readonly idPrefix = `${Math.random().toString(36).slice(2, 8)}-`;

  constructor(
    private readonly session: BridgedSession,
    private readonly events: EventHub,
    /** A restarted session (settings changed) carries on the same conversation record. */
    carried?: { transcript: TranscriptEntry[]; metrics: SessionMetrics },
    /** False while no speaker takes the agent's audio. */
    private readonly outputConnected: () => boolean = () => true,
  ) {
    for (const entry of carried?.transcript ?? []) this.entries.set(entry.id, entry);
    if (carried) this.metrics = { ...carried.metrics };
    this.attach();
  }

  status(muted: boolean): AgentStatus {
    return {
      state: this.session.state,
      phase: this.phase,
      ...(this.silent ? { silent: true } : {}),
      sessionId: this.session.activeSessionId(),
      muted,
      transcript: [...this.entries.values()].slice(-MAX_TRANSCRIPT_ENTRIES),
      metrics: { ...this.metrics },
    };
  }

  /** Every microphone frame: accumulated into the ~20 Hz level event. */
  onMicFrame(frame: AudioFrame): void {
    this.levelStartMs ??= frame.timestampMs;
    for (const s of frame.data) this.levelSumSquares += s * s;
    this.levelSamples += frame.data.length;
    if (frame.timestampMs - this.levelStartMs < LEVEL_INTERVAL_MS) return;
    const rms = Math.sqrt(this.levelSumSquares / Math.max(1, this.levelSamples));
    const rmsDbfs = rms > 0 ? Math.max(FLOOR_DBFS, Math.min(0, 20 * Math.log10(rms))) : FLOOR_DBFS;
    this.events.emit('audio:level', { tMs: frame.timestampMs, rmsDbfs, vadProbability: clamp01(this.lastProbability) });
    this.followVoice();
    this.checkSilent(frame.timestampMs);
    this.levelStartMs = frame.timestampMs;
    this.levelSumSquares = 0;
    this.levelSamples = 0;
  }

  /** At the meter's rate while the agent speaks: the agent entry's heard part moves with the voice. */
  private followVoice(): void {
    const heard = this.session.heardSoFar?.();
    if (!heard) return;
    const entry = [...this.entries.values()].reverse().find((e) => e.speaker === 'agent' && this.turnOf.get(e.id) === heard.turnId);
    if (!entry || entry.interrupted || entry.spokenText === heard.heardText) return;
    this.upsert({ ...entry, spokenText: heard.heardText.slice(0, MAX_ENTRY_TEXT) });
  }

  /** Speaking into no speaker: the pill must not say "Speaking" as if it were heard. */
  private checkSilent(tMs: number): void {
    const silent = this.session.state === 'speaking' && !this.outputConnected();
    if (silent === this.silent) return;
    this.silent = silent;
    this.events.emit('agent:state', { state: this.session.state, phase: this.phase, atMs: tMs, ...(silent ? { silent } : {}) });
  }

  error(error: AppError): void {
    this.events.emit('app:error', error);
  }

  detach(): void {
    void this.subscriptions.dispose();
  }

  private attach(): void {
    const listen = subscriber<AgentSessionEvents>(this.session, this.subscriptions);
    listen('state', (e) => {
      this.phase = 'none';
      this.silent = e.state === 'speaking' && !this.outputConnected();
      this.events.emit('agent:state', { state: e.state, phase: this.phase, atMs: e.tMs, ...(this.silent ? { silent: true } : {}) });
    });
    listen('bargeIn', (e) => {
      if (e.type === 'ducked') this.setPhase('ducked', e.tMs, 'duck');
      else if (e.type === 'paused') this.setPhase('paused', e.tMs, 'pause');
      else if (e.type === 'resumed') this.setPhase('resumed', e.tMs, 'resume');
      else this.setPhase(this.phase === 'resumed' ? 'resumed' : 'none', e.tMs, 'resume');
    });
    listen('falseInterruption', (e) => {
      this.metrics.falseInterruptions += 1;
      this.emitMetrics();
      this.setPhase(e.resumed ? 'resumed' : 'none', e.tMs, 'falseInterruption');
    });
    listen('userStartedSpeaking', (e) => this.mark(e.tMs, 'userStart'));
    listen('userStoppedSpeaking', (e) => this.mark(e.tMs, 'userStop'));
    listen('agentStartedSpeaking', (e) => this.mark(e.tMs, 'agentStart'));
    listen('agentStoppedSpeaking', (e) => this.mark(e.tMs, 'agentStop'));
    listen('interrupted', (e) => {
      // The engine sends this before the cut entry, so the entry goes out once, labelled.
      this.reasons.set(e.turnId, { reason: e.reason, strategy: e.strategy });
      this.metrics.interruptions += 1;
      this.emitMetrics();
      this.mark(e.tMs, 'interrupt');
    });
    listen('metric', (e) => {
      const value = Math.max(0, Math.round(e.valueMs));
      if (e.name === 'bargeInLatencyMs') this.metrics.lastBargeInLatencyMs = value;
      else this.metrics.timeToFirstAudioMs = value;
      this.emitMetrics();
    });
    listen('latencyBudget', (e) => {
      const b = e.budget;
      const segments = b.segments.map((seg) => ({ stage: seg.stage, until: seg.until, ms: Math.round(seg.ms) }));
      this.events.emit('latency:budget', {
        turnId: b.turnId,
        atMs: e.tMs,
        preemptive: b.preemptive,
        totalMs: Math.round(b.totalMs),
        outputLatencyMs: Math.round(b.outputLatencyMs),
        segments,
      });
    });
    listen('vadProbability', (e) => {
      this.lastProbability = e.p;
    });
    listen('transcript', (e) => {
      const entry = this.toContract(e);
      if (entry.speaker === 'agent') this.markReply(undefined);
      this.upsert(entry);
    });
    listen('error', (e) => {
      const error = sessionError(e);
      this.error(error);
      if (e.source === 'llm') this.markReply(error.message);
    });
  }

  private toContract(e: TranscriptRecord): TranscriptEntry {
    const id = `${this.idPrefix}${e.id}`;
    if (e.turnId) this.turnOf.set(id, e.turnId);
    // Still being spoken: keep how far the voice has got (it only moves forward within a turn).
    const spoken = e.status === 'interim' ? this.entries.get(id)?.spokenText : undefined;
    const interrupted = e.status === 'interrupted';
    const known = e.turnId ? this.reasons.get(e.turnId) : undefined;
    const full = interrupted ? [e.text, e.unheardText ?? ''].filter((t) => t.trim()).join(' ') : e.text;
    return {
      id,
      speaker: e.speaker,
      text: full.slice(0, MAX_ENTRY_TEXT),
      interim: e.status === 'interim',
      atMs: e.tMs,
      ...(spoken !== undefined ? { spokenText: spoken } : {}),
      ...(e.backchannel ? { backchannel: e.backchannel.slice(0, 300) } : {}),
      ...(interrupted
        ? {
            interrupted: true,
            heardText: e.text.slice(0, MAX_ENTRY_TEXT),
            unheardText: (e.unheardText ?? '').slice(0, MAX_ENTRY_TEXT),
            ...(known ? { reason: known.reason, ...(known.strategy ? { strategy: known.strategy } : {}) } : {}),
          }
        : {}),
    };
  }

  /**
   * The last user turn's answer failed (a reason), or came after all (undefined): the mark goes
   * on that turn's entry, so the transcript and the saved conversation show it, and Retry finds it.
   */
  private markReply(failure: string | undefined): void {
    const entries = [...this.entries.values()].filter((e) => !e.interim || e.speaker === 'agent');
    const lastUser = entries.findLast((e) => e.speaker === 'user');
    // A failure after part of an answer was spoken is not a turn left unanswered.
    if (!lastUser || lastUser.replyFailed === failure || (failure !== undefined && entries.at(-1) !== lastUser)) return;
    const { replyFailed: _old, ...rest } = lastUser;
    this.upsert(failure === undefined ? rest : { ...rest, replyFailed: failure.slice(0, 1000) });
  }

  private upsert(entry: TranscriptEntry): void {
    this.entries.set(entry.id, entry);
    while (this.entries.size > MAX_TRANSCRIPT_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    if (this.reasons.size > MAX_TRANSCRIPT_ENTRIES) this.reasons.delete(this.reasons.keys().next().value!);
    if (this.turnOf.size > MAX_TRANSCRIPT_ENTRIES) this.turnOf.delete(this.turnOf.keys().next().value!);
    this.events.emit('transcript:update', { entries: [entry] });
  }

  private setPhase(phase: BargeInPhase, tMs: number, mark: BargeInMarkKind): void {
    this.mark(tMs, mark);
    if (phase === this.phase) return;
    this.phase = phase;
    this.events.emit('agent:state', { state: this.session.state, phase, atMs: tMs, ...(this.silent ? { silent: true } : {}) });
  }

  private mark(tMs: number, kind: BargeInMarkKind): void {
    this.events.emit('bargein:mark', { tMs, kind });
  }

  private emitMetrics(): void {
    this.events.emit('metrics:update', { ...this.metrics });
  }
}

function clamp01(p: number): number {
  return Number.isFinite(p) ? Math.max(0, Math.min(1, p)) : 0;
}

function sessionError(e: AgentSessionEvents['error'][0]): AppError {
  const message = e.message.slice(0, 900) || 'Something went wrong.';
  switch (e.source) {
    case 'tts':
      return {
        kind: 'ttsFatal',
        message: `The voice stopped: ${message}`,
        nextStep: 'Check the voice in Settings → Voices and providers, then start the session again.',
        atMs: e.tMs,
      };
    case 'llm':
    case 'stt':
      return {
        kind: 'providerUnreachable',
        message: `${e.source === 'llm' ? 'The language model' : 'Speech recognition'} failed: ${message}`,
        nextStep: 'Check the provider, its address and key in Settings → Voices and providers.',
        atMs: e.tMs,
      };
    default:
      return { kind: 'other', message, nextStep: 'Stop and start the session. If it happens again, open the logs folder from Settings.', atMs: e.tMs };
  }
}
