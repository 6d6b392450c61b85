import { describe, expect, it, vi } from 'vitest';
import { defaults, makeController, toneFrame, now, useFakeTimersPerTest, speechOn, pausedByUser } from './helpers/fakes.js';

const PAUSE = defaults.speakingInterruptDurationMs;
const RECOVER = defaults.falseInterruptionTimeoutMs;

useFakeTimersPerTest();

describe('barge-in while the agent speaks', () => {
  it('ducks in the same call as the onset, before any timer runs', () => {
    const { controller, playback } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    expect(playback.ops()).toEqual(['duck']);
    expect(playback.calls[0]!.args).toEqual([defaults.duckDb, defaults.duckRampMs]);
  });

  it(`pauses at exactly speakingInterruptDurationMs (${PAUSE} ms), not one ms earlier`, () => {
    const { controller, playback, types } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(PAUSE - 1);
    expect(playback.paused).toBe(false);
    vi.advanceTimersByTime(1);
    expect(playback.paused).toBe(true);
    expect(types()).toEqual(['ducked', 'paused']);
  });

  it('counts the pause from the onset time the VAD reports, not from when the event arrived', () => {
    const { controller, playback } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    const onset = now();
    vi.advanceTimersByTime(64); // the VAD confirmed speech 64 ms after it began
    controller.onSpeechStart(onset);
    vi.advanceTimersByTime(PAUSE - 64 - 1);
    expect(playback.paused).toBe(false);
    vi.advanceTimersByTime(1);
    expect(playback.paused).toBe(true);
  });

  it('with no strategy, the pause becomes the interruption: clear, cancel, restore the queue', () => {
    const { controller, playback, tts, events } = makeController([]);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    playback.played = 1234;
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(PAUSE);
    expect(playback.ops()).toEqual(['duck', 'pause', 'clear', 'resume', 'unduck']);
    expect(tts.cancels).toBe(1);
    const interrupted = events.find((e) => e.type === 'interrupted')!.payload;
    expect(interrupted).toMatchObject({ speech: { turnId: 't1' }, reason: 'voice', strategy: 'anySpeech', playedMs: 1234, onsetMs: 0 });
    expect(controller.phase).toBe('agentSilent');
  });

  it('a force phrase interrupts as soon as the interim transcript shows it, before the pause', () => {
    const { controller, playback, events } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(150);
    controller.onTranscript('stop', false);
    expect(playback.ops()).toEqual(['duck', 'clear', 'unduck']);
    expect(events.at(-1)).toMatchObject({ type: 'interrupted', payload: { strategy: 'backchannelModel', tMs: 150 } });
  });

  it('strategies are asked on every audio frame (minimum volume decides mid-speech)', () => {
    const { controller, playback, types } = makeController([{ type: 'minVolume', params: { minDbfs: -30 } }]);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    controller.onUserAudio(toneFrame(-45));
    expect(types()).toEqual(['ducked']);
    controller.onUserAudio(toneFrame(-10));
    expect(types()).toEqual(['ducked', 'interrupted']);
  });

  it('a backchannel pauses, then resumes as soon as the final transcript shows it was only "okay"', () => {
    const { controller, playback, types } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(PAUSE);
    controller.onSpeechEnd(now());
    controller.onTranscript('Okay.', true);
    vi.advanceTimersByTime(0);
    expect(playback.paused).toBe(false);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption', 'unducked']);
  });

  it('a final without deciding words resumes at once', () => {
    const { controller, playback, types } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(PAUSE);
    controller.onSpeechEnd(now());
    controller.onTranscript('', true);
    vi.advanceTimersByTime(0);
    expect(playback.paused).toBe(false);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption', 'unducked']);
  });

  it('when the final never comes, resumes after exactly falseInterruptionTimeoutMs of quiet', () => {
    const { controller, playback, types, events } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    controller.onTranscript('hmm', false);
    vi.advanceTimersByTime(PAUSE);
    controller.onSpeechEnd(now());
    vi.advanceTimersByTime(RECOVER - 1);
    expect(playback.paused).toBe(true);
    vi.advanceTimersByTime(1);
    expect(playback.paused).toBe(false);
    expect(playback.duckedDb).toBe(0);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption', 'unducked']);
    expect(events[2]!.payload).toMatchObject({ resumed: true, turnId: 't1' });
    expect(controller.phase).toBe('agentSpeaking');
  });

  it('a late final transcript during the quiet wait still interrupts', () => {
    const { controller, playback, types } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(PAUSE);
    controller.onSpeechEnd(now());
    vi.advanceTimersByTime(RECOVER - 1);
    controller.onTranscript('no thanks', true);
    expect(types()).toEqual(['ducked', 'paused', 'interrupted']);
  });

  it('speaking again before the resume keeps the pause and joins the words of both segments', () => {
    const { controller, playback, types } = makeController([{ type: 'minWords', params: { minWords: 3 } }]);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(PAUSE);
    controller.onTranscript('yes that', true);
    controller.onSpeechEnd(now());
    vi.advanceTimersByTime(500);
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(RECOVER);
    expect(types()).toEqual(['ducked', 'paused']);
    controller.onTranscript('is', false);
    expect(types()).toEqual(['ducked', 'paused', 'interrupted']);
  });

  it('a misfire before the pause un-ducks at once', () => {
    const { controller, playback, types } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(40);
    controller.onMisfire();
    vi.advanceTimersByTime(0);
    expect(playback.ops()).toEqual(['duck', 'unduck']);
    expect(types()).toEqual(['ducked', 'unducked']);
  });

  // A misfire resets the recognizer (UserInput.onMisfire): no final is owed, nothing more can
  // decide. Waiting the false-alarm timeout held the agent 2 s on a blip (in a noisy room, on
  // the room itself); onSpeechEnd already goes on at once when no final is owed.
  it('a misfire after the pause resumes at once, not after the false-alarm timeout', () => {
    const { controller, playback, types } = pausedByUser();
    controller.onMisfire();
    vi.advanceTimersByTime(0);
    expect(playback.paused).toBe(false);
    expect(types()).toEqual(['ducked', 'paused', 'falseInterruption', 'unducked']);
  });

  it('the agent finishing while ducked un-ducks and ends the attempt', () => {
    const { controller, playback } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    controller.agentStoppedSpeaking('t1');
    expect(playback.ops()).toEqual(['duck', 'unduck']);
    expect(controller.phase).toBe('agentSilent');
    vi.advanceTimersByTime(PAUSE);
    expect(playback.paused).toBe(false);
  });
});

describe('interruptions off', () => {
  it('neither ducks nor pauses, and reports the speech as appended', () => {
    const { controller, playback, events } = makeController([], { interruptions: 'off', whenOff: 'append' });
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(5000);
    controller.onTranscript('stop stop stop', true);
    expect(playback.ops()).toEqual([]);
    expect(events).toEqual([{ type: 'userSpeechWhileOff', payload: { tMs: 0, mode: 'append' } }]);
  });

  it('reports ignore mode', () => {
    const { controller, playback, events } = makeController([], { interruptions: 'off', whenOff: 'ignore' });
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    expect(events[0]).toMatchObject({ payload: { mode: 'ignore' } });
  });
});

describe('while the agent is silent', () => {
  it(`accepts speech at exactly interruptDurationMs (${defaults.interruptDurationMs} ms) without asking strategies`, () => {
    const { controller, playback, types } = makeController([{ type: 'minWords', params: { minWords: 5 } }]);
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(defaults.interruptDurationMs - 1);
    expect(types()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(types()).toEqual(['userSpeechAccepted']);
    expect(playback.ops()).toEqual([]);
  });

  it('drops speech that ends before interruptDurationMs', () => {
    const { controller, types } = makeController([]);
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(100);
    controller.onSpeechEnd(now());
    vi.advanceTimersByTime(1000);
    expect(types()).toEqual([]);
  });
});

describe('manual interrupt', () => {
  it('stops a speaking agent at once, without duck or pause', () => {
    const { controller, playback, tts, events } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    expect(controller.interruptNow('button')).toBe(true);
    expect(playback.ops()).toEqual(['clear', 'unduck']);
    expect(tts.cancels).toBe(1);
    expect(events[0]).toMatchObject({ type: 'interrupted', payload: { reason: 'button', strategy: null, onsetMs: null } });
  });

  it('is a no-op while the agent is silent', () => {
    const { controller, playback, events } = makeController(defaults.strategies);
    expect(controller.interruptNow('button')).toBe(false);
    expect(playback.ops()).toEqual([]);
    expect(events).toEqual([]);
  });

  it('during a pause it clears and restores the queue for the next turn', () => {
    const { controller, playback } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(PAUSE);
    controller.interruptNow('button');
    expect(playback.ops()).toEqual(['duck', 'pause', 'clear', 'resume', 'unduck']);
    vi.advanceTimersByTime(10_000);
    expect(playback.ops()).toHaveLength(5);
  });
});
