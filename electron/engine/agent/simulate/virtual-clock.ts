/**
 * A Clock whose time moves only when told: timers run in time order (ties in creation order),
 * and the promise jobs they start settle before the next timer runs. The simulate command
 * runs a whole session on it far faster than real time with the same decisions.
 */
import type { Clock, TimerHandle } from '../../clock.js';

interface Timer {
  id: number;
  dueMs: number;
  fn: () => void;
  periodMs: number | null;
}

/** Lets pending promise callbacks (and their follow-ups) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class VirtualClock implements Clock {
  private t: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(startMs = 0) {
    this.t = startMs;
  }

  nowMs(): number {
    return this.t;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.add(fn, Math.max(0, delayMs || 0), null);
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    return this.add(fn, Math.max(1, periodMs || 0), Math.max(1, periodMs || 0));
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  clearInterval(handle: TimerHandle | undefined): void {
    this.clearTimeout(handle);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Runs every timer due up to `targetMs` in order, settling promise jobs after each; ends at `targetMs`. */
  async advanceTo(targetMs: number): Promise<void> {
    await settle();
    for (;;) {
      const next = this.nextDue();
      if (!next || next.dueMs > targetMs) break;
      this.t = Math.max(this.t, next.dueMs);
      if (next.periodMs === null) this.timers.delete(next.id);
      else next.dueMs += next.periodMs;
      next.fn();
      await settle();
    }
    this.t = Math.max(this.t, targetMs);
  }

  private add(fn: () => void, delayMs: number, periodMs: number | null): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, dueMs: this.t + delayMs, fn, periodMs });
    return id;
  }

  private nextDue(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers.values()) {
      if (!best || timer.dueMs < best.dueMs || (timer.dueMs === best.dueMs && timer.id < best.id)) best = timer;
    }
    return best;
  }
}
