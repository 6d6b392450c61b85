/**
 * Logs refused requests without letting a flood of them flood the log: the first few per
 * window are written as they come, the rest are counted and summed up in one line when the
 * window ends. A hostile local client can send thousands of requests a second; the log must
 * stay readable and small.
 */
import type { LogFields, Logger } from '../logger.js';

export interface RefusalLogOptions {
  /** Lines written per window before the rest are only counted. 5: enough to see what is going on. */
  perWindow?: number;
  /** 10 s: short enough that a real problem shows up soon, long enough to squash a flood to one line. */
  windowMs?: number;
  now?: () => number;
}

export type RefusalLog = (message: string, fields?: LogFields) => void;

export function rateLimitedWarn(logger: Logger, options: RefusalLogOptions = {}): RefusalLog {
  const perWindow = options.perWindow ?? 5;
  const windowMs = options.windowMs ?? 10_000;
  const now = options.now ?? Date.now;
  let windowStart = -Infinity;
  let written = 0;
  let suppressed = 0;
  return (message, fields) => {
    const t = now();
    if (t - windowStart >= windowMs) {
      if (suppressed > 0) logger.warn(`${suppressed} more refused requests were not logged in the last ${Math.round(windowMs / 1000)} s`);
      windowStart = t;
      written = 0;
      suppressed = 0;
    }
    if (written < perWindow) {
      written++;
      logger.warn(message, fields);
    } else {
      suppressed++;
    }
  };
}
