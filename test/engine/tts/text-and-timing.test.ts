// The local server's text segmentation and its estimated word timestamps.
import { describe, expect, it } from 'vitest';
import { TextSegmenter } from '../../../electron/engine/tts/local-server/text-segmenter.js';
import { estimateWordTimings, voicedSpanMs } from '../../../electron/engine/tts/local-server/word-timing-estimate.js';

describe('TextSegmenter', () => {
  it('cuts streamed text into sentences as they complete', () => {
    const s = new TextSegmenter();
    expect(s.push('Hello there. How are')).toEqual(['Hello there.']);
    expect(s.push(' you? I am fine')).toEqual(['How are you?']);
    expect(s.flush()).toEqual(['I am fine']);
  });

  it('cuts the first piece of a turn at a clause, so the first audio comes sooner', () => {
    expect(new TextSegmenter().push('Hi, there. ')).toEqual(['Hi, there.']); // "Hi," is too short to stand alone
    const s = new TextSegmenter();
    expect(s.push('Well, actually, the answer to that question is rather long. ')).toEqual(['Well,', 'actually, the answer to that question is rather long.']);
  });

  it('cuts a run-on text without punctuation at a space', () => {
    const s = new TextSegmenter();
    const pieces = s.push('word '.repeat(60));
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.length).toBeLessThanOrEqual(200);
  });

  it('forgets everything on reset', () => {
    const s = new TextSegmenter();
    s.push('Half a sent');
    s.reset();
    expect(s.flush()).toEqual([]);
  });
});

describe('estimated word timestamps', () => {
  const sr = 16000;
  // 200 ms silence, 1 s of tone, 300 ms silence
  const samples = new Float32Array(sr * 1.5);
  for (let i = sr * 0.2; i < sr * 1.2; i++) samples[i] = 0.3 * Math.sin(i / 5);

  it('finds the voiced span by energy', () => {
    expect(voicedSpanMs(samples, sr)).toEqual({ startMs: 200, endMs: 1200 });
  });

  it('shares the voiced span among words by length, in order, offset by the turn position', () => {
    const w = estimateWordTimings('Hi, wonderful world.', samples, sr, 1000);
    expect(w.map((x) => x.word)).toEqual(['Hi', 'wonderful', 'world']);
    expect(w[0]!.startMs).toBe(1200);
    expect(w.at(-1)!.endMs).toBe(2200);
    expect(w[1]!.endMs - w[1]!.startMs).toBeGreaterThan(w[0]!.endMs - w[0]!.startMs);
    for (let i = 1; i < w.length; i++) expect(w[i]!.startMs).toBeGreaterThanOrEqual(w[i - 1]!.endMs);
  });
});
