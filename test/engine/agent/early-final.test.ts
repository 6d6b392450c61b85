import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationSettingsSchema } from '../../../electron/contract/settings/conversation.js';
import { semanticCheckFor } from '../../../electron/engine/agent/turn-semantics.js';
import { makeSession } from './helpers/session-harness.js';

/** The VAD's gap comes 96 ms into the quiet, its end of speech 320 ms in (both stamped at the quiet's start). */
const GAP_MS = 96;
const RELEASE_MS = 320;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The user speaks `ms`, then is quiet: the VAD's gap and end of speech follow as a real VAD sends them. */
async function saysThenQuiet(h: ReturnType<typeof makeSession>, text: string, ms: number) {
  const t0 = performance.now();
  h.vad.emit('speechStart', { tMs: t0 });
  h.stt.finalText = text;
  await vi.advanceTimersByTimeAsync(ms);
  const voiceEnd = performance.now();
  await vi.advanceTimersByTimeAsync(GAP_MS);
  h.vad.emit('speechGap', { tMs: voiceEnd });
  return voiceEnd;
}

describe('the final transcript is requested at the VAD gap', () => {
  it('asks for the final 96 ms into the quiet, and the turn still ends at the silence window', async () => {
    const h = makeSession({ preemptiveGeneration: false }, ['Nine.']);
    const ends: number[] = [];
    const endSegment = h.stt.endSegment.bind(h.stt);
    h.stt.endSegment = () => {
      ends.push(performance.now());
      endSegment();
    };
    h.session.start();
    const voiceEnd = await saysThenQuiet(h, 'when is the next train', 1000);
    expect(ends).toEqual([voiceEnd + GAP_MS]);
    await vi.advanceTimersByTimeAsync(RELEASE_MS - GAP_MS);
    h.vad.emit('speechEnd', { tMs: voiceEnd });
    expect(ends).toHaveLength(1); // the silence after the gap is not sent
    await vi.advanceTimersByTimeAsync(500 - RELEASE_MS - 1);
    expect(h.llm.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.llm.calls).toEqual([[{ role: 'user', content: 'when is the next train' }]]);
  });

  it('with preemptive generation the model starts at the gap, and the user going on drops it unheard', async () => {
    const h = makeSession({}, ['EARLY answer.', 'Late answer.']);
    const outcomes: string[] = [];
    h.session.on('preemptive', (e) => outcomes.push(e.outcome));
    h.session.start();
    const voiceEnd = await saysThenQuiet(h, 'when is the next train', 1000);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.llm.calls).toHaveLength(1);
    expect(outcomes).toEqual(['started']);
    // The user goes on before the VAD's end of speech.
    h.vad.emit('speechGapEnd', { tMs: performance.now() });
    expect(outcomes).toEqual(['started', 'dropped']);
    h.stt.finalText = 'to York';
    await vi.advanceTimersByTimeAsync(600);
    const end2 = performance.now();
    h.vad.emit('speechEnd', { tMs: end2 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.session.history.messages).toEqual([
      { role: 'user', content: 'when is the next train to York' },
      { role: 'assistant', content: 'Late answer.' },
    ]);
    expect(h.session.transcript.entries.some((e) => /EARLY/.test(e.text))).toBe(false);
    expect(h.sink.frames.filter((f) => f.writtenAtMs < end2 + 500 && f.data.some((v) => Math.abs(v) > 1e-4))).toEqual([]);
    expect(voiceEnd).toBeGreaterThan(0);
  });

  it('the turn ends the silence window after the voice even when the VAD ends the speech later (N-1 / N)', async () => {
    const h = makeSession({ preemptiveGeneration: false }, ['Nine.']);
    h.session.start();
    const voiceEnd = await saysThenQuiet(h, 'when is the next train', 1000);
    await vi.advanceTimersByTimeAsync(500 - GAP_MS - 1);
    expect(h.llm.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.llm.calls).toHaveLength(1); // no speechEnd yet: a slow VAD release does not hold the answer
    h.vad.emit('speechEnd', { tMs: voiceEnd }); // the same silence, reported late
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.llm.calls).toHaveLength(1);
    expect(h.session.transcript.entries.filter((e) => e.speaker === 'user').map((e) => e.text)).toEqual(['when is the next train']);
  });

  it('a blip shorter than 250 ms is not sent at its gap (it may still be a misfire)', async () => {
    const h = makeSession();
    let ends = 0;
    h.stt.endSegment = () => void ends++;
    h.session.start();
    await saysThenQuiet(h, 'uh', 200);
    expect(ends).toBe(0);
  });
});

describe('semantic end of turn', () => {
  const c = ConversationSettingsSchema.parse({});
  const check = semanticCheckFor(c)!;
  it('holds after a trailing hold word, but not after a question mark', () => {
    expect(check('I want to go to')).toBe('incomplete');
    expect(check('Which platform does it leave from?')).toBe('complete');
    expect(check('Which platform does it leave from')).toBe('incomplete');
    expect(check('Tell me about the weather.')).toBe('complete');
  });
  it('is off when the setting is', () => {
    expect(semanticCheckFor({ ...c, semanticEndOfTurn: false })).toBeNull();
  });
});
