import { describe, expect, it, vi } from 'vitest';
import { HELD_GAP_CONFIRM_MS } from '../../../electron/engine/turn/gap-resume.js';
import { now, pausedByUser, useFakeTimersPerTest } from './helpers/fakes.js';

/**
 * "sure, but what about…", "right, so…", "oh, wait…": a lone opener holds the paused agent, but the VAD's gap in the
 * person's comma pause used to let it go on at once, and the voice paused it again 60-120 ms later (set D, realistic
 * lag: 44 of the 59 interruptions over 250 ms to inaudible were that, the figure counting from the second pause).
 * Words that are only a held opener now let the agent go on HELD_GAP_CONFIRM_MS after the gap, if the voice has not
 * come back by then; a whole backchannel, or a final that decides nothing, still lets it go on at the gap at once.
 */
useFakeTimersPerTest();

/** Realistic lag: the interim "sure" is in, the voice pauses (a final is asked), the VAD sees the gap. */
function sureThenGap(finalBeforeGap: boolean) {
  const h = pausedByUser();
  h.controller.onTranscript('sure', false);
  h.controller.onVoicePause(now());
  if (finalBeforeGap) h.controller.onTranscript('sure', true);
  vi.advanceTimersByTime(64);
  h.controller.onSpeechGap(now());
  if (!finalBeforeGap) h.controller.onTranscript('sure', true);
  return h;
}

describe('a held opener at a comma pause (streaming words)', () => {
  it.each([true, false])(
    '"sure," | "but what about the price" (final before the gap: %s): the agent is never heard between the pause and the cut',
    (finalBeforeGap) => {
      const { controller, playback, events } = sureThenGap(finalBeforeGap);
      vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS - 1);
      controller.onSpeechGapEnd(now());
      controller.onVoiceResume(now());
      controller.onTranscript('but what about', false);
      expect(events.at(-1)).toMatchObject({ type: 'interrupted' });
      expect(playback.ops()).toEqual(['duck', 'pause', 'clear', 'resume', 'unduck']);
    },
  );

  it(`a lone "sure" lets the agent go on, ducked, ${HELD_GAP_CONFIRM_MS} ms after the gap (not sooner), and the end of speech un-ducks it`, () => {
    const { controller, playback, types } = sureThenGap(true);
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS - 1);
    expect(playback.ops()).toEqual(['duck', 'pause']);
    vi.advanceTimersByTime(1);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption']);
    controller.onSpeechEnd(now(), false);
    vi.advanceTimersByTime(0);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'unduck']);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption', 'unducked']);
  });

  it('the voice coming back after the wait pauses the agent again, as at any gap', () => {
    const { controller, playback } = sureThenGap(true);
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS);
    controller.onSpeechGapEnd(now());
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
  });

  it('a second gap in the same speech waits its own time', () => {
    const { controller, playback } = sureThenGap(true);
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS - 1);
    controller.onSpeechGapEnd(now());
    vi.advanceTimersByTime(50);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS - 1);
    expect(playback.ops()).toEqual(['duck', 'pause']);
    vi.advanceTimersByTime(1);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
  });

  it('backchannel words that come in during the wait ("okay" -> "okay cool") let the agent go on at once', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    expect(playback.ops()).toEqual(['duck', 'pause']);
    controller.onTranscript('okay cool', false);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
  });

  it('a whole backchannel at the gap ("got it", a final) still lets the agent go on at once', () => {
    const { controller, playback } = pausedByUser();
    controller.onSpeechGap(now());
    controller.onTranscript('got it', true);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
  });

  it('words in the wait that decide only at the end ("okay" -> final "okay got", which may be "okay, got it") keep the agent paused past it', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    controller.onTranscript('okay got', true);
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS);
    expect(playback.ops()).toEqual(['duck', 'pause']);
  });

  it('the end of the speech during the wait recovers as before (it does not wait the rest)', () => {
    const { controller, playback } = sureThenGap(true);
    vi.advanceTimersByTime(10);
    controller.onSpeechEnd(now(), false);
    vi.advanceTimersByTime(0);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'unduck']);
  });
});
