/**
 * One owner of "make it silent": the controller clears playback and cancels the TTS turn, once,
 * and a cleared turn's playbackFinished (which the real queue emits synchronously inside clear)
 * does not re-enter the controller while it is still interrupting.
 */
import { describe, expect, it, vi } from 'vitest';
import { FakePlayback, defaults, makeController, now, useFakeTimersPerTest, speechOn } from './helpers/fakes.js';

const PAUSE = defaults.speakingInterruptDurationMs;

useFakeTimersPerTest();

/** Like the real PlaybackQueue: clear() announces the finished turn before it returns. */
class SyncFinishPlayback extends FakePlayback {
  onFinished: (turnId: string) => void = () => {};
  override clear(turnId: string): void {
    super.clear(turnId);
    this.onFinished(turnId);
  }
}

function controllerWithSyncFinish(strategies = defaults.strategies) {
  const h = makeController(strategies, {}, new SyncFinishPlayback());
  const playback = h.playback as SyncFinishPlayback;
  const nested: string[] = [];
  playback.onFinished = (turnId) => {
    nested.push(`finished while ${h.controller.phase}`);
    h.controller.agentStoppedSpeaking(turnId);
  };
  return { ...h, playback, nested };
}

describe('one owner of the interrupt path', () => {
  it('a cleared turn finishing synchronously does not restore the queue a second time', () => {
    const { controller, playback, tts, types } = controllerWithSyncFinish([]);
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(PAUSE);
    expect(playback.ops()).toEqual(['duck', 'pause', 'clear', 'resume', 'unduck']);
    expect(tts.cancels).toBe(1);
    expect(types().filter((t) => t === 'interrupted')).toHaveLength(1);
  });

  it('by the time the cleared turn reports finished, the controller has already let the turn go', () => {
    const { controller, playback, nested } = controllerWithSyncFinish();
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    controller.onSpeechStart(now());
    vi.advanceTimersByTime(PAUSE + 10);
    controller.onTranscript('stop', false);
    expect(nested).toEqual(['finished while agentSilent']);
    expect(controller.phase).toBe('agentSilent');
  });

  it('a manual interrupt carries its source and clears once', () => {
    const { controller, playback, tts, events } = controllerWithSyncFinish();
    controller.agentStartedSpeaking(speechOn(playback, 't1'));
    expect(controller.interruptNow('hotkey')).toBe(true);
    expect(playback.ops()).toEqual(['clear', 'unduck']);
    expect(tts.cancels).toBe(1);
    expect(events.find((e) => e.type === 'interrupted')!.payload).toMatchObject({ speech: { turnId: 't1' }, reason: 'hotkey', strategy: null, onsetMs: null });
  });
});
