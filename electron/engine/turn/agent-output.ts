/**
 * The agent's output as barge-in drives it: turn it down, pause it, resume it, and make it
 * silent. Only the barge-in controller holds one, so "make the agent silent" (clear playback,
 * cancel the TTS turn) has one owner and one place in the code.
 */
import { nullLogger, type Logger } from '../logger.js';
import type { PlaybackControl, TtsTurnControl } from './ports.js';

export class AgentOutput {
  constructor(
    private readonly playback: PlaybackControl,
    private readonly tts: TtsTurnControl,
    private readonly logger: Logger = nullLogger,
  ) {}

  duck(db: number, rampMs: number): void {
    this.playback.duck(db, rampMs);
  }

  unduck(rampMs: number): void {
    this.playback.unduck(rampMs);
  }

  pause(): void {
    this.playback.pause();
  }

  resume(): void {
    this.playback.resume();
  }

  /** The one place that makes the agent inaudible: the queue drops the turn, then TTS stops making it. */
  silence(turnId: string | null): void {
    if (turnId !== null) this.playback.clear(turnId);
    this.tts.cancelCurrent().catch((error: unknown) => {
      this.logger.warn('TTS cancel failed', { error: String(error) });
    });
  }

  /** Un-pauses (when the attempt paused) and un-ducks at once: the queue's pause and duck are global, the next turn must not inherit them. */
  restore(paused: boolean): void {
    if (paused) this.playback.resume();
    this.playback.unduck(0);
  }
}
