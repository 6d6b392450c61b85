/**
 * The voice-to-voice latency budget of one turn: when each stage from the end of the user's
 * voice to the agent's first sample happened, on the engine clock. The session marks the
 * moments; the recorder turns them into consecutive stages (a stacked bar) whose sum is the
 * end-to-end time, so the stage that costs the most is plain to see.
 */

import { LATENCY_MARKS, LATENCY_STAGES, type LatencyMark, type LatencyStage } from '../../contract/channels/latency.js';

/** What `track` needs of a reply (ReplyRunner's progress events). */
export interface ReplyProgress {
  on(event: 'progress', listener: (e: { stage: 'firstToken' } | { stage: 'ttsRequest'; turnId: string }) => void): unknown;
}

/** The moments of a turn and the stages between them: the contract's lists (channels/latency.ts). */
export const BUDGET_MARKS = LATENCY_MARKS;
export type BudgetMark = LatencyMark;
const REPLY_MARKS = ['llmRequest', 'llmFirstToken', 'llmFirstClause', 'ttsRequest', 'ttsFirstAudio', 'firstWrite'] as const;

/** What the time up to each mark is spent on (the stage that mark ends). */
export const STAGE_OF_MARK: Record<Exclude<BudgetMark, 'voiceEnd'>, BudgetStage> = {
  vadEnd: 'vad',
  sttFinal: 'stt',
  endOfTurn: 'turn',
  llmRequest: 'app',
  llmFirstToken: 'llm',
  llmFirstClause: 'clause',
  ttsRequest: 'app',
  ttsFirstAudio: 'tts',
  firstWrite: 'playback',
};
export const BUDGET_STAGES = LATENCY_STAGES;
export type BudgetStage = LatencyStage;

export interface BudgetSegment {
  stage: BudgetStage;
  /** The mark that ends this segment. */
  until: BudgetMark;
  ms: number;
}

export interface LatencyBudget {
  /** The reply's TTS turn. */
  turnId: string;
  /** The reply was generated before the end of the turn was certain (and then kept). */
  preemptive: boolean;
  /** Engine-clock time of each mark that happened. */
  marks: Partial<Record<BudgetMark, number>>;
  /**
   * Consecutive stages along the clock, first to last mark, each ending at a mark; they add
   * up to `totalMs`. A preemptive turn's language model and TTS stages come before `turn`.
   */
  segments: BudgetSegment[];
  /** voiceEnd -> firstWrite. */
  totalMs: number;
  /** Device latency still ahead of the first written sample (heard at totalMs + this). */
  outputLatencyMs: number;
}

/**
 * Collects the marks of the turn in progress. A new `voiceEnded` starts a fresh record (the
 * user spoke again, so earlier marks belong to nothing); each mark keeps its first time.
 */
export class LatencyBudgetRecorder {
  private marks: Partial<Record<BudgetMark, number>> | null = null;
  private turnId: string | null = null;
  private preemptive = false;

  /** The VAD ended a segment: `voiceEndMs` from the audio, `nowMs` when the VAD said so. */
  voiceEnded(voiceEndMs: number, nowMs: number): void {
    if (this.marks?.voiceEnd === voiceEndMs) return; // the same silence: its gap, then its end
    this.marks = { voiceEnd: voiceEndMs, vadEnd: nowMs };
    this.turnId = null;
    this.preemptive = false;
  }

  /** Whether a turn is being recorded (marks after the voice end go to it). */
  get recording(): boolean {
    return this.marks !== null;
  }

  mark(name: Exclude<BudgetMark, 'voiceEnd' | 'vadEnd'>, tMs: number): void {
    if (this.marks && this.marks[name] === undefined) this.marks[name] = tMs;
  }

  /** The reply's TTS turn; later audio marks count only for it. */
  bindTurn(turnId: string, preemptive: boolean): void {
    if (!this.marks || this.turnId !== null) return;
    this.turnId = turnId;
    this.preemptive = preemptive;
  }

  /** Marks a reply's model request, first token and first text to TTS (which binds its turn). */
  track(reply: ReplyProgress, now: () => number, preemptive: boolean): void {
    this.mark('llmRequest', now());
    reply.on('progress', (e) => {
      if (e.stage === 'firstToken') return this.mark('llmFirstToken', now());
      this.mark('llmFirstClause', now());
      this.mark('ttsRequest', now());
      this.bindTurn(e.turnId, preemptive);
    });
  }

  /** The reply being measured was dropped (an early answer the turn did not keep): its marks go. */
  forgetReply(): void {
    if (!this.marks) return;
    for (const m of REPLY_MARKS) delete this.marks[m];
    this.turnId = null;
    this.preemptive = false;
  }

  isFor(turnId: string): boolean {
    return this.marks !== null && this.turnId === turnId;
  }

  /** The turn produced no reply (empty, backchannel, cancelled): nothing to report. */
  discard(): void {
    this.marks = null;
    this.turnId = null;
    this.preemptive = false;
  }

  /** The first sample of `turnId` was written: the finished budget, or null if this is not the recorded turn. */
  complete(turnId: string, firstWriteMs: number, outputLatencyMs: number): LatencyBudget | null {
    if (!this.marks || this.turnId !== turnId) return null;
    this.marks.firstWrite = firstWriteMs;
    const budget = buildBudget(turnId, this.preemptive, this.marks, outputLatencyMs);
    this.discard();
    return budget;
  }
}

export function buildBudget(turnId: string, preemptive: boolean, marks: Partial<Record<BudgetMark, number>>, outputLatencyMs: number): LatencyBudget {
  const present = BUDGET_MARKS.filter((m) => marks[m] !== undefined);
  // Along the clock; a tie keeps the path's order (the stable sort of a pre-ordered list).
  const ordered = [...present].sort((a, b) => marks[a]! - marks[b]!);
  const segments: BudgetSegment[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const until = ordered[i]!;
    if (until === 'voiceEnd') continue;
    segments.push({ stage: STAGE_OF_MARK[until], until, ms: Math.max(0, marks[until]! - marks[ordered[i - 1]!]!) });
  }
  const first = ordered[0];
  const last = ordered.at(-1);
  const totalMs = first === undefined || last === undefined ? 0 : marks[last]! - marks[first]!;
  return { turnId, preemptive, marks: { ...marks }, segments, totalMs, outputLatencyMs };
}

/** Milliseconds spent per stage (segments of one stage added up). */
export function stageTotals(budget: LatencyBudget): Record<BudgetStage, number> {
  const totals = Object.fromEntries(BUDGET_STAGES.map((s) => [s, 0])) as Record<BudgetStage, number>;
  for (const s of budget.segments) totals[s.stage] += s.ms;
  return totals;
}
