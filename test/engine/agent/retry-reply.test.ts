import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LlmError } from '../../../electron/engine/llm/errors.js';
import type { ChatMessage, GenerateOptions } from '../../../electron/engine/llm/types.js';
import { makeSession } from './helpers/session-harness.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retrying a failed reply', () => {
  it('asks the language model again with the same turn, once the first answer failed', async () => {
    const h = makeSession({ preemptiveGeneration: false }, ['The next train is at nine.']);
    const scripted = h.llm.stream.bind(h.llm);
    let failures = 1;
    h.llm.stream = async function* (messages: ChatMessage[], options: GenerateOptions) {
      if (failures-- > 0) {
        h.llm.calls.push(messages.map((m) => ({ ...m })));
        throw new LlmError('offline', 'Cannot reach 127.0.0.1:1 (ECONNREFUSED).');
      }
      yield* scripted(messages, options);
    };
    h.session.start();
    expect(h.session.retryReply()).toBe(false); // nothing asked yet
    void h.userSays('when is the next train', 1200);
    await vi.advanceTimersByTimeAsync(1200 + 600 + 1000);
    expect(h.events.filter((e) => e.type === 'error')).toHaveLength(1);
    expect(h.session.state).toBe('listening');
    expect(h.session.retryReply()).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.llm.calls).toHaveLength(2);
    expect(h.llm.calls[1]).toEqual([{ role: 'user', content: 'when is the next train' }]);
    expect(h.session.transcript.entries.at(-1)).toMatchObject({ speaker: 'agent', text: 'The next train is at nine.', status: 'final' });
    expect(h.session.retryReply()).toBe(false); // answered: nothing to retry
  });
});
