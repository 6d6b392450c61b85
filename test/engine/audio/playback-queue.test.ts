import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/engine/clock';
import { PlaybackQueue } from '../../../electron/engine/audio/playback-queue';
import { RecordingSink } from '../../../electron/engine/audio/recording-sink';
import { loadResamplerFactory, type ResamplerFactory } from '../../../electron/engine/audio/resampler';

const RATE = 48_000;
const FRAME_MS = 20;

function sine(ms: number, rate = RATE, freqHz = 440, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round((rate * ms) / 1000));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / rate) + (i === 0 ? 1e-3 : 0);
  return out;
}

function constant(ms: number, value: number): Float32Array {
  return new Float32Array(Math.round((RATE * ms) / 1000)).fill(value);
}

let resamplers: ResamplerFactory;
beforeAll(async () => {
  resamplers = await loadResamplerFactory({ spare: 2 });
});

let sink: RecordingSink;
let queue: PlaybackQueue;
let events: string[];

function setup(options: { latencyMs?: number; channels?: number } = {}) {
  sink = new RecordingSink({ clock: systemClock, sampleRate: RATE, channels: options.channels ?? 1, latencyMs: options.latencyMs ?? 0 });
  queue = new PlaybackQueue({ output: sink, clock: systemClock, frameMs: FRAME_MS, resamplers });
  events = [];
  queue.on('playbackStarted', (e) => events.push(`started ${e.turnId}`));
  queue.on('playbackFinished', (e) => events.push(`finished ${e.turnId} interrupted=${e.interrupted} playedMs=${Math.round(e.playedMs)}`));
}

beforeEach(() => {
  vi.useFakeTimers();
  setup();
});
afterEach(() => {
  queue.dispose();
  vi.useRealTimers();
});

describe('PlaybackQueue', () => {
  it('plays a turn in real time, one 20 ms frame per frame period, then reports it finished', () => {
    const audio = sine(200);
    queue.enqueue('t1', audio, RATE);
    queue.endTurn('t1');
    vi.advanceTimersByTime(300);
    expect(sink.samples()).toEqual(audio);
    expect(sink.frames.every((f) => f.data.length === (RATE * FRAME_MS) / 1000)).toBe(true);
    const gaps = sink.frames.slice(1).map((f, i) => f.writtenAtMs - sink.frames[i]!.writtenAtMs);
    expect(gaps.slice(1).every((g) => g === FRAME_MS)).toBe(true);
    expect(events).toEqual(['started t1', 'finished t1 interrupted=false playedMs=200']);
  });

  it('writes nothing of a cleared turn after the call, and reports how much was heard', () => {
    queue.enqueue('t1', sine(1000), RATE);
    vi.advanceTimersByTime(100);
    const clearedAtMs = performance.now();
    queue.clear('t1');
    vi.advanceTimersByTime(500);
    const lastSound = sink.lastNonSilentWriteMs();
    expect(lastSound).not.toBeNull();
    expect(lastSound!).toBeLessThanOrEqual(clearedAtMs + FRAME_MS);
    expect(sink.frames.every((f) => f.writtenAtMs <= clearedAtMs)).toBe(true);
    expect(events).toEqual(['started t1', 'finished t1 interrupted=true playedMs=100']);
    expect(queue.playedMs('t1')).toBe(100);
  });

  it('drops chunks of a cleared turn that arrive later, silently', () => {
    queue.enqueue('t1', sine(100), RATE);
    vi.advanceTimersByTime(40);
    queue.clear('t1');
    const written = sink.samples().length;
    expect(() => queue.enqueue('t1', sine(500), RATE)).not.toThrow();
    queue.endTurn('t1');
    vi.advanceTimersByTime(600);
    expect(sink.samples().length).toBe(written);
    expect(events.filter((e) => e.startsWith('finished'))).toHaveLength(1);
  });

  it('flushes what the device still holds of the cleared turn', () => {
    queue.enqueue('t1', sine(500), RATE);
    vi.advanceTimersByTime(60);
    queue.clear('t1');
    expect(sink.flushCount).toBe(1);
  });

  it('clearing one turn leaves the next turn playing', () => {
    queue.enqueue('t1', sine(300), RATE);
    queue.enqueue('t2', sine(100, RATE, 880), RATE);
    queue.endTurn('t2');
    vi.advanceTimersByTime(50);
    queue.clear('t1');
    vi.advanceTimersByTime(200);
    expect(events).toEqual(['started t1', 'finished t1 interrupted=true playedMs=50', 'started t2', 'finished t2 interrupted=false playedMs=100']);
  });

  it('resumes at exactly the sample where pause stopped', () => {
    const audio = sine(500);
    queue.enqueue('t1', audio, RATE);
    queue.endTurn('t1');
    vi.advanceTimersByTime(105);
    queue.pause();
    const writtenAtPause = sink.samples().length;
    vi.advanceTimersByTime(1000);
    expect(sink.samples().length).toBe(writtenAtPause);
    expect(queue.paused).toBe(true);
    queue.resume();
    vi.advanceTimersByTime(1000);
    expect(sink.samples()).toEqual(audio);
    expect(events).toEqual(['started t1', 'finished t1 interrupted=false playedMs=500']);
  });

  it('writes nothing while paused, within one frame of the call', () => {
    queue.enqueue('t1', sine(500), RATE);
    vi.advanceTimersByTime(100);
    const pausedAtMs = performance.now();
    queue.pause();
    vi.advanceTimersByTime(200);
    expect(sink.frames.every((f) => f.writtenAtMs <= pausedAtMs)).toBe(true);
  });

  it('ducks and unducks with click-free ramps: no step larger than the ramp allows', () => {
    queue.enqueue('t1', constant(1000, 0.5), RATE);
    vi.advanceTimersByTime(100);
    queue.duck(-20, 50);
    vi.advanceTimersByTime(200);
    queue.unduck(50);
    vi.advanceTimersByTime(200);
    const out = sink.samples();
    const rampSamples = (RATE * 50) / 1000;
    const allowedStep = (0.5 * (1 - 0.1)) / rampSamples;
    let maxStep = 0;
    for (let i = 1; i < out.length; i++) maxStep = Math.max(maxStep, Math.abs(out[i]! - out[i - 1]!));
    expect(maxStep).toBeLessThanOrEqual(allowedStep * 1.0001);
    const duckedLevel = out[Math.round((RATE * 250) / 1000)]!;
    expect(duckedLevel).toBeCloseTo(0.05, 5);
    expect(out.at(-1)).toBeCloseTo(0.5, 5);
  });

  it('takes effect within one frame when ducking', () => {
    queue.enqueue('t1', constant(1000, 0.5), RATE);
    vi.advanceTimersByTime(100);
    queue.duck(-20, 0);
    const framesBefore = sink.frames.length;
    vi.advanceTimersByTime(FRAME_MS);
    expect(sink.frames[framesBefore]!.data[0]).toBeCloseTo(0.05, 6);
  });

  it('resamples TTS audio to the device rate', () => {
    const tts = sine(500, 24_000);
    for (let at = 0; at < tts.length; at += 2400) queue.enqueue('t1', tts.subarray(at, at + 2400), 24_000);
    queue.endTurn('t1');
    vi.advanceTimersByTime(700);
    const out = sink.samples();
    expect(Math.abs(out.length - RATE / 2)).toBeLessThan(200);
    expect(events.at(-1)).toMatch(/finished t1 interrupted=false/);
  });

  it('refuses a foreign rate without a resampler, naming both rates', () => {
    const bare = new PlaybackQueue({ output: sink, clock: systemClock });
    expect(() => bare.enqueue('t1', sine(20, 24_000), 24_000)).toThrow(/24000 Hz needs resampling to the device's 48000 Hz/);
  });

  it('still plays audio that arrives after endTurn while the turn is queued', () => {
    queue.enqueue('t1', sine(100), RATE);
    queue.endTurn('t1');
    queue.enqueue('t1', sine(40), RATE);
    vi.advanceTimersByTime(300);
    expect(sink.samples().length).toBe((RATE * 140) / 1000);
    expect(events.at(-1)).toBe('finished t1 interrupted=false playedMs=140');
  });

  it('drops and counts audio that arrives after its turn finished playing', () => {
    queue.enqueue('t1', sine(40), RATE);
    queue.endTurn('t1');
    vi.advanceTimersByTime(100);
    queue.enqueue('t1', sine(40), RATE);
    vi.advanceTimersByTime(100);
    expect(sink.samples().length).toBe((RATE * 40) / 1000);
    expect(queue.lateDroppedSamples).toBe((RATE * 40) / 1000);
  });

  it('follows a rate change mid-turn', () => {
    queue.enqueue('t1', sine(100, 24_000), 24_000);
    queue.enqueue('t1', sine(100, 16_000), 16_000);
    queue.endTurn('t1');
    vi.advanceTimersByTime(400);
    expect(Math.abs(sink.samples().length - (RATE * 200) / 1000)).toBeLessThan(200);
  });

  it('counts as heard only what has passed the output latency', () => {
    setup({ latencyMs: 100 });
    queue.enqueue('t1', sine(1000), RATE);
    vi.advanceTimersByTime(60);
    expect(queue.playedMs('t1')).toBe(0);
    vi.advanceTimersByTime(100);
    expect(queue.playedMs('t1')).toBe(60);
    expect(queue.outputLatencyMs).toBe(100 + FRAME_MS);
  });

  it('reports finished only once the last sample has been heard', () => {
    setup({ latencyMs: 100 });
    queue.enqueue('t1', sine(100), RATE);
    queue.endTurn('t1');
    vi.advanceTimersByTime(120);
    expect(queue.isPlaying()).toBe(true);
    expect(events).toEqual(['started t1']);
    vi.advanceTimersByTime(100);
    expect(events).toEqual(['started t1', 'finished t1 interrupted=false playedMs=100']);
    expect(queue.isPlaying()).toBe(false);
  });

  it('finishes an empty turn at once without starting it', () => {
    queue.endTurn('t0');
    expect(events).toEqual(['finished t0 interrupted=false playedMs=0']);
  });

  it('tells which turn is current and whether it is playing', () => {
    expect(queue.currentTurnId()).toBeNull();
    expect(queue.isPlaying()).toBe(false);
    queue.enqueue('t1', sine(100), RATE);
    expect(queue.currentTurnId()).toBe('t1');
    expect(queue.isPlaying()).toBe(true);
    queue.pause();
    expect(queue.isPlaying()).toBe(false);
  });

  it('emits every written frame with the clock time it was written', () => {
    const written: { t: number; n: number }[] = [];
    queue.on('written', (f) => written.push({ t: f.timestampMs, n: f.data.length }));
    queue.enqueue('t1', sine(100), RATE);
    vi.advanceTimersByTime(200);
    expect(written).toEqual(sink.frames.map((f) => ({ t: f.writtenAtMs, n: f.data.length })));
  });

  it('copies mono into every channel of a stereo device', () => {
    setup({ channels: 2 });
    queue.enqueue('t1', sine(20), RATE);
    vi.advanceTimersByTime(20);
    const out = sink.samples();
    expect(out.length).toBe(2 * 960);
    expect(out[200]).toBe(out[201]);
  });

  it('keeps playing a turn whose audio arrives slower than real time', () => {
    queue.enqueue('t1', sine(40), RATE);
    vi.advanceTimersByTime(100);
    queue.enqueue('t1', sine(40), RATE);
    queue.endTurn('t1');
    vi.advanceTimersByTime(100);
    expect(sink.samples().length).toBe((RATE * 80) / 1000);
    expect(events).toEqual(['started t1', 'finished t1 interrupted=false playedMs=80']);
  });
});
