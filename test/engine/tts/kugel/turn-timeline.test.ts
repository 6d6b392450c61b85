// KugelAudio word timestamps are per chunk (times from the chunk's audio, char offsets into its text): the client puts them on the turn.
import { describe, expect, it } from 'vitest';
import { TurnTimeline, tokensEndingBy } from '../../../../electron/engine/tts/turn-timeline.js';

describe('TurnTimeline', () => {
  it("moves a chunk's words by the turn audio before the chunk, and its char offsets by where its text sits in what was sent", () => {
    const t = new TurnTimeline();
    t.addText('Hello there, friend.');
    t.addText(' How are you?');
    t.chunkStarted(0, 'Hello there, friend.');
    t.audio(0, 1200);
    t.chunkStarted(1, 'How are you?');
    t.audio(1, 500);
    t.audio(1, 500);
    const words = t.place(
      [
        { word: 'How', startMs: 40, endMs: 200, charStart: 0, charEnd: 3 },
        { word: 'you', startMs: 500, endMs: 900, charStart: 8, charEnd: 11 },
      ],
      1,
    );
    expect(words).toEqual([
      { word: 'How', startMs: 1240, endMs: 1400, charStart: 21, charEnd: 24, textTokens: 4 },
      { word: 'you', startMs: 1700, endMs: 2100, charStart: 29, charEnd: 32, textTokens: 6 },
    ]);
  });

  it('keeps the times of a server that announces no chunks (vendors count from the turn start)', () => {
    const t = new TurnTimeline();
    t.addText('Hi there.');
    t.audio(undefined, 300);
    const w = [{ word: 'there', startMs: 320, endMs: 600 }];
    expect(t.place(w, undefined)).toBe(w);
  });

  it('counts a token once only punctuation of it is left', () => {
    expect(tokensEndingBy('Hello world. Bye', 11)).toBe(2);
    expect(tokensEndingBy('well-known fact', 4)).toBe(0);
  });
});
