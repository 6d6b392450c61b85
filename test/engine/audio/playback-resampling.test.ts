/**
 * The playback queue resamples the agent's voice a frame at a time as it is played, not a whole
 * TTS chunk when it arrives: a 10 s chunk must not hold the event loop (and so the microphone)
 * for the ~100 ms its conversion takes on a loaded machine. What is played stays the very
 * samples that converting the whole turn at once gives.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/engine/clock';
import { PlaybackQueue } from '../../../electron/engine/audio/playback-queue';
import { RecordingSink } from '../../../electron/engine/audio/recording-sink';
import { concatSamples } from '../../../electron/engine/audio/samples';
import { loadResamplerFactory, type ResamplerFactory, type StreamResampler } from '../../../electron/engine/audio/resampler';

const DEVICE_RATE = 48_000;
const TTS_RATE = 24_000;
const FRAME_MS = 20;

/** Speech-like: two tones and a little deterministic noise, so every filter tap matters. */
function voice(ms: number, rate: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round((rate * ms) / 1000));
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = 0.3 * Math.sin((2 * Math.PI * 180 * i) / rate) + 0.2 * Math.sin((2 * Math.PI * 2300 * i) / rate) + 0.05 * (s / 2147483648 - 0.5);
  }
  return out;
}

/** What converting each run of one rate in one go gives: the whole body, then the flushed tail up to its last sound. */
function wholeAtOnce(factory: ResamplerFactory, runs: { samples: Float32Array; rate: number }[]): Float32Array {
  const parts: Float32Array[] = [];
  for (const { samples, rate } of runs) {
    if (rate === DEVICE_RATE) {
      parts.push(samples);
      continue;
    }
    const r = factory.create({ inputRate: rate, outputRate: DEVICE_RATE });
    parts.push(r.process(samples));
    const tail = r.flush();
    let end = tail.length;
    while (end > 0 && Math.abs(tail[end - 1]!) < 1e-6) end--;
    parts.push(tail.subarray(0, end));
    r.release();
  }
  return concatSamples(parts);
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** The real factory, recording how many input samples each conversion call was given and how many converters are out. */
function counting(inner: ResamplerFactory) {
  const calls: number[] = [];
  let out = 0;
  const factory: ResamplerFactory = {
    create(options) {
      const r = inner.create(options);
      out++;
      const wrapped: StreamResampler = {
        inputRate: r.inputRate,
        outputRate: r.outputRate,
        channels: r.channels,
        process: (input) => {
          calls.push(input.length);
          return r.process(input);
        },
        flush: () => r.flush(),
        release: () => {
          out--;
          r.release();
        },
      };
      return wrapped;
    },
  };
  return { factory, calls, convertersOut: () => out };
}

let resamplers: ResamplerFactory;
beforeAll(async () => {
  resamplers = await loadResamplerFactory({ spare: 4 });
});

let sink: RecordingSink;
beforeEach(() => {
  vi.useFakeTimers();
  sink = new RecordingSink({ clock: systemClock, sampleRate: DEVICE_RATE, channels: 1, latencyMs: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PlaybackQueue resampling', () => {
  it('converts a whole 10 s TTS chunk a frame at a time as it is played, not when it arrives', () => {
    const { factory, calls } = counting(resamplers);
    const queue = new PlaybackQueue({ output: sink, clock: systemClock, frameMs: FRAME_MS, resamplers: factory });
    queue.enqueue('t1', voice(10_000, TTS_RATE), TTS_RATE);
    const framesInput = (TTS_RATE * FRAME_MS) / 1000;
    // Arriving, the chunk is converted only as far as the first frame (written at once) and the next need.
    expect(calls.reduce((n, c) => n + c, 0)).toBeLessThanOrEqual(3 * framesInput);
    vi.advanceTimersByTime(1000);
    expect(Math.max(...calls)).toBeLessThanOrEqual(framesInput);
    // After a second, about a second has been converted: the rest waits for its turn to play.
    expect(calls.reduce((n, c) => n + c, 0)).toBeLessThanOrEqual(TTS_RATE * 1.1);
    queue.dispose();
  });

  it('plays the same samples as converting the whole turn at once, across chunks, a pause and a rate change', () => {
    const queue = new PlaybackQueue({ output: sink, clock: systemClock, frameMs: FRAME_MS, resamplers });
    const a = voice(730, TTS_RATE, 1);
    const b = voice(1210, TTS_RATE, 2);
    const c = voice(330, 16_000, 3);
    queue.enqueue('t1', a, TTS_RATE);
    queue.enqueue('t1', b.subarray(0, 7), TTS_RATE);
    queue.enqueue('t1', b.subarray(7), TTS_RATE);
    vi.advanceTimersByTime(400);
    queue.pause();
    vi.advanceTimersByTime(300);
    queue.resume();
    queue.enqueue('t1', c, 16_000);
    queue.endTurn('t1');
    vi.advanceTimersByTime(3000);
    const expected = wholeAtOnce(resamplers, [
      { samples: concatSamples([a, b]), rate: TTS_RATE },
      { samples: c, rate: 16_000 },
    ]);
    const played = sink.samples();
    expect(played.length).toBe(expected.length);
    expect(maxDifference(played, expected)).toBeLessThan(1e-9);
    queue.dispose();
  });

  it('plays audio that comes after endTurn while the turn is queued in full, its conversion flushed too', () => {
    const queue = new PlaybackQueue({ output: sink, clock: systemClock, frameMs: FRAME_MS, resamplers });
    const a = voice(300, TTS_RATE, 4);
    const b = voice(200, TTS_RATE, 5);
    queue.enqueue('t1', a, TTS_RATE);
    queue.endTurn('t1');
    queue.enqueue('t1', b, TTS_RATE);
    vi.advanceTimersByTime(1000);
    const expected = wholeAtOnce(resamplers, [
      { samples: a, rate: TTS_RATE },
      { samples: b, rate: TTS_RATE },
    ]);
    expect(sink.samples().length).toBe(expected.length);
    expect(maxDifference(sink.samples(), expected)).toBeLessThan(1e-9);
    queue.dispose();
  });

  it('hands every converter back once its turn is played or cleared', () => {
    const { factory, convertersOut } = counting(resamplers);
    const queue = new PlaybackQueue({ output: sink, clock: systemClock, frameMs: FRAME_MS, resamplers: factory });
    queue.enqueue('t1', voice(200, TTS_RATE), TTS_RATE);
    queue.enqueue('t1', voice(100, 16_000), 16_000);
    queue.endTurn('t1');
    queue.enqueue('t2', voice(5000, TTS_RATE), TTS_RATE);
    vi.advanceTimersByTime(600);
    expect(convertersOut()).toBe(1);
    queue.clear('t2');
    expect(convertersOut()).toBe(0);
    queue.dispose();
  });
});

describe('StreamResampler', () => {
  it('gives the same samples fed a frame at a time as fed the whole chunk', () => {
    for (const rate of [16_000, 22_050, 24_000]) {
      const input = voice(3000, rate, 7);
      const whole = resamplers.create({ inputRate: rate, outputRate: DEVICE_RATE });
      const once = whole.process(input);
      whole.release();
      const framed = resamplers.create({ inputRate: rate, outputRate: DEVICE_RATE });
      const step = Math.ceil((rate * FRAME_MS) / 1000);
      const parts: Float32Array[] = [];
      for (let at = 0; at < input.length; at += step) parts.push(framed.process(input.subarray(at, at + step)));
      framed.release();
      const streamed = concatSamples(parts);
      expect(streamed.length).toBe(once.length);
      expect(maxDifference(streamed, once)).toBeLessThan(1e-9);
    }
  });
});
