import { describe, expect, it } from 'vitest';
import { RecordingSink } from '../../../../electron/engine/audio/recording-sink.js';
import { ObservedPlayback, type OutputChange } from '../../../../electron/engine/agent/simulate/observed-playback.js';
import { VirtualClock } from '../../../../electron/engine/agent/simulate/virtual-clock.js';
import { heardAgainMs, pausedMs, pauseSpans } from '../../../../bench/bargein-metrics.js';

function observed() {
  const clock = new VirtualClock(0);
  const playback = new ObservedPlayback({ output: new RecordingSink({ clock, sampleRate: 16_000 }), clock });
  const events: { tMs: number; type: OutputChange }[] = [];
  playback.observe((type) => events.push({ tMs: clock.nowMs(), type }));
  playback.enqueue('t1', new Float32Array(16_000 * 5), 16_000);
  return { clock, playback, events };
}

describe('simulate: what the agent output really did (the benchmark measures pauses on it)', () => {
  it('tells every pause and every resume, a second one in the same attempt too', async () => {
    const { clock, playback, events } = observed();
    await clock.advanceTo(100);
    playback.pause();
    playback.pause(); // already paused: nothing new
    await clock.advanceTo(400);
    playback.resume();
    await clock.advanceTo(450);
    playback.pause();
    await clock.advanceTo(700);
    playback.resume();
    expect(events).toEqual([
      { tMs: 100, type: 'outputPaused' },
      { tMs: 400, type: 'outputResumed' },
      { tMs: 450, type: 'outputPaused' },
      { tMs: 700, type: 'outputResumed' },
    ]);
    // The old measure stopped at the first resume's "false alarm" and counted the second pause until the end of speech.
    expect(pausedMs({ events, traces: { durationMs: 5000 } as never })).toBe(300 + 250);
  });

  it('a paused turn that is cut ends its pause as an interruption: the un-pausing that follows resumes nothing of it', async () => {
    const { clock, playback, events } = observed();
    await clock.advanceTo(100);
    playback.pause();
    await clock.advanceTo(300);
    playback.clear('t1');
    playback.resume();
    expect(events.map((e) => e.type)).toEqual(['outputPaused', 'outputCleared']);
    expect(pauseSpans({ events, traces: { durationMs: 5000 } as never })).toEqual([]);
  });

  it('a cut while playing is not a pause at all', async () => {
    const { clock, playback, events } = observed();
    await clock.advanceTo(100);
    playback.clear('t1');
    expect(events).toEqual([]);
  });

  it('a pause never resumed counts to the end of the run (a stuck pause is the worst disruption)', () => {
    const events = [{ tMs: 100, type: 'outputPaused' }];
    expect(pausedMs({ events, traces: { durationMs: 2100 } as never })).toBe(2000);
  });

  it('the agent heard again after its first pause counts until the cut, also a cut while it plays (told only as the interruption)', () => {
    // "oh wow, is it safe" (set E, realistic lag): resumed at 690 on "oh wow," and cut at 1630 while playing, with no outputCleared.
    const events = [
      { tMs: 186, type: 'outputPaused' },
      { tMs: 690, type: 'outputResumed' },
      { tMs: 1630, type: 'interrupted' },
    ];
    expect(heardAgainMs({ events } as never)).toBe(940);
  });
});
