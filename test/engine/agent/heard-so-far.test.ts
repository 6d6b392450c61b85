import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeSession } from './helpers/session-harness.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the transcript follows the voice', () => {
  it('what was heard grows with playback, word by word, and is never ahead of it', async () => {
    const h = makeSession({ preemptiveGeneration: false }, ['one two three four five six seven eight.']);
    h.session.start();
    expect(h.session.heardSoFar()).toBeNull();
    void h.userSays('count for me', 1200);
    const seen: string[] = [];
    for (let t = 0; t < 6000; t += 100) {
      await vi.advanceTimersByTimeAsync(100);
      const heard = h.session.heardSoFar();
      if (heard && seen.at(-1) !== heard.heardText) seen.push(heard.heardText);
    }
    // Grows monotonically through the words (300 ms each in the scripted voice), never all at once.
    expect(seen.length).toBeGreaterThan(4);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.startsWith(seen[i - 1]!)).toBe(true);
    expect(seen[0]!.split(' ').length).toBeLessThanOrEqual(2);
    expect(h.session.heardSoFar()).toBeNull(); // played out: no longer speaking
  });
});
