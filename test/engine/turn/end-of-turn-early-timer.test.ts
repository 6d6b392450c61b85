import { describe, expect, it } from 'vitest';
import type { Clock, TimerHandle } from '../../../electron/engine/clock.js';
import { EndOfTurnDetector } from '../../../electron/engine/turn/end-of-turn.js';

/**
 * A clock whose timers fire up to 1 ms early, as Node's do against performance.now() (timers
 * run on the event loop's whole-millisecond clock). Found by the latency bench: 7 of 20
 * turns waited the full maxWaitMs.
 */
class EarlyTimerClock implements Clock {
  now = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  nowMs(): number {
    return this.now;
  }
  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ at: this.now + Math.max(1, delayMs) - 0.6, fn, id }); // Node runs a delay under 1 ms as 1 ms
    return id;
  }
  clearTimeout(h: TimerHandle | undefined): void {
    this.timers = this.timers.filter((t) => t.id !== h);
  }
  setInterval(): TimerHandle {
    throw new Error('not used');
  }
  clearInterval(): void {}
  advanceTo(ms: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= ms).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.now = Math.max(this.now, due.at);
      due.fn();
    }
    this.now = ms;
  }
}

describe('end of turn with timers that fire a little early', () => {
  it('still ends the turn at the silence window, not at maxWaitMs', () => {
    const clock = new EarlyTimerClock();
    const eot = new EndOfTurnDetector(clock, { silenceDurationMs: 500, maxWaitMs: 3000, semanticCheck: null });
    const ended: number[] = [];
    eot.on('endOfTurn', (e) => ended.push(e.tMs));
    eot.onSpeechEnd(0, true);
    eot.onFinalTranscript('when is the next train');
    clock.advanceTo(499);
    expect(ended).toEqual([]);
    clock.advanceTo(501);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toBeGreaterThanOrEqual(500);
    expect(ended[0]).toBeLessThanOrEqual(501);
  });
});
