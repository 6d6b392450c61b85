import { describe, expect, it, vi } from 'vitest';
import { HELD_GAP_CONFIRM_MS } from '../../../electron/engine/turn/gap-resume.js';
import { now, pausedByUser, useFakeTimersPerTest } from './helpers/fakes.js';

/**
 * A final with no words is not the words deciding "no interruption": the recognizer heard nothing
 * in that stretch (a final asked at a pause inside "stop ... talking please", or a word it dropped).
 * The agent then stays paused for words to come or for the end of the speech, as it would with
 * none yet; it does not go on at the gap as after a final that said "okay".
 */
useFakeTimersPerTest();

describe('an empty final while the agent is paused', () => {
  it('coming before the gap, it does not let the agent go on at the gap', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('', true);
    controller.onSpeechGap(now());
    expect(playback.ops()).toEqual(['duck', 'pause']);
    expect(controller.phase).toBe('paused');
  });

  it('coming in the gap, it does not let the agent go on either', () => {
    const { controller, playback } = pausedByUser();
    controller.onSpeechGap(now());
    controller.onTranscript('', true);
    expect(playback.ops()).toEqual(['duck', 'pause']);
  });

  it('"stop ..." with an empty final at the pause after "stop": the agent stays paused until the words cut it', () => {
    const { controller, playback, events } = pausedByUser();
    controller.onTranscript('', true);
    controller.onSpeechGap(now());
    controller.onSpeechGapEnd(now());
    controller.onTranscript('stop talking', false);
    expect(playback.ops()).toEqual(['duck', 'pause', 'clear', 'resume', 'unduck']);
    expect(events.at(-1)).toMatchObject({ type: 'interrupted' });
  });

  it('a final with words that are a backchannel still lets the agent go on at the gap', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', true);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS); // a held opener's wait at the gap (held-opener-gap.test.ts)
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
  });

  it('words before it still count: "okay" then an empty final for the next stretch goes on at the gap', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', true);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS); // a held opener's wait at the gap (held-opener-gap.test.ts)
    controller.onSpeechGapEnd(now());
    controller.onTranscript('', true);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS); // a held opener's wait at the gap (held-opener-gap.test.ts)
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause', 'resume']);
  });

  it('at the end of the speech nothing more can come: the agent goes on at once', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('', true);
    controller.onSpeechGap(now());
    controller.onSpeechEnd(now(), false);
    vi.advanceTimersByTime(0);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'unduck']);
  });
});
