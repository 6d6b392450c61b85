import { describe, expect, it, vi } from 'vitest';
import { HELD_GAP_CONFIRM_MS } from '../../../electron/engine/turn/gap-resume.js';
import { defaults, now, pausedByUser, useFakeTimersPerTest } from './helpers/fakes.js';

const PAUSE = defaults.speakingInterruptDurationMs;

useFakeTimersPerTest();

describe('resuming at a gap after an acknowledgement', () => {
  it('a paused agent resumes at the gap after "okay", still ducked, and says it resumed', () => {
    const { controller, playback, types } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS); // a held opener's wait at the gap (held-opener-gap.test.ts)
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    expect(controller.phase).toBe('ducked');
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption']);
  });

  it('pauses again when the user goes on after the gap', () => {
    const { controller, playback, types } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS); // a held opener's wait at the gap (held-opener-gap.test.ts)
    controller.onSpeechGapEnd(now());
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption', 'paused']);
  });

  it('"okay ... stop" still interrupts after resuming at the gap', () => {
    const { controller, playback, events } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    controller.onSpeechGapEnd(now());
    controller.onTranscript('okay stop', false);
    expect(playback.ops().slice(-3)).toEqual(['clear', 'resume', 'unduck']);
    expect(events.at(-1)).toMatchObject({ type: 'interrupted', payload: { strategy: 'backchannelModel' } });
  });

  it('stays paused at a gap before any words have come (the recognizer is behind)', () => {
    const { controller, playback } = pausedByUser();
    controller.onSpeechGap(now());
    expect(playback.ops()).toEqual(['duck', 'pause']);
    expect(controller.phase).toBe('paused');
  });

  it('a backchannel the words already show lets the agent go on while the person is still speaking', () => {
    const { controller, playback, events } = pausedByUser();
    controller.onTranscript('yeah that makes sense', false);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    expect(playback.duckedDb).toBe(defaults.duckDb);
    controller.onTranscript('yeah that makes sense but what about', false);
    expect(events.at(-1)).toMatchObject({ type: 'interrupted' });
  });

  it('resumes as soon as backchannel words arrive during the gap', () => {
    const { controller, playback, events } = pausedByUser();
    controller.onSpeechGap(now());
    controller.onTranscript('oh wow', false);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    expect(events.at(-1)).toMatchObject({ type: 'falseInterruption', payload: { reason: '"oh wow" is only filler and surprise' } });
  });

  it('stays paused at a gap when the words are not (yet) a backchannel', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('price', false);
    controller.onSpeechGap(now());
    expect(playback.ops()).toEqual(['duck', 'pause']);
  });

  it('un-ducks at once when the final "okay" comes at the end of speech, with one false-interruption event in all', () => {
    const { controller, playback, types } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    controller.onSpeechEnd(now());
    controller.onTranscript('okay', true);
    vi.advanceTimersByTime(0);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'unduck']);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption', 'unducked']);
    expect(controller.phase).toBe('agentSpeaking');
  });

  it('says "false alarm" once for an attempt that resumed at a gap, paused again and then ended as an acknowledgement', () => {
    const { controller, types } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    controller.onSpeechGapEnd(now());
    controller.onTranscript('okay yeah', false);
    controller.onSpeechEnd(now());
    controller.onTranscript('okay yeah', true);
    vi.advanceTimersByTime(0);
    expect(types().filter((t) => t === 'falseInterruption')).toHaveLength(1);
    expect(controller.phase).toBe('agentSpeaking');
  });

  it(`a second segment of the same attempt waits its own ${PAUSE} ms before pausing`, () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS); // a held opener's wait at the gap (held-opener-gap.test.ts)
    controller.onSpeechEnd(now());
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(150);
    controller.onSpeechGapEnd(now());
    expect(playback.paused).toBe(false);
    vi.advanceTimersByTime(PAUSE - 150);
    expect(playback.paused).toBe(true);
  });

  it('a later attempt does not inherit the gap resume of an earlier one', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    controller.onSpeechEnd(now());
    controller.onTranscript('okay', true);
    vi.advanceTimersByTime(0);
    controller.onSpeechStart(now());
    controller.onSpeechGapEnd(now());
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'unduck', 'duck']);
  });

  it('a final asked at the gap that decides nothing ("and the", a misheard backchannel) lets the agent go on there, and the end of speech recovers at once, not after the 2 s timeout', () => {
    const { controller, playback, types } = pausedByUser();
    controller.onSpeechGap(now());
    controller.onTranscript('and the', true);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
    controller.onSpeechEnd(now(), false); // the session: no final owed, the one asked at the pause came
    vi.advanceTimersByTime(0);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'unduck']);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption', 'unducked']);
  });

  it('the same when that final comes before the VAD sees the gap (it is asked at the first quiet in the voice)', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('and the', true);
    expect(playback.ops()).toEqual(['duck', 'pause']);
    controller.onSpeechGap(now());
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
  });

  it('with a final still owed at the end of the speech, it waits for it (up to the false-alarm timeout)', () => {
    const { controller, playback } = pausedByUser();
    controller.onSpeechEnd(now(), true);
    vi.advanceTimersByTime(defaults.falseInterruptionTimeoutMs - 1);
    expect(playback.ops()).toEqual(['duck', 'pause']);
    vi.advanceTimersByTime(1);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'unduck']);
  });
});
