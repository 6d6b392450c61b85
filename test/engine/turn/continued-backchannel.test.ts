import { describe, expect, it, vi } from 'vitest';
import { defaults, now, pausedByUser, useFakeTimersPerTest } from './helpers/fakes.js';

const PAUSE = defaults.speakingInterruptDurationMs;

useFakeTimersPerTest();

describe('a backchannel that goes on after a gap ("right right … yeah")', () => {
  it(`the continuation of a whole backchannel gets its own ${PAUSE} ms before the agent pauses again`, () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('right right', false);
    controller.onSpeechGap(now());
    expect(playback.paused).toBe(false);
    controller.onSpeechGapEnd(now());
    vi.advanceTimersByTime(PAUSE - 1);
    expect(playback.paused).toBe(false);
    vi.advanceTimersByTime(1);
    expect(playback.paused).toBe(true);
  });

  it('a continuation shorter than that never pauses the agent again', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('right right', false);
    controller.onSpeechGap(now());
    controller.onSpeechGapEnd(now());
    vi.advanceTimersByTime(PAUSE - 20);
    controller.onTranscript('right right yeah', false);
    controller.onSpeechGap(now());
    vi.advanceTimersByTime(PAUSE * 3);
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
  });

  it('words that interrupt in the continuation still stop the agent at once', () => {
    const { controller, playback, events } = pausedByUser();
    controller.onTranscript('right right', false);
    controller.onSpeechGap(now());
    controller.onSpeechGapEnd(now());
    vi.advanceTimersByTime(50);
    controller.onTranscript('right right but what about', false);
    expect(events.at(-1)).toMatchObject({ type: 'interrupted' });
    expect(playback.ops()).toContain('clear');
  });

  it('after a lone "okay" (it may open a turn: "okay … but what about") the agent pauses again at once', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onSpeechGap(now());
    controller.onSpeechGapEnd(now());
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
  });
});

describe("the voice's own pause, with a streaming recognizer", () => {
  it('a paused agent goes on at the voice pause when the words so far veto, even a lone "okay" that held it mid-speech', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', false);
    expect(playback.paused).toBe(true);
    controller.onVoicePause(now());
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume']);
  });

  it('and pauses again at once when the voice goes on', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', false);
    controller.onVoicePause(now());
    controller.onVoiceResume(now());
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
  });

  it('stays paused at the voice pause when the words do not veto yet', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('price', false);
    controller.onVoicePause(now());
    controller.onVoiceResume(now());
    expect(playback.ops()).toEqual(['duck', 'pause']);
  });
});

describe('a final before the gap', () => {
  it('"okay" whose final came before the person went on is judged again as words still being said: the agent pauses at once', () => {
    const { controller, playback } = pausedByUser();
    controller.onTranscript('okay', true);
    controller.onSpeechGap(now());
    controller.onSpeechGapEnd(now());
    expect(playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause']);
  });
});
