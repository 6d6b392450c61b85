import { describe, expect, it, vi } from 'vitest';
import { defaults, makeController, now, useFakeTimersPerTest, speechOn } from './helpers/fakes.js';

const PAUSE = defaults.speakingInterruptDurationMs;

useFakeTimersPerTest();

describe('ducking on a tentative onset', () => {
  it('ducks in the same call as the tentative onset', () => {
    const { controller, playback, events } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechLikely(now());
    expect(playback.ops()).toEqual(['duck']);
    expect(playback.calls[0]!.args).toEqual([defaults.duckDb, defaults.duckRampMs]);
    expect(events.at(-1)).toMatchObject({ type: 'ducked', payload: { tentative: true } });
    expect(controller.phase).toBe('tentative');
  });

  it('un-ducks (with the ramp) when the onset is withdrawn, and says it was withdrawn', () => {
    const { controller, playback, events } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechLikely(now());
    controller.onSpeechUnlikely(now());
    expect(playback.ops()).toEqual(['duck', 'unduck']);
    expect(playback.calls[1]!.args).toEqual([defaults.duckRampMs]);
    expect(events.at(-1)).toMatchObject({ type: 'unducked', payload: { withdrawn: true } });
    expect(controller.phase).toBe('agentSpeaking');
  });

  it('does not duck twice when speech confirms the tentative onset', () => {
    const { controller, playback, types } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechLikely(now());
    controller.onSpeechStart(now());
    expect(playback.ops()).toEqual(['duck']);
    expect(types()).toEqual(['ducked']);
    expect(controller.phase).toBe('ducked');
  });

  it(`pauses ${PAUSE} ms after the tentative onset that speech confirmed 64 ms later, not one ms earlier`, () => {
    const { controller, playback } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    const onset = now();
    controller.onSpeechLikely(onset);
    vi.advanceTimersByTime(64);
    controller.onSpeechStart(onset); // the VAD back-dates the onset to the tentative one
    vi.advanceTimersByTime(PAUSE - 64 - 1);
    expect(playback.paused).toBe(false);
    vi.advanceTimersByTime(1);
    expect(playback.paused).toBe(true);
  });

  it('does nothing while the agent is silent', () => {
    const { controller, playback, types } = makeController(defaults.strategies);
    controller.onSpeechLikely(now());
    controller.onSpeechUnlikely(now());
    expect(playback.ops()).toEqual([]);
    expect(types()).toEqual([]);
  });

  it('does nothing with interruptions off', () => {
    const { controller, playback } = makeController(defaults.strategies, { interruptions: 'off' });
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechLikely(now());
    expect(playback.ops()).toEqual([]);
  });

  it('restores full volume when the agent finishes while tentatively ducked', () => {
    const { controller, playback } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechLikely(now());
    controller.agentStoppedSpeaking('t1');
    expect(playback.ops()).toEqual(['duck', 'unduck']);
    expect(controller.phase).toBe('agentSilent');
  });

  it('a manual interrupt while tentatively ducked stops the agent and restores the queue', () => {
    const { controller, playback, tts } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechLikely(now());
    expect(controller.interruptNow('hotkey')).toBe(true);
    expect(playback.ops()).toEqual(['duck', 'clear', 'unduck']);
    expect(tts.cancels).toBe(1);
  });

  it('un-ducks when interruptions were turned off after the tentative duck and speech follows', () => {
    const { controller, playback, types } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechLikely(now());
    controller.updateOptions({ interruptions: 'off' });
    controller.onSpeechStart(now());
    expect(playback.ops()).toEqual(['duck', 'unduck']);
    expect(types()).toEqual(['ducked', 'unducked', 'userSpeechWhileOff']);
  });

  it('a new turn that starts while the last one was tentatively ducked plays at full volume', () => {
    const { controller, playback } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechLikely(now());
    controller.agentStartedSpeaking(speechOn(playback, 't2'));
    expect(playback.ops()).toEqual(['duck', 'unduck']);
    expect(playback.duckedDb).toBe(0);
    expect(controller.phase).toBe('agentSpeaking');
  });

  it('ignores a tentative onset during an attempt already under way', () => {
    const { controller, playback } = makeController(defaults.strategies);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    controller.onSpeechLikely(now());
    controller.onSpeechUnlikely(now());
    expect(playback.ops()).toEqual(['duck']);
    expect(controller.phase).toBe('ducked');
  });
});
