import { describe, expect, it } from 'vitest';
import { cutAtPlayed } from '../../../electron/engine/turn/heard-text.js';

const text = 'The train leaves at nine, from platform four.';
const words = text.split(' ').map((word, i) => ({ word, startMs: i * 300, endMs: i * 300 + 300 }));

describe('cutting the agent text at the heard position', () => {
  it("with the server's char offsets (textTokens) the cut is exact where its words are not ours", () => {
    // "at 9:45" said as "at nine forty five": three spoken words, all inside the token "9:45".
    const said = [
      { word: 'at', startMs: 0, endMs: 200, textTokens: 1 },
      { word: 'nine', startMs: 200, endMs: 400, textTokens: 1 },
      { word: 'forty', startMs: 400, endMs: 600, textTokens: 1 },
      { word: 'five', startMs: 600, endMs: 800, textTokens: 2 },
      { word: 'sharp', startMs: 800, endMs: 1000, textTokens: 3 },
    ];
    expect(cutAtPlayed('at 9:45 sharp today', 750, { words: said })).toMatchObject({ heardText: 'at 9:45', unheardText: 'sharp today' });
    expect(cutAtPlayed('at 9:45 sharp today', 650, { words: said }).heardText).toBe('at');
  });

  it('uses word timestamps: a word is heard once its middle was played', () => {
    expect(cutAtPlayed(text, 1049, { words })).toEqual({
      heardText: 'The train leaves',
      unheardText: 'at nine, from platform four.',
      method: 'wordTimestamps',
    });
    expect(cutAtPlayed(text, 1050, { words }).heardText).toBe('The train leaves at');
  });

  it('estimates proportionally from the share of the audio played when there are no timestamps', () => {
    const cut = cutAtPlayed(text, 1100, { totalAudioMs: 2400, audioComplete: true });
    expect(cut.method).toBe('proportional');
    expect(cut.heardText).toBe('The train leaves at');
    expect(cut.unheardText).toBe('nine, from platform four.');
  });

  it('falls back to a speaking rate while the audio is still arriving', () => {
    const cut = cutAtPlayed(text, 1000, { totalAudioMs: 900, audioComplete: false });
    expect(cut.method).toBe('speakingRate');
    expect(cut.heardText).toBe('The train leaves'); // 1 s at ~14 characters per second
  });

  it('nothing played means nothing heard', () => {
    expect(cutAtPlayed(text, 0, { words })).toMatchObject({ heardText: '', unheardText: text });
  });
});
