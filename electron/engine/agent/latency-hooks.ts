/**
 * The session's latency hooks (issue 17): the moments of a user turn that the agent session and
 * its replies report, kept in the turn's budget (latency-budget.ts), and the first-audio
 * figures once the answer starts playing. One object, so the session only says what happened.
 */
import { LatencyBudgetRecorder, type LatencyBudget, type ReplyProgress } from './latency-budget.js';

export interface FirstAudio {
  /** From the reply's request (or its adoption, for an early answer) to its first written sample. */
  timeToFirstAudioMs: number;
  /** The turn's voice-to-voice budget, or null when this reply answers no measured turn. */
  budget: LatencyBudget | null;
}

export class LatencyHooks {
  private readonly budget = new LatencyBudgetRecorder();
  /** When the reply now being given was asked for. */
  private replyRequestedAtMs = 0;

  constructor(private readonly now: () => number) {}

  /** Whether a user turn is being measured (its voice ended and no reply has played yet). */
  get recording(): boolean {
    return this.budget.recording;
  }

  /** The VAD's gap or end of speech; the voice itself ended at `voiceEndMs` (voice-end.ts). */
  voiceEnded(voiceEndMs: number): void {
    this.budget.voiceEnded(voiceEndMs, this.now());
  }

  finalTranscript(): void {
    this.budget.mark('sttFinal', this.now());
  }

  endOfTurn(): void {
    this.budget.mark('endOfTurn', this.now());
  }

  /** A reply of the model's was made for this turn (early or not): its progress marks the budget. */
  replyCreated(reply: ReplyProgress, preemptive: boolean): void {
    this.budget.track(reply, this.now, preemptive);
  }

  /** The reply that will be heard was asked for (started, or an early one adopted). */
  replyRequested(): void {
    this.replyRequestedAtMs = this.now();
  }

  ttsAudio(turnId: string): void {
    if (this.budget.isFor(turnId)) this.budget.mark('ttsFirstAudio', this.now());
  }

  /** The early answer was dropped: a later reply to this turn is measured from its own request. */
  earlyReplyDropped(): void {
    this.budget.forgetReply();
  }

  /** Nothing to measure: a fixed text (greeting, script), or a turn that ended with no reply. */
  noTurn(): void {
    this.budget.discard();
  }

  /** The reply's first sample was written at `tMs`. */
  playbackStarted(turnId: string, tMs: number, outputLatencyMs: number): FirstAudio {
    return { timeToFirstAudioMs: tMs - this.replyRequestedAtMs, budget: this.budget.complete(turnId, tMs, outputLatencyMs) };
  }
}
