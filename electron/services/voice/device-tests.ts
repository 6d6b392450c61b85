/**
 * The Audio settings' "test" buttons: a short tone on a speaker, and a few seconds of a
 * microphone's level, without a session running.
 */
import type { AudioFrame } from '../../engine/audio/frame.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../engine/logger.js';
import type { EventHub } from '../event-hub.js';
import type { VoiceIo } from './voice-io.js';

/** 600 ms at 440 Hz, -18 dBFS with 30 ms fades: audible, not startling, no clicks. */
const TONE_MS = 600;
const TONE_HZ = 440;
const TONE_GAIN = 10 ** (-18 / 20);
const FADE_MS = 30;
const FRAME_MS = 20;
/** The meter's rate, as for `audio:level`. */
const LEVEL_INTERVAL_MS = 50;

export function toneSample(i: number, sampleRate: number): number {
  const t = i / sampleRate;
  const ms = t * 1000;
  const fade = Math.min(1, ms / FADE_MS, (TONE_MS - ms) / FADE_MS);
  return Math.max(0, fade) * TONE_GAIN * Math.sin(2 * Math.PI * TONE_HZ * t);
}

export async function playTestTone(io: VoiceIo, deviceId: string, clock: Clock, logger: Logger): Promise<{ playedMs: number }> {
  const output = await io.createOutput(deviceId, clock, logger);
  try {
    const perFrame = Math.round((output.sampleRate * FRAME_MS) / 1000);
    const total = Math.round((output.sampleRate * TONE_MS) / 1000);
    for (let start = 0; start < total; start += perFrame) {
      const n = Math.min(perFrame, total - start);
      const data = new Float32Array(n * output.channels);
      for (let i = 0; i < n; i++) {
        const v = toneSample(start + i, output.sampleRate);
        for (let c = 0; c < output.channels; c++) data[i * output.channels + c] = v;
      }
      output.write({ data, sampleRate: output.sampleRate, channels: output.channels, timestampMs: clock.nowMs() });
      // Pace in real time so the device buffer never holds more than a frame or two.
      await new Promise<void>((resolve) => clock.setTimeout(resolve, (n * 1000) / output.sampleRate));
    }
    return { playedMs: TONE_MS };
  } finally {
    await output.close();
  }
}

export async function startMicTest(
  io: VoiceIo,
  deviceId: string,
  durationMs: number,
  deps: { clock: Clock; logger: Logger; events: EventHub },
): Promise<{ durationMs: number }> {
  const input = io.createInput(deviceId, deps.clock, deps.logger);
  let sum = 0;
  let count = 0;
  let windowStart: number | null = null;
  const emit = (tMs: number, done: boolean) => {
    const rms = Math.sqrt(sum / Math.max(1, count));
    const rmsDbfs = rms > 0 ? Math.max(-100, Math.min(0, 20 * Math.log10(rms))) : -100;
    deps.events.emit('devices:testLevel', { deviceId, tMs, rmsDbfs, done });
    sum = 0;
    count = 0;
  };
  input.on('frame', (frame: AudioFrame) => {
    windowStart ??= frame.timestampMs;
    for (const s of frame.data) sum += s * s;
    count += frame.data.length;
    if (frame.timestampMs - windowStart >= LEVEL_INTERVAL_MS) {
      emit(frame.timestampMs, false);
      windowStart = frame.timestampMs;
    }
  });
  input.on('error', (error) => {
    deps.events.emit('app:error', {
      kind: 'deviceLost',
      message: error.message,
      nextStep: 'Choose another microphone in Settings → Audio.',
      atMs: deps.clock.nowMs(),
    });
  });
  await input.start();
  deps.clock.setTimeout(() => {
    void input.stop().finally(() => {
      emit(deps.clock.nowMs(), true);
      input.removeAllListeners();
    });
  }, durationMs);
  return { durationMs };
}
