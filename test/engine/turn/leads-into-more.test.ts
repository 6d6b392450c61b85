import { describe, expect, it, vi } from 'vitest';
import { now, pausedByUser, useFakeTimersPerTest } from './helpers/fakes.js';

/**
 * "perfect, and the return trip", "right, the blue form or the green one" (set E, realistic lag): after the final of the
 * backchannel, the interim "and the" / "the" made the words a whole backchannel again ("a short word that adds
 * nothing"), and the paused agent went on in mid-voice, 320 ms before the next word cut it. A determiner or a joining
 * word heard last leads into more: while the voice may go on it only holds the veto.
 */
useFakeTimersPerTest();

describe('a word that leads into more, after a backchannel, is no reason to go on in mid-voice', () => {
  it.each([
    ['perfect,', 'and the'],
    ['right,', 'the'],
    ['okay,', 'and the'],
  ])('"%s" (final) then "%s" while the voice goes on: the paused agent stays paused until the words decide', (said, then) => {
    const h = pausedByUser();
    h.controller.onTranscript(said, true);
    h.controller.onSpeechGap(now());
    vi.advanceTimersByTime(200);
    h.controller.onSpeechGapEnd(now());
    const before = h.playback.ops().length;
    h.controller.onTranscript(then, false);
    expect(h.playback.ops().slice(before)).toEqual([]);
    expect(h.controller.phase).toBe('paused');
    h.controller.onTranscript(`${then} return trip`, false);
    expect(h.events.at(-1)).toMatchObject({ type: 'interrupted' });
  });

  it('the same words once the person has stopped ("okay, and the") are still only a backchannel', () => {
    const h = pausedByUser();
    h.controller.onTranscript('okay, and the', false);
    h.controller.onSpeechEnd(now());
    h.controller.onTranscript('okay, and the', true);
    vi.advanceTimersByTime(0);
    expect(h.events.map((e) => e.type)).not.toContain('interrupted');
    expect(h.playback.ops().at(-1)).toBe('unduck');
  });
});
