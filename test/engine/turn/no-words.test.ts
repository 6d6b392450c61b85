/**
 * Deciding without words (practice mode, no recognizer): the voice's length decides. A long
 * stretch of voice interrupts; a short one resumes the agent at the first gap in it.
 */
import { describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/engine/clock.js';
import { BargeInController, MIN_SPEECH_BEFORE_GAP_MS } from '../../../electron/engine/turn/barge-in-controller.js';
import { buildStrategies } from '../../../electron/engine/turn/strategies/build-strategies.js';
import { InterruptionDecider } from '../../../electron/engine/turn/strategies/interruption-decider.js';
import type { WordSource } from '../../../electron/engine/turn/strategies/voice-shape-strategy.js';
import { FakePlayback, FakeTts, defaults, now, toneFrame, useFakeTimersPerTest, speechOn } from './helpers/fakes.js';

useFakeTimersPerTest();

function noWords(words: WordSource = 'none') {
  const playback = new FakePlayback();
  const controller = new BargeInController(
    { clock: systemClock, playback, tts: new FakeTts(), decider: new InterruptionDecider(buildStrategies(defaults.strategies, defaults, words), words) },
    defaults,
  );
  const events: { type: string; payload: unknown }[] = [];
  for (const type of ['interrupted', 'falseInterruption'] as const) controller.on(type, (payload: unknown) => events.push({ type, payload }));
  controller.agentStartedSpeaking(speechOn(playback, 't1'));
  const onsetMs = now();
  controller.onSpeechStart(onsetMs);
  /** `ms` of voice, fed in 20 ms frames on the clock. */
  const speak = (ms: number) => {
    for (let t = 0; t < ms; t += 20) {
      controller.onUserAudio(toneFrame(-20));
      vi.advanceTimersByTime(20);
    }
  };
  return { controller, playback, events, speak, onsetMs };
}

const voiceShape = defaults.strategies.find((s) => s.type === 'voiceShape');
const LONG = voiceShape?.type === 'voiceShape' ? voiceShape.params.minSpeechMs : NaN;

describe('barge-in without words', () => {
  it(`interrupts after exactly ${LONG} ms of voice, not 20 ms sooner`, () => {
    const { playback, events, speak } = noWords();
    speak(LONG - 20);
    expect(events).toEqual([]);
    expect(playback.paused).toBe(true); // inaudible from speakingInterruptDurationMs on
    speak(20);
    expect(events[0]).toMatchObject({ type: 'interrupted', payload: { reason: 'voice', strategy: 'voiceShape' } });
  });

  it('a short sound resumes the agent at the first gap, and says why', () => {
    const { controller, playback, events, speak } = noWords();
    speak(400);
    controller.onSpeechGap(now());
    expect(playback.paused).toBe(false);
    expect(events).toEqual([
      { type: 'falseInterruption', payload: expect.objectContaining({ reason: expect.stringMatching(/is short, like a backchannel/) }) },
    ]);
  });

  it(`a sound just short of ${LONG} ms still resumes the agent at its first gap`, () => {
    const { controller, playback, events, speak } = noWords();
    speak(LONG - 40);
    controller.onSpeechGap(now());
    expect(playback.paused).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['falseInterruption']);
  });

  it(`a gap that starts ${MIN_SPEECH_BEFORE_GAP_MS - 1} ms after the onset is a consonant inside the first word: the agent stays paused`, () => {
    const { controller, playback, events, speak, onsetMs } = noWords();
    speak(240);
    controller.onSpeechGap(onsetMs + MIN_SPEECH_BEFORE_GAP_MS - 1);
    expect(playback.paused).toBe(true);
    expect(events).toEqual([]);
  });

  it(`a gap that starts ${MIN_SPEECH_BEFORE_GAP_MS} ms after the onset can end a backchannel: the agent goes on`, () => {
    const { controller, playback, events, speak, onsetMs } = noWords();
    speak(240);
    controller.onSpeechGap(onsetMs + MIN_SPEECH_BEFORE_GAP_MS);
    expect(playback.paused).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['falseInterruption']);
  });

  it("without words, the voice's own pause is the gap: a short sound lets the agent go on there, and more voice pauses it again", () => {
    const { controller, playback, speak, onsetMs } = noWords();
    speak(300);
    controller.onVoicePause(onsetMs + 240);
    expect(playback.paused).toBe(false);
    controller.onVoiceResume(now());
    expect(playback.paused).toBe(true);
  });

  it("with streaming words the voice's pause is not the gap (a final asked there may come before the words): still paused", () => {
    const { controller, playback, speak, onsetMs } = noWords('streaming');
    speak(300);
    controller.onVoicePause(onsetMs + 240);
    expect(playback.paused).toBe(true);
  });

  it('speech after the gap pauses again and still interrupts once it is long enough', () => {
    const { controller, playback, events, speak } = noWords();
    speak(400);
    controller.onSpeechGap(now());
    controller.onSpeechGapEnd(now());
    expect(playback.paused).toBe(true);
    speak(LONG - 400);
    expect(events.at(-1)).toMatchObject({ type: 'interrupted' });
  });

  it('at the end of short speech the agent goes on at once (no words will come to change it)', () => {
    const { controller, playback, speak } = noWords();
    speak(300);
    controller.onSpeechEnd(now());
    vi.advanceTimersByTime(0);
    expect(playback.paused).toBe(false);
    expect(playback.duckedDb).toBe(0);
  });

  it('with a streaming recognizer the words decide; the voice only steps in when none arrive', () => {
    const { controller, events, speak } = noWords('streaming');
    controller.onTranscript('right right', false);
    speak(LONG + 600);
    expect(events.filter((e) => e.type === 'interrupted')).toEqual([]);
    const silent = noWords('streaming');
    silent.speak(LONG + 500);
    expect(silent.events[0]).toMatchObject({ type: 'interrupted', payload: { strategy: 'voiceShape' } });
  });
});
