import { describe, expect, it } from 'vitest';
import { describeBreakdown, pauseBreakdown } from '../../../../bench/bargein-pause-breakdown.js';

/** bench:bargein tells where a backchannel's paused time goes, and what no word-based rule could take back. */
describe("a backchannel's paused time, by where it goes", () => {
  const voice = { startMs: 1000, endMs: 1600 };

  it('splits the first pause at the first word shown and at the voice end, and counts a second pause apart', () => {
    const events = [
      { tMs: 1190, type: 'outputPaused' },
      { tMs: 1530, type: 'recognized', text: 'yeah', final: false },
      { tMs: 1740, type: 'outputResumed' },
      { tMs: 1800, type: 'outputPaused' },
      { tMs: 1950, type: 'outputResumed' },
    ];
    expect(pauseBreakdown(events, voice, 5000)).toEqual({
      beforeWordsMs: 1530 - 1190,
      wordsOnTheWayMs: 1600 - 1530,
      afterVoiceMs: 1740 - 1600,
      pausedAgainMs: 150,
      resumeAtVoiceEndMs: 1600 - 1190,
      resumeAtFirstWordMs: 1530 - 1190,
    });
  });

  it('an empty final is no word; a resume before the voice ends leaves nothing after it', () => {
    const events = [
      { tMs: 1200, type: 'outputPaused' },
      { tMs: 1400, type: 'recognized', text: '', final: true },
      { tMs: 1500, type: 'recognized', text: 'mm hmm', final: false },
      { tMs: 1550, type: 'outputResumed' },
    ];
    expect(pauseBreakdown(events, voice, 5000)).toMatchObject({ beforeWordsMs: 300, wordsOnTheWayMs: 50, afterVoiceMs: 0, pausedAgainMs: 0 });
  });

  it('no words at all: the pause before them runs to the voice end, the rest is after it', () => {
    const events = [
      { tMs: 1190, type: 'outputPaused' },
      { tMs: 1900, type: 'outputResumed' },
    ];
    expect(pauseBreakdown(events, voice, 5000)).toMatchObject({ beforeWordsMs: 410, wordsOnTheWayMs: 0, afterVoiceMs: 300, resumeAtFirstWordMs: null });
  });

  it('never paused: null', () => {
    expect(pauseBreakdown([{ tMs: 1050, type: 'ducked' }], voice, 5000)).toBeNull();
  });

  it('without a recognizer no word is shown: the line says so rather than printing null; nor when nothing paused', () => {
    const line = describeBreakdown({
      paused: 1,
      sumsMs: { beforeWordsMs: 410, wordsOnTheWayMs: 0, afterVoiceMs: 300, pausedAgainMs: 0 },
      resumeAtVoiceEndMs: { p50: 410, p95: 410 },
      resumeAtFirstWordMs: { p50: null, p95: null },
    });
    expect(line).toContain('no word shown');
    expect(line).not.toContain('null');
    const none = { paused: 0, sumsMs: { beforeWordsMs: 0, wordsOnTheWayMs: 0, afterVoiceMs: 0, pausedAgainMs: 0 } };
    expect(describeBreakdown({ ...none, resumeAtVoiceEndMs: { p50: null, p95: null }, resumeAtFirstWordMs: { p50: null, p95: null } })).toBe(
      'no backchannel paused the agent',
    );
  });
});
