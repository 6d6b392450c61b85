/**
 * The conversation: start/stop a voice session, interrupt the agent, mute the microphone,
 * and the live stream the renderer draws (state, transcript, metrics, level meter, barge-in
 * timeline, errors).
 *
 * Time base: every `atMs` / `tMs` in these events is the engine clock's milliseconds
 * (monotonic, one base for the whole session), so the renderer can lay levels, marks and
 * state changes on one timeline without comparing them with its own clock.
 *
 * Payloads are bounded so a runaway engine cannot flood the renderer: the transcript
 * snapshot keeps the last MAX_TRANSCRIPT_ENTRIES entries, a text is at most MAX_ENTRY_TEXT.
 */
import { z } from 'zod';
import { defineEvent, defineInvoke } from '../define.js';
import { LatencyBudgetEventSchema } from './latency.js';

export const AGENT_STATES = ['idle', 'listening', 'thinking', 'speaking'] as const;
export const AgentStateSchema = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentStateSchema>;

/**
 * The transient barge-in phases while the agent speaks (docs/architecture.md, barge-in lifecycle):
 * ducked = turned down at speech onset; paused = "maybe interrupting", nothing thrown away;
 * resumed = a false alarm, playback continued. 'none' once the phase is over.
 */
export const BARGE_IN_PHASES = ['none', 'ducked', 'paused', 'resumed'] as const;
export const BargeInPhaseSchema = z.enum(BARGE_IN_PHASES);
export type BargeInPhase = z.infer<typeof BargeInPhaseSchema>;

/** Who stopped the agent: the person's voice, or a manual control. */
export const INTERRUPT_REASONS = ['voice', 'hotkey', 'button', 'tray', 'api'] as const;
export const InterruptReasonSchema = z.enum(INTERRUPT_REASONS);
export type InterruptReason = z.infer<typeof InterruptReasonSchema>;

/** Where a manual interrupt came from (voice interrupts come from the engine, not a request). */
export const ManualInterruptSourceSchema = z.enum(['button', 'hotkey', 'tray', 'api']);
export type ManualInterruptSource = z.infer<typeof ManualInterruptSourceSchema>;

/** 20 000 characters: several minutes of speech; longer is a bug upstream, not a turn. */
export const MAX_ENTRY_TEXT = 20_000;
/** 500 entries: hours of conversation in the snapshot; older entries stay in the engine's log. */
export const MAX_TRANSCRIPT_ENTRIES = 500;
/** 100 entries per update: an update carries what changed, normally one or two. */
export const MAX_ENTRIES_PER_UPDATE = 100;

const entryText = z.string().max(MAX_ENTRY_TEXT);

export const TranscriptEntrySchema = z.object({
  /** Stable per entry: an update with the same id replaces the entry (interim → final, cut). */
  id: z.string().min(1).max(64),
  speaker: z.enum(['user', 'agent']),
  /** Everything said (user) or meant to be said (agent) in this entry. */
  text: entryText,
  /** User text still being recognised; replaced by the final text under the same id. */
  interim: z.boolean(),
  /** Agent entry cut short: only `heardText` reached the person (and the agent's memory). */
  interrupted: z.boolean().optional(),
  /** What the person heard before the cut. */
  heardText: entryText.optional(),
  /** What was cancelled unheard. */
  unheardText: entryText.optional(),
  /**
   * While the agent speaks: the part of `text` already heard (from the playback position and
   * word timings); the rest is still to be spoken. Absent once the answer has played out or been cut.
   */
  spokenText: entryText.optional(),
  reason: InterruptReasonSchema.optional(),
  /** The interruption strategy that said yes ("minWords", "phrases", ...), for voice interrupts. */
  strategy: z.string().max(64).optional(),
  /** A user turn whose answer failed: why, in words. Saved with the conversation; gone once an answer comes (Retry). */
  replyFailed: z.string().max(1000).optional(),
  /** User entries that did not stop the agent: why ("treated as a backchannel because …"). */
  backchannel: z.string().max(300).optional(),
  /** When the entry started, engine clock. */
  atMs: z.number().optional(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

export const TranscriptUpdateSchema = z.object({
  /** New or changed entries, upserted by id in this order; new ids are appended. */
  entries: z.array(TranscriptEntrySchema).max(MAX_ENTRIES_PER_UPDATE),
});
export type TranscriptUpdate = z.infer<typeof TranscriptUpdateSchema>;

const nonNegative = z.number().min(0);

export const SessionMetricsSchema = z.object({
  /** User speech onset → agent audio silent (ducked audio counts as still audible), last barge-in. */
  lastBargeInLatencyMs: nonNegative.nullable(),
  /** End of the user's turn → first agent audio played, last turn. */
  timeToFirstAudioMs: nonNegative.nullable(),
  /** Interruptions this session (voice and manual). */
  interruptions: z.number().int().min(0),
  /** Barge-in candidates that resumed (false alarms) this session. */
  falseInterruptions: z.number().int().min(0),
});
export type SessionMetrics = z.infer<typeof SessionMetricsSchema>;

export const AgentStateEventSchema = z.object({
  state: AgentStateSchema,
  phase: BargeInPhaseSchema.optional(),
  atMs: z.number(),
  /** Speaking, but no speaker takes the audio (none connected, or lost): nothing is heard. */
  silent: z.boolean().optional(),
});
export type AgentStateEvent = z.infer<typeof AgentStateEventSchema>;

/**
 * Microphone level at ~20 Hz (every 50 ms). rmsDbfs is floored at -100 (silence would be
 * -Infinity, which JSON cannot carry).
 */
export const AudioLevelSchema = z.object({
  tMs: z.number(),
  rmsDbfs: z.number().min(-100).max(0),
  vadProbability: z.number().min(0).max(1),
});
export type AudioLevel = z.infer<typeof AudioLevelSchema>;

export const BARGE_IN_MARK_KINDS = ['agentStart', 'agentStop', 'userStart', 'userStop', 'duck', 'pause', 'resume', 'interrupt', 'falseInterruption'] as const;
export const BargeInMarkSchema = z.object({
  tMs: z.number(),
  kind: z.enum(BARGE_IN_MARK_KINDS),
});
export type BargeInMark = z.infer<typeof BargeInMarkSchema>;
export type BargeInMarkKind = BargeInMark['kind'];

export const APP_ERROR_KINDS = ['deviceLost', 'ttsFatal', 'providerUnreachable', 'other'] as const;
export const AppErrorSchema = z.object({
  kind: z.enum(APP_ERROR_KINDS),
  /** What happened, one sentence for the person ("The microphone was unplugged."). */
  message: z.string().min(1).max(1000),
  /** What to do about it ("Plug it back in or choose another microphone in Settings → Audio."). */
  nextStep: z.string().max(1000),
  /** Engine clock; lets the renderer tell a repeat from a new error. */
  atMs: z.number().optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export const AgentStatusSchema = z.object({
  state: AgentStateSchema,
  phase: BargeInPhaseSchema,
  /** As in agent:state: speaking, but no speaker takes the audio. */
  silent: z.boolean().optional(),
  /** The running session, or null when none is running. */
  sessionId: z.string().max(128).nullable(),
  muted: z.boolean(),
  /** The last MAX_TRANSCRIPT_ENTRIES entries of this session, oldest first. */
  transcript: z.array(TranscriptEntrySchema).max(MAX_TRANSCRIPT_ENTRIES),
  metrics: SessionMetricsSchema,
  /**
   * 'practice' when no recognizer or language model is ready: the agent reads passages for
   * the person to practise interrupting ("next" / "continue"). Absent: a normal conversation.
   */
  mode: z.enum(['conversation', 'practice']).optional(),
  /** Why a provider is not ready (shown beside practice mode), one sentence each. */
  notes: z.array(z.string().max(1000)).max(10).optional(),
  /** The barge-in rules in force for this session, in a person's words. */
  bargeInRules: z.array(z.string().max(400)).max(10).optional(),
});
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

/** Exact texts of the manual interrupt's two errors (codes `not_streaming` / `no_session`). */
export const NOT_STREAMING_MESSAGE = 'Failed to send interrupt command: not currently streaming';
export const NO_ACTIVE_SESSION_MESSAGE = 'Failed to send interrupt command: no active session';

export const agentInvokes = {
  'agent:start': defineInvoke({
    summary: 'Start a voice session (mic, VAD, STT, LLM, TTS); answers the status. Already running: the same status.',
    request: z.undefined(),
    response: AgentStatusSchema,
  }),
  'agent:stop': defineInvoke({
    summary: 'Stop the session: the agent goes quiet at once, devices are released; answers the status.',
    request: z.undefined(),
    response: AgentStatusSchema,
  }),
  'agent:interrupt': defineInvoke({
    summary: 'Silence the agent now. No session: not_streaming / no_session with the exact messages above. Agent silent: a no-op (interrupted false).',
    request: z.object({ reason: ManualInterruptSourceSchema.optional() }).strict().optional(),
    response: z.object({ interrupted: z.boolean() }),
  }),
  'agent:mute': defineInvoke({
    summary: 'Mute or unmute the microphone; answers the new state.',
    request: z.object({ muted: z.boolean() }).strict(),
    response: z.object({ muted: z.boolean() }),
  }),
  'agent:practice': defineInvoke({
    summary: 'Practice mode: read the next passage, or continue the interrupted one. Not in practice mode: unavailable.',
    request: z.object({ action: z.enum(['next', 'continue']) }).strict(),
    response: z.object({ text: z.string().max(MAX_ENTRY_TEXT) }),
  }),
  'agent:retry': defineInvoke({
    summary: 'Ask the language model again for the last turn whose answer failed; retried false when there is none (or no session).',
    request: z.undefined(),
    response: z.object({ retried: z.boolean() }),
  }),
  'agent:status': defineInvoke({
    summary: 'The current snapshot: state, session id or null, muted, transcript, metrics.',
    request: z.undefined(),
    response: AgentStatusSchema,
  }),
} as const;

export const agentEvents = {
  'agent:state': defineEvent({ summary: 'The agent state or barge-in phase changed.', payload: AgentStateEventSchema }),
  'transcript:update': defineEvent({ summary: 'Transcript entries added or changed (upsert by id).', payload: TranscriptUpdateSchema }),
  'metrics:update': defineEvent({ summary: 'Session metrics changed.', payload: SessionMetricsSchema }),
  'audio:level': defineEvent({ summary: 'Microphone level and VAD probability, ~20 Hz while a session runs.', payload: AudioLevelSchema }),
  'bargein:mark': defineEvent({ summary: 'A moment for the barge-in timeline (speech spans, duck, pause, resume, interrupt).', payload: BargeInMarkSchema }),
  'latency:budget': defineEvent({
    summary: 'Voice-to-voice latency of an answered turn, stage by stage, at its first sample.',
    payload: LatencyBudgetEventSchema,
  }),
  'app:error': defineEvent({ summary: 'Something the person must act on: device lost, TTS closed fatally, provider unreachable.', payload: AppErrorSchema }),
} as const;
