import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../electron/engine/logger.js';
import { rateLimitedWarn } from '../../../electron/engine/net/refusal-log.js';

function recorder(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return { logger: { debug: push, info: push, warn: push, error: push }, lines };
}

describe('rateLimitedWarn', () => {
  it('writes the first 5 refusals of a 10 s window and sums up the rest when the next window opens', () => {
    let now = 0;
    const { logger, lines } = recorder();
    const warn = rateLimitedWarn(logger, { now: () => now });
    for (let i = 0; i < 5000; i++) warn('refused');
    expect(lines).toHaveLength(5);
    now = 9_999;
    warn('refused');
    expect(lines).toHaveLength(5);
    now = 10_000;
    warn('refused');
    expect(lines).toEqual([...Array(5).fill('refused'), '4996 more refused requests were not logged in the last 10 s', 'refused']);
  });
});
