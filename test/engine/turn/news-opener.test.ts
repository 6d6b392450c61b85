import { describe, expect, it, vi } from 'vitest';
import { HELD_GAP_CONFIRM_MS } from '../../../electron/engine/turn/gap-resume.js';
import { BackchannelClassifier } from '../../../electron/engine/turn/backchannel/classify.js';
import { defaults, now, pausedByUser, useFakeTimersPerTest } from './helpers/fakes.js';

/**
 * "oh wait, that's not right", "huh, what was that", "really? since when", "mm, no, that's wrong": a news token ("oh",
 * "huh", "really"), or a thinking "mm", opens a turn of one's own about as often as it is all the listener says.
 * Said alone it used to be a whole backchannel at once, so the agent went on and only the next word, a recognizer chunk
 * later, stopped it again (set D's tuning half, bench/bargein-fresh-set-d.txt: 5 of its 35 interruptions). Alone and
 * while the voice may go on, it now holds the paused agent as a lone "okay" or "um" does (until the VAD's gap or the end
 * of the speech); with a second backchannel word it is whole at once ("oh wow", "oh okay", "mm-hmm"), and "wow", "ah" still are.
 */
const model = new BackchannelClassifier(defaults);

useFakeTimersPerTest();

describe('the words: a lone news token or "mm"', () => {
  it.each(['oh', 'huh', 'really', 'mm'])('a lone "%s" mid-speech is a backchannel that may still open a turn', (text) => {
    expect(model.classify(text, false)).toMatchObject({ kind: 'backchannel', partial: true });
    // The same word at a final asked at a pause in the voice, which may still go on ("oh, wait…").
    expect(model.classify(text, true, false)).toMatchObject({ kind: 'backchannel', partial: true });
    // Once the voice has stopped, it is a whole backchannel.
    expect(model.classify(text, true)).toEqual({ kind: 'backchannel', reason: expect.any(String) });
  });

  it.each(['oh wow', 'oh okay', 'mm-hmm', 'mm hmm', 'mm hm', 'really wow', 'huh interesting', 'oh nice', 'wow', 'ah', 'wow okay', 'ah right'])(
    '"%s" is a whole backchannel at once',
    (text) => expect(model.classify(text, false)).toEqual({ kind: 'backchannel', reason: expect.any(String) }),
  );

  it.each(['oh wait', 'huh what was that', 'really since when', 'mm no that is wrong', 'oh actually one more thing', 'huh say that again'])(
    '"%s" interrupts',
    (text) => expect(model.classify(text, true).kind).toBe('interrupt'),
  );
});

describe('the agent while a lone "oh" or "huh" is said (streaming words)', () => {
  it('"oh" keeps the agent paused, and "oh wait" stops it from there', () => {
    const { controller, playback, events } = pausedByUser();
    controller.onTranscript('oh', false);
    expect(playback.ops()).toEqual(['duck', 'pause']);
    controller.onTranscript('oh wait', false);
    expect(events.at(-1)).toMatchObject({ type: 'interrupted' });
    expect(playback.ops()).toEqual(['duck', 'pause', 'clear', 'resume', 'unduck']);
  });

  it('"huh," | "what was that": the final at the pause in the voice keeps the agent paused, and the question stops it', () => {
    const { controller, playback, events } = pausedByUser();
    controller.onTranscript('huh', false);
    controller.onVoicePause(now());
    controller.onTranscript('huh', true);
    vi.advanceTimersByTime(60);
    controller.onVoiceResume(now());
    expect(playback.ops()).toEqual(['duck', 'pause']);
    controller.onTranscript('what was', false);
    expect(events.at(-1)).toMatchObject({ type: 'interrupted' });
  });

  it('a lone "oh" lets the agent go on at the VAD gap', () => {
    const { controller, playback, types } = pausedByUser();
    controller.onTranscript('oh', false);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS); // a held opener's wait at the gap (held-opener-gap.test.ts)
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption']);
  });

  it('"oh wow" lets the agent go on at once, mid-speech', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('oh', false);
    controller.onTranscript('oh wow', false);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
  });
});
