import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBundledPhraseModel } from '../../../electron/engine/turn/backchannel/model/load.js';
import { makeSession } from './helpers/session-harness.js';

const GREETING = 'Hello there, I can tell you all about the trains that leave from the central station today.';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the phrase model's reason reaches the transcript", () => {
  it('a word no rule places ("banging") lets the agent finish, and the entry says why, naming the phrases it reads like', async () => {
    vi.useRealTimers();
    expect(await loadBundledPhraseModel()).not.toBeNull();
    vi.useFakeTimers();
    const h = makeSession();
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1500);
    void h.userSays('banging', 500);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(h.events.some((e) => e.type === 'interrupted')).toBe(false);
    const user = h.session.transcript.entries.find((e) => e.speaker === 'user');
    expect(user).toMatchObject({ text: 'banging', status: 'final' });
    expect(user?.backchannel).toMatch(/^treated as a backchannel because "banging" reads as a backchannel, like "[^"]+", "[^"]+" \(model 0\.\d\d\)$/);
  });
});
