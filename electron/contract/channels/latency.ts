/**
 * The voice-to-voice latency budget of one answered turn (issue 17): from the end of the
 * user's voice to the agent's first sample written to the device, as consecutive stages on
 * the engine clock (they add up to `totalMs`), for the metrics panel's stacked bar per turn.
 */
import { z } from 'zod';

/** The moments measured, in the order a turn without preemptive generation meets them. */
export const LATENCY_MARKS = [
  'voiceEnd',
  'vadEnd',
  'sttFinal',
  'endOfTurn',
  'llmRequest',
  'llmFirstToken',
  'llmFirstClause',
  'ttsRequest',
  'ttsFirstAudio',
  'firstWrite',
] as const;
export type LatencyMark = (typeof LATENCY_MARKS)[number];

/**
 * What the time up to a mark was spent on: vad = the VAD's release until it said the speech
 * ended; stt = waiting for the final transcript; turn = the rest of the end-of-turn silence
 * window; llm = the model's first token; clause = streaming to the first clause; tts = the
 * voice's first audio; playback = to the first sample written; app = our own hand-offs.
 */
export const LATENCY_STAGES = ['vad', 'stt', 'turn', 'llm', 'clause', 'tts', 'playback', 'app'] as const;
export type LatencyStage = (typeof LATENCY_STAGES)[number];

const ms = z.number().min(0).max(600_000);

export const LatencyBudgetEventSchema = z.object({
  turnId: z.string().min(1).max(128),
  /** Engine clock: when the first sample was written. */
  atMs: z.number(),
  /** The answer was generated before the end of the turn was certain (and kept). */
  preemptive: z.boolean(),
  totalMs: ms,
  /** Device latency after the first written sample (heard at totalMs + this). */
  outputLatencyMs: ms,
  segments: z.array(z.object({ stage: z.enum(LATENCY_STAGES), until: z.enum(LATENCY_MARKS), ms })).max(LATENCY_MARKS.length),
});
export type LatencyBudgetEvent = z.infer<typeof LatencyBudgetEventSchema>;
