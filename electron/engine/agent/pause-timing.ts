/**
 * Where the user's silence starts, for the end-of-turn timer and the latency budget (issue 17).
 * The VAD reports a gap (its first quiet windows, where the final is asked: user-input.ts) and,
 * if the quiet lasts, its end of speech. Both edges trail the voice, so the silence counts from
 * the voice's own end (voice-end.ts). The turn's timer starts at the gap; the end of speech of
 * the same silence leaves it running, and the user going on stops it.
 */
import type { EndOfTurnDetector } from '../turn/end-of-turn.js';
import type { LatencyHooks } from './latency-hooks.js';
import type { UserInput } from './user-input.js';

export interface PauseTimingDeps {
  input: Pick<UserInput, 'voiceEndedAt' | 'awaitingFinal'>;
  endOfTurn: Pick<EndOfTurnDetector, 'onSpeechEnd' | 'onSpeechStart'>;
  latency: Pick<LatencyHooks, 'voiceEnded'>;
}

export class PauseTiming {
  /** The VAD edge of the pause the end-of-turn timer runs from (armed at the gap). */
  private pauseEdgeMs: number | null = null;

  constructor(private readonly d: PauseTimingDeps) {}

  /** The VAD's gap while the user pauses: the turn can end `silenceDurationMs` after the voice, not after the VAD's release. */
  gap(edgeMs: number): void {
    const voiceEndMs = this.d.input.voiceEndedAt(edgeMs);
    this.d.latency.voiceEnded(voiceEndMs);
    this.pauseEdgeMs = edgeMs;
    this.d.endOfTurn.onSpeechEnd(voiceEndMs, this.d.input.awaitingFinal);
  }

  /** The user goes on after a gap: the timer that started there stops. */
  resumed(): void {
    if (this.pauseEdgeMs !== null) this.d.endOfTurn.onSpeechStart();
    this.pauseEdgeMs = null;
  }

  /** The VAD's end of speech at `edgeMs`: the voice end to time the turn from, or null when the gap's timer already runs (or ended). */
  speechEnded(edgeMs: number): number | null {
    const voiceEndMs = this.d.input.voiceEndedAt(edgeMs);
    const timedFromGap = this.pauseEdgeMs === edgeMs;
    this.pauseEdgeMs = null;
    this.d.latency.voiceEnded(voiceEndMs);
    return timedFromGap ? null : voiceEndMs;
  }
}
