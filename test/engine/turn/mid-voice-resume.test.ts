import { describe, expect, it, vi } from 'vitest';
import { MID_VOICE_WORDS_MS } from '../../../electron/engine/turn/mid-voice.js';
import { now, pausedByUser, useFakeTimersPerTest } from './helpers/fakes.js';

/**
 * "oh wow, is it safe" (set E, realistic lag): the final "oh wow," came at a pause in the voice too short for the VAD's
 * gap, so the agent went on in mid-voice; "is it safe" went on with no gap to pause it again, and the agent was heard for
 * 940 ms over the question until the cut. After going on in mid-voice, the voice that goes on must bring more backchannel
 * words: words that are no longer a backchannel pause the agent again at once, and none at all within MID_VOICE_WORDS_MS do.
 */
useFakeTimersPerTest();

/** The agent is paused; the final "oh wow," comes while the voice still runs: it goes on, ducked. */
function wentOnMidVoice() {
  const h = pausedByUser();
  h.controller.onTranscript('oh', false);
  h.controller.onTranscript('oh wow,', true);
  expect(h.playback.ops()).toEqual(['duck', 'pause', 'resume']);
  return h;
}

describe('the agent went on in mid-voice on a whole backchannel', () => {
  it(`the voice going on with no more words pauses it again ${MID_VOICE_WORDS_MS} ms after it went on, not sooner`, () => {
    const { playback, types } = wentOnMidVoice();
    vi.advanceTimersByTime(MID_VOICE_WORDS_MS - 1);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    vi.advanceTimersByTime(1);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption', 'paused']);
  });

  it('words with no backchannel reading left ("haha, no") pause it again at once; more words then decide', () => {
    const h = pausedByUser();
    h.controller.onTranscript('haha,', true);
    expect(h.playback.ops()).toEqual(['duck', 'pause', 'resume']);
    vi.advanceTimersByTime(460);
    h.controller.onTranscript('no,', false);
    expect(h.playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
    h.controller.onTranscript('no, I mean it', false);
    expect(h.events.at(-1)).toMatchObject({ type: 'interrupted' });
  });

  it('words on the way to a backchannel ("oh wow, that\'s") neither end nor restart the wait', () => {
    const { controller, playback } = wentOnMidVoice();
    vi.advanceTimersByTime(460);
    controller.onTranscript("that's", false);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    vi.advanceTimersByTime(MID_VOICE_WORDS_MS - 461);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    vi.advanceTimersByTime(1);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
    controller.onTranscript("that's amazing", false);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause', 'resume']);
  });

  it('more backchannel words ("oh wow, that\'s amazing") start the wait again', () => {
    const { controller, playback } = wentOnMidVoice();
    vi.advanceTimersByTime(MID_VOICE_WORDS_MS - 1);
    controller.onTranscript('amazing', false);
    vi.advanceTimersByTime(MID_VOICE_WORDS_MS - 1);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    vi.advanceTimersByTime(1);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
  });

  it('the same words again (the final of what the interim showed) do not start the wait again', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('exactly,', false);
    vi.advanceTimersByTime(400);
    controller.onTranscript('exactly,', true);
    vi.advanceTimersByTime(MID_VOICE_WORDS_MS - 400);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
  });

  it('the voice stopping (a gap) before the wait ends: no pause in the gap; the voice coming back pauses it as before', () => {
    const { controller, playback } = wentOnMidVoice();
    vi.advanceTimersByTime(100);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(MID_VOICE_WORDS_MS);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    controller.onSpeechGapEnd(now());
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
  });

  it('the end of the speech before the wait ends recovers as before (un-ducks, no pause)', () => {
    const { controller, playback } = wentOnMidVoice();
    vi.advanceTimersByTime(100);
    controller.onSpeechEnd(now(), false);
    vi.advanceTimersByTime(MID_VOICE_WORDS_MS);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'unduck']);
  });

  it('paused again for want of words, it goes on again when they come ("thank you, that" -> "…that helps")', () => {
    const h = pausedByUser();
    h.controller.onTranscript('thank you,', false);
    vi.advanceTimersByTime(320);
    h.controller.onTranscript('thank you, that', false);
    vi.advanceTimersByTime(MID_VOICE_WORDS_MS - 320);
    expect(h.playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
    h.controller.onTranscript('thank you, that helps', false);
    expect(h.playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause', 'resume']);
  });

  it('going on at a gap starts no wait: the voice coming back is what pauses it', () => {
    const { controller, playback } = pausedByUser();
    controller.onSpeechGap(now());
    controller.onTranscript('oh wow', false);
    vi.advanceTimersByTime(MID_VOICE_WORDS_MS * 2);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
  });
});
