/**
 * A clock for tests that records every delay asked for and fires short timers (under
 * `instantBelowMs`) on the next tick: a test can check that the code waited as long as it
 * should, without waiting. Longer timers (watchdogs) never fire.
 */
import type { Clock, TimerHandle } from '../../../../electron/engine/clock.js';

export interface RecordingClock extends Clock {
  delaysMs: number[];
}

export function recordingClock(instantBelowMs = 30_000): RecordingClock {
  const delaysMs: number[] = [];
  let now = 0;
  return {
    delaysMs,
    nowMs: () => now,
    setTimeout: (fn, delayMs) => {
      delaysMs.push(delayMs);
      if (delayMs >= instantBelowMs) return { never: true } as unknown as TimerHandle;
      return globalThis.setTimeout(() => {
        now += delayMs;
        fn();
      }, 0) as unknown as TimerHandle;
    },
    clearTimeout: (h) => {
      if (h !== undefined) globalThis.clearTimeout(h as unknown as NodeJS.Timeout);
    },
    setInterval: (fn, periodMs) => globalThis.setInterval(fn, periodMs) as unknown as TimerHandle,
    clearInterval: (h) => globalThis.clearInterval(h as unknown as NodeJS.Timeout),
  };
}
