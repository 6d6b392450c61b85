/** A Clock the test moves by hand, while sockets stay real. */
import type { Clock, TimerHandle } from '../../../../electron/engine/clock.js';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
  periodMs?: number;
}

export class ManualClock implements Clock {
  private now = 0;
  private timers = new Map<number, Timer>();
  private nextId = 1;

  nowMs(): number {
    return this.now;
  }
  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.now + delayMs, fn });
    return { id } as unknown as TimerHandle;
  }
  setInterval(fn: () => void, periodMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.now + periodMs, fn, periodMs });
    return { id } as unknown as TimerHandle;
  }
  clearTimeout(h: TimerHandle | undefined): void {
    if (h) this.timers.delete((h as unknown as { id: number }).id);
  }
  clearInterval(h: TimerHandle | undefined): void {
    this.clearTimeout(h);
  }
  /** Pending timers (for leak checks). */
  get pendingTimers(): number {
    return this.timers.size;
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.now = due.at;
      if (due.periodMs) due.at += due.periodMs;
      else this.timers.delete(due.id);
      due.fn();
    }
    this.now = target;
  }
}
