import { describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../../electron/engine/clock.js';
import { ORACLE_TIMING, STREAMING_ZIPFORMER, SimulatedRecognizer } from '../../../../electron/engine/agent/simulate/recognizer-model.js';
import { voicedBlocksMs, wordEndsMs } from '../../../../electron/engine/agent/simulate/word-timing.js';
import { useFakeTimersPerTest } from '../../turn/helpers/fakes.js';

useFakeTimersPerTest();

const FRAME = new Float32Array(320); // 20 ms at 16 kHz

function listen(r: SimulatedRecognizer) {
  const got: { t: number; kind: string; text: string }[] = [];
  r.on('interim', (e) => got.push({ t: performance.now(), kind: 'interim', text: e.text }));
  r.on('final', (e) => got.push({ t: performance.now(), kind: 'final', text: e.text }));
  return got;
}

describe('simulated recognizer timing', () => {
  it('streaming: a word shows at the end of the first chunk covering it, plus look-ahead and compute (480 ms, not 479)', () => {
    const r = new SimulatedRecognizer(systemClock, STREAMING_ZIPFORMER);
    const got = listen(r);
    const t0 = performance.now();
    r.schedule([{ text: 'stop', voicedStartMs: t0, voicedEndMs: t0 + 300 }]);
    vi.advanceTimersByTime(20);
    r.push(FRAME); // the 20 ms from t0
    vi.advanceTimersByTime(320 + 130 + 30 - 20 - 1);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(got).toEqual([{ t: t0 + 480, kind: 'interim', text: 'stop' }]);
  });

  it('streaming: the chunk grid starts at the first sample pushed, prefix included', () => {
    const r = new SimulatedRecognizer(systemClock, STREAMING_ZIPFORMER);
    const got = listen(r);
    vi.advanceTimersByTime(300);
    const t0 = performance.now();
    r.schedule([{ text: 'wait', voicedStartMs: t0 - 250, voicedEndMs: t0 }]);
    for (let i = 0; i < 15; i++) r.push(FRAME); // 300 ms of prefix at the onset
    vi.advanceTimersByTime(20 + 130 + 30 - 1);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(got.map((g) => g.text)).toEqual(['wait']);
  });

  it('streaming: the final comes finalLagMs after the end of speech, with every word', () => {
    const r = new SimulatedRecognizer(systemClock, STREAMING_ZIPFORMER);
    const got = listen(r);
    const t0 = performance.now();
    r.schedule([{ text: 'which platform is it', voicedStartMs: t0, voicedEndMs: t0 + 1000 }]);
    vi.advanceTimersByTime(20);
    r.push(FRAME);
    vi.advanceTimersByTime(1080); // chunk 3 (to 960 ms) is decoded at 1120 ms: after the end
    r.endSegment();
    vi.advanceTimersByTime(STREAMING_ZIPFORMER.finalLagMs - 1);
    expect(got.filter((g) => g.kind === 'final')).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(got.at(-1)).toMatchObject({ kind: 'final', text: 'which platform is it' });
    expect(got.filter((g) => g.kind === 'interim').at(-1)!.text).toBe('which platform');
  });

  it('oracle: each word as it is spoken, the final at once', () => {
    const r = new SimulatedRecognizer(systemClock, ORACLE_TIMING);
    const got = listen(r);
    const t0 = performance.now();
    r.schedule([{ text: 'hold on', voicedStartMs: t0, voicedEndMs: t0 + 400 }]);
    r.push(FRAME);
    vi.advanceTimersByTime(200);
    expect(got.map((g) => g.text)).toEqual(['hold']);
    vi.advanceTimersByTime(200);
    r.endSegment();
    expect(got.map((g) => `${g.kind}:${g.text}`)).toEqual(['interim:hold', 'interim:hold on', 'final:hold on']);
  });

  it('word errors are seeded: the same seed gives the same mistakes', () => {
    const run = (seed: number) => {
      const r = new SimulatedRecognizer(systemClock, { ...ORACLE_TIMING, wordErrorRate: 0.5, seed });
      const got = listen(r);
      const t0 = performance.now();
      r.schedule([{ text: 'one two three four five six seven eight', voicedStartMs: t0, voicedEndMs: t0 + 800 }]);
      r.push(FRAME);
      vi.advanceTimersByTime(900);
      r.endSegment();
      return got.at(-1)!.text;
    };
    const a = run(7);
    expect(run(7)).toBe(a);
    expect(a).not.toBe('one two three four five six seven eight');
  });
});

describe('word timing on the voiced time', () => {
  it('"no ... wait": the first word ends before the pause, so a final asked in the pause holds it and not the second', () => {
    const tone = (ms: number) => Float32Array.from({ length: ms * 16 }, (_, i) => 0.3 * Math.sin(i / 5));
    const clip = new Float32Array(16 * (200 + 400 + 200));
    clip.set(tone(200), 0);
    clip.set(tone(200), 16 * 600);
    const blocks = voicedBlocksMs(clip);
    expect(wordEndsMs(blocks, 2)).toEqual([200, 800]);

    const r = new SimulatedRecognizer(systemClock, ORACLE_TIMING);
    const got = listen(r);
    const t0 = performance.now();
    r.schedule([{ text: 'no wait', voicedStartMs: t0, voicedEndMs: t0 + 800, voicedBlocksMs: blocks.map((b) => t0 + b) }]);
    r.push(FRAME);
    vi.advanceTimersByTime(399); // 400 ms: the middle of the pause (an even spread would have "no" end here)
    r.endSegment();
    expect(got.at(-1)).toMatchObject({ kind: 'final', text: 'no' });
  });
});

describe('word errors', () => {
  it('hit about the word error rate of first words too, over many seeds (small seeds once made every first word wrong)', () => {
    let wrong = 0;
    const seeds = 400;
    for (let seed = 1; seed <= seeds; seed++) {
      const r = new SimulatedRecognizer(systemClock, { ...ORACLE_TIMING, wordErrorRate: 0.12, seed });
      const got = listen(r);
      const t0 = performance.now();
      r.schedule([{ text: 'stop', voicedStartMs: t0 - 20, voicedEndMs: t0 - 10 }]);
      r.push(FRAME);
      r.endSegment();
      if (got.at(-1)?.text !== 'stop') wrong++;
      vi.advanceTimersByTime(20);
    }
    expect(wrong / seeds).toBeGreaterThan(0.06);
    expect(wrong / seeds).toBeLessThan(0.2);
  });
});
