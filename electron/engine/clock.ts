/**
 * The engine's only source of time. Everything that waits or timestamps goes through a
 * Clock so tests can drive time with fake timers or a virtual clock (simulate command).
 * All times are milliseconds.
 */
export type TimerHandle = { readonly __timer: unique symbol } | number | object;

export interface Clock {
  /** Monotonic milliseconds (origin arbitrary). */
  nowMs(): number;
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  setInterval(fn: () => void, periodMs: number): TimerHandle;
  clearInterval(handle: TimerHandle | undefined): void;
}

/**
 * Real time. Uses the globals at call time (not captured at import), so vitest's
 * `vi.useFakeTimers()` also drives it: tests can use this clock with fake timers.
 */
export const systemClock: Clock = {
  nowMs: () => performance.now(),
  setTimeout: (fn, delayMs) => globalThis.setTimeout(fn, delayMs),
  clearTimeout: (h) => {
    if (h !== undefined) globalThis.clearTimeout(h as NodeJS.Timeout | number);
  },
  setInterval: (fn, periodMs) => globalThis.setInterval(fn, periodMs),
  clearInterval: (h) => {
    if (h !== undefined) globalThis.clearInterval(h as NodeJS.Timeout | number);
  },
};
