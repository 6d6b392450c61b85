/**
 * Where the user's silence starts, for the end-of-turn timer and the latency budget (issue 17).
 * The user's pause (where the final is asked: user-input.ts) and, if the quiet lasts, the VAD's
 * end of speech both come after the voice, so the silence counts from the voice's own end
 * (voice-end.ts). The turn's timer starts at the pause; the end of speech of the same silence
 * leaves it running, and the user going on stops it.
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
  /** The end-of-turn timer runs from a pause (armed there, until the user goes on or the speech ends). */
  private paused = false;

  constructor(private readonly d: PauseTimingDeps) {}

  /** The user pauses (a VAD edge after the voice): the turn can end `silenceDurationMs` after the voice, not after the VAD's release. */
  gap(edgeMs: number): void {
    const voiceEndMs = this.d.input.voiceEndedAt(edgeMs);
    this.d.latency.voiceEnded(voiceEndMs);
    this.paused = true;
    this.d.endOfTurn.onSpeechEnd(voiceEndMs, this.d.input.awaitingFinal);
  }

  /** The user goes on after a gap: the timer that started there stops. */
  resumed(): void {
    if (this.paused) this.d.endOfTurn.onSpeechStart();
    this.paused = false;
  }

  /** The VAD's end of speech at `edgeMs`: the voice end to time the turn from, or null when the pause's timer already runs (or ended). */
  speechEnded(edgeMs: number): number | null {
    const voiceEndMs = this.d.input.voiceEndedAt(edgeMs);
    const timedFromGap = this.paused; // the same silence: nobody went on since the pause
    this.paused = false;
    if (timedFromGap) return null; // its voice end is recorded already
    this.d.latency.voiceEnded(voiceEndMs);
    return voiceEndMs;
  }
}
