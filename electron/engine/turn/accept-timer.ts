/**
 * Speech while the agent is silent becomes the user's turn once it lasted `interruptDurationMs`
 * (no strategies: there is nothing to interrupt). One timer, for the latest onset only.
 */
import type { Clock, TimerHandle } from '../clock.js';

export class AcceptTimer {
  private timer: TimerHandle | undefined;

  constructor(private readonly clock: Clock) {}

  /** Calls `fire` at `onsetMs + durationMs` (at once if that is past), replacing any earlier timer. */
  start(onsetMs: number, durationMs: number, fire: () => void): void {
    this.clear();
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        fire();
      },
      Math.max(0, onsetMs + durationMs - this.clock.nowMs()),
    );
  }

  clear(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
