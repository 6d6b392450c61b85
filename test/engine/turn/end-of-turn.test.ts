import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/engine/clock.js';
import { EndOfTurnDetector, trailingHoldWordCheck } from '../../../electron/engine/turn/end-of-turn.js';
import { defaults } from './helpers/fakes.js';

const SILENCE = defaults.silenceDurationMs;
const MAX = defaults.maxWaitMs;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function detector() {
  const d = new EndOfTurnDetector(systemClock, {
    silenceDurationMs: SILENCE,
    maxWaitMs: MAX,
    semanticCheck: trailingHoldWordCheck(defaults.holdWords),
  });
  const ends: { text: string; waitedMs: number; cause: string }[] = [];
  d.on('endOfTurn', (e) => ends.push(e));
  return { d, ends };
}

describe('end of the user turn', () => {
  it(`ends a complete sentence after exactly silenceDurationMs (${SILENCE} ms)`, () => {
    const { d, ends } = detector();
    d.onSpeechEnd(performance.now(), true);
    d.onFinalTranscript('book a table for two');
    vi.advanceTimersByTime(SILENCE - 1);
    expect(ends).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ends).toEqual([{ tMs: SILENCE, text: 'book a table for two', waitedMs: SILENCE, cause: 'silence' }]);
  });

  it('waits for a late final transcript', () => {
    const { d, ends } = detector();
    d.onSpeechEnd(performance.now(), true);
    vi.advanceTimersByTime(SILENCE + 200);
    expect(ends).toEqual([]);
    d.onFinalTranscript('hello there');
    expect(ends[0]).toMatchObject({ waitedMs: SILENCE + 200, cause: 'silence' });
  });

  it('a trailing "and" / "so" / "um" waits until maxWaitMs', () => {
    for (const text of ['I want to fly to Paris and', 'so', 'it was, um...']) {
      const { d, ends } = detector();
      d.onSpeechEnd(performance.now(), false);
      d.onFinalTranscript(text);
      vi.advanceTimersByTime(MAX - 1);
      expect(ends, text).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(ends[0], text).toMatchObject({ cause: 'maxWait', waitedMs: MAX });
    }
  });

  it('new speech during the wait cancels the end', () => {
    const { d, ends } = detector();
    d.onSpeechEnd(performance.now(), false);
    vi.advanceTimersByTime(SILENCE - 100);
    d.onSpeechStart();
    vi.advanceTimersByTime(MAX * 2);
    expect(ends).toEqual([]);
  });

  it('a final transcript that never comes is bounded by maxWaitMs', () => {
    const { d, ends } = detector();
    d.onSpeechEnd(performance.now(), true);
    vi.advanceTimersByTime(MAX);
    expect(ends[0]).toMatchObject({ cause: 'maxWait', text: '' });
  });

  it('without the semantic check, a trailing "and" ends at the silence', () => {
    const d = new EndOfTurnDetector(systemClock, { silenceDurationMs: SILENCE, maxWaitMs: MAX, semanticCheck: null });
    const ends: unknown[] = [];
    d.on('endOfTurn', (e) => ends.push(e));
    d.onSpeechEnd(performance.now(), false);
    d.onFinalTranscript('this and');
    vi.advanceTimersByTime(SILENCE);
    expect(ends).toHaveLength(1);
  });

  it('rejects maxWaitMs shorter than the silence', () => {
    expect(() => new EndOfTurnDetector(systemClock, { silenceDurationMs: 800, maxWaitMs: 500, semanticCheck: null })).toThrow(
      'maxWaitMs (500) must be at least silenceDurationMs (800).',
    );
  });
});
