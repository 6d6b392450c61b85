import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LatencyBudget } from '../../../electron/engine/agent/latency-budget.js';
import { makeSession } from './helpers/session-harness.js';

const EARLY = 'The early answer nobody should hear.';
const LATE = 'The train to York leaves at nine.';
/** Default silence window (conversation.silenceDurationMs). */
const WINDOW_MS = 500;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A session whose user says "when is the next train" (voice ends at t0) and whose model answers EARLY first, LATE next. */
async function userStopsTalking(conversation: Parameters<typeof makeSession>[0] = {}) {
  const h = makeSession(conversation, [EARLY, LATE]);
  const budgets: LatencyBudget[] = [];
  const outcomes: string[] = [];
  h.session.on('latencyBudget', (e) => budgets.push(e.budget));
  h.session.on('preemptive', (e) => outcomes.push(e.outcome));
  h.session.start();
  await says(h, 'when is the next train', 1200);
  const t0 = performance.now();
  return { h, t0, budgets, outcomes };
}

/** The user speaks for `ms` (fake time runs meanwhile); resolves at the VAD's end of speech. */
async function says(h: ReturnType<typeof makeSession>, text: string, ms: number): Promise<void> {
  const done = h.userSays(text, ms);
  await vi.advanceTimersByTimeAsync(ms);
  await done;
}

function agentWordsEverywhere(h: ReturnType<typeof makeSession>): string {
  const entries = h.session.transcript.entries.filter((e) => e.speaker === 'agent').map((e) => `${e.text} ${e.unheardText ?? ''}`);
  const memory = h.session.history.messages.filter((m) => m.role === 'assistant').map((m) => m.content);
  return [...entries, ...memory].join(' | ');
}

describe('preemptive generation', () => {
  it('starts the model as soon as the words are in, and speaks the moment the silence window ends', async () => {
    const { h, t0, budgets, outcomes } = await userStopsTalking();
    await vi.advanceTimersByTimeAsync(1);
    expect(h.llm.calls).toHaveLength(1); // asked at the VAD's end of speech, not after the window
    expect(h.session.state).toBe('listening'); // nothing shows yet
    expect(h.session.transcript.entries.filter((e) => e.speaker === 'agent')).toEqual([]);
    expect(h.session.history.messages).toEqual([]);

    await vi.advanceTimersByTimeAsync(WINDOW_MS - 2);
    expect(h.audibleSamplesAfter(0)).toBe(0); // held: the turn is not over at N-1 ms
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sink.frames[0]?.writtenAtMs).toBe(t0 + WINDOW_MS); // first sample at N ms
    expect(outcomes).toEqual(['started', 'used']);

    await vi.advanceTimersByTimeAsync(5000);
    expect(h.session.history.messages).toEqual([
      { role: 'user', content: 'when is the next train' },
      { role: 'assistant', content: EARLY },
    ]);
    expect(budgets).toHaveLength(1);
    expect(budgets[0]).toMatchObject({ preemptive: true, totalMs: WINDOW_MS });
    const m = budgets[0]!.marks;
    expect(m.llmRequest! - t0).toBe(0);
    expect(m.ttsFirstAudio!).toBeLessThan(m.endOfTurn!); // the audio was ready before the turn ended
  });

  it('the user going on at N-1 ms drops the early answer: nothing of it is played, shown or remembered', async () => {
    const { h, t0, outcomes } = await userStopsTalking();
    await vi.advanceTimersByTimeAsync(WINDOW_MS - 1);
    expect(h.llm.calls).toHaveLength(1);
    const resumeAt = performance.now();
    expect(resumeAt - t0).toBe(WINDOW_MS - 1);
    await says(h, 'to York please', 800);
    await vi.advanceTimersByTimeAsync(WINDOW_MS + 5000);

    expect(outcomes).toEqual(['started', 'dropped', 'started', 'used']);
    expect(h.tts.cancels).toBeGreaterThanOrEqual(1);
    // Heard: no sample before the real end of the turn; then only the second answer.
    const firstWrite = h.sink.frames.find((f) => f.data.some((v) => Math.abs(v) > 1e-4))!.writtenAtMs;
    expect(firstWrite).toBe(resumeAt + 800 + WINDOW_MS);
    expect(agentWordsEverywhere(h)).not.toMatch(/early|nobody/i);
    expect(agentWordsEverywhere(h)).toContain(LATE);
    expect(h.session.transcript.entries.map((e) => `${e.speaker}:${e.status}:${e.text}`)).toEqual([
      'user:final:when is the next train to York please',
      `agent:final:${LATE}`,
    ]);
    expect(h.session.history.messages).toEqual([
      { role: 'user', content: 'when is the next train to York please' },
      { role: 'assistant', content: LATE },
    ]);
    // The second request carries the whole turn and nothing of the dropped answer.
    expect(h.llm.calls[1]).toEqual([{ role: 'user', content: 'when is the next train to York please' }]);
  });

  it('the user going on at N ms (the window has ended) finds the answer already playing', async () => {
    const { h, t0 } = await userStopsTalking();
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    expect(performance.now() - t0).toBe(WINDOW_MS);
    expect(h.session.state).toBe('speaking');
    expect(h.session.transcript.entries.find((e) => e.speaker === 'agent')?.text).toBe(EARLY);
  });

  it('a trailing hold word starts nothing early: the turn waits for more', async () => {
    const h = makeSession({}, [EARLY]);
    const outcomes: string[] = [];
    h.session.on('preemptive', (e) => outcomes.push(e.outcome));
    h.session.start();
    await says(h, 'I want to go to', 1000);
    await vi.advanceTimersByTimeAsync(2999);
    expect(h.llm.calls).toHaveLength(0);
    expect(outcomes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.llm.calls).toHaveLength(1); // maxWaitMs (3000) ends the turn
  });

  it('off: the model is asked only when the turn ends', async () => {
    const { h } = await userStopsTalking({ preemptiveGeneration: false });
    await vi.advanceTimersByTimeAsync(WINDOW_MS - 1);
    expect(h.llm.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.llm.calls).toHaveLength(1);
  });

  it('stopping the session drops a held answer', async () => {
    const { h, outcomes } = await userStopsTalking();
    await vi.advanceTimersByTimeAsync(100);
    await h.session.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(outcomes).toEqual(['started', 'dropped']);
    expect(h.audibleSamplesAfter(0)).toBe(0);
    expect(agentWordsEverywhere(h)).toBe('');
  });
});

describe('eagerness', () => {
  for (const [eagerness, windowMs] of [
    ['eager', 300],
    ['normal', 500],
    ['patient', 800],
  ] as const) {
    it(`${eagerness}: the turn ends ${windowMs} ms after the voice, not ${windowMs - 1}`, async () => {
      const { h } = await userStopsTalking({ eagerness, preemptiveGeneration: false });
      await vi.advanceTimersByTimeAsync(windowMs - 1);
      expect(h.llm.calls).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(h.llm.calls).toHaveLength(1);
    });
  }

  it('normal keeps the silence someone tuned', async () => {
    const { h } = await userStopsTalking({ eagerness: 'normal', silenceDurationMs: 700, preemptiveGeneration: false });
    await vi.advanceTimersByTimeAsync(699);
    expect(h.llm.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.llm.calls).toHaveLength(1);
  });
});
