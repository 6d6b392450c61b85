import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/engine/clock';
import type { AudioFrame } from '../../../electron/engine/audio/frame';
import { NullSink } from '../../../electron/engine/audio/null-sink';
import { PushInput } from '../../../electron/engine/audio/push-input';
import { RecordingSink } from '../../../electron/engine/audio/recording-sink';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PushInput', () => {
  it('emits pushed samples as frames stamped with the clock', async () => {
    const input = new PushInput({ clock: systemClock });
    const frames: AudioFrame[] = [];
    input.on('frame', (f) => frames.push(f));
    await input.start();
    vi.advanceTimersByTime(40);
    const now = performance.now();
    input.push(new Float32Array(320).fill(0.1));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ sampleRate: 16_000, channels: 1, timestampMs: now });
  });

  it('refuses frames while stopped instead of losing them', () => {
    const input = new PushInput({ clock: systemClock });
    expect(() => input.push(new Float32Array(320))).toThrow(/before start\(\) or after stop\(\)/);
  });

  it('refuses a stereo push that is not whole frames', async () => {
    const input = new PushInput({ clock: systemClock, channels: 2 });
    await input.start();
    expect(() => input.push(new Float32Array(3))).toThrow(/not a whole number of 2-channel frames/);
  });
});

describe('RecordingSink', () => {
  it('keeps every sample with the clock time it was written', () => {
    const sink = new RecordingSink({ clock: systemClock, sampleRate: 16_000 });
    sink.write({ data: new Float32Array([0.1, 0.2]), sampleRate: 16_000, channels: 1, timestampMs: 0 });
    vi.advanceTimersByTime(20);
    sink.write({ data: new Float32Array([0, 0]), sampleRate: 16_000, channels: 1, timestampMs: 20 });
    expect(Array.from(sink.samples())).toEqual([Math.fround(0.1), Math.fround(0.2), 0, 0]);
    expect(sink.frames.map((f) => f.writtenAtMs)).toEqual([sink.frames[0]!.writtenAtMs, sink.frames[0]!.writtenAtMs + 20]);
    expect(sink.lastNonSilentWriteMs()).toBe(sink.frames[0]!.writtenAtMs);
  });

  it('refuses a frame at the wrong rate, naming both', () => {
    const sink = new RecordingSink({ clock: systemClock, sampleRate: 48_000 });
    expect(() => sink.write({ data: new Float32Array(2), sampleRate: 24_000, channels: 1, timestampMs: 0 })).toThrow(/24000 Hz x1, the sink is 48000 Hz x1/);
  });
});

describe('NullSink', () => {
  it('accepts and discards audio', () => {
    const sink = new NullSink();
    sink.write({ data: new Float32Array(960), sampleRate: 48_000, channels: 1, timestampMs: 0 });
    expect(sink.samplesWritten).toBe(960);
  });
});
