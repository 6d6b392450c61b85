import { systemClock } from '../electron/engine/clock';
import type { AudioFrame } from '../electron/engine/audio/frame';
import { NativeMicrophoneInput } from '../electron/engine/audio/native/native-microphone';
import { NativeSpeakerOutput } from '../electron/engine/audio/native/native-speaker';
import { PlaybackQueue } from '../electron/engine/audio/playback-queue';
import type { AudioOutput } from '../electron/engine/audio/ports';
import { RecordingSink } from '../electron/engine/audio/recording-sink';
import { startPrivatePulse, sleep, waitFor } from '../test/engine/audio/helpers/private-pulse';
import { percentile, type AudioFigure } from './audio-stats';

const RATE = 48_000;
const tone = (seconds: number) => new Float32Array(RATE * seconds).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / RATE));

/**
 * Recording sink, real timers: at a random moment mid-turn, clear(). Figures: audio of the
 * turn written after the call (must be 0), and audio already handed over that would still
 * sound on a device that cannot flush (bounded by the queue's one-frame lead).
 */
export async function benchClearRecordingSink(trials = 15): Promise<{ figures: AudioFigure[]; raw: Record<string, unknown> }> {
  const writtenAfterMs: number[] = [];
  const inFlightMs: number[] = [];
  const callUs: number[] = [];
  for (let i = 0; i < trials; i++) {
    const sink = new RecordingSink({ clock: systemClock, sampleRate: RATE });
    const queue = new PlaybackQueue({ output: sink, clock: systemClock });
    queue.enqueue('t', tone(2), RATE);
    await sleep(200 + Math.random() * 400);
    const t0 = performance.now();
    queue.clear('t');
    const clearMs = performance.now();
    callUs.push((clearMs - t0) * 1000);
    await sleep(100);
    const after = sink.frames.filter((f) => f.writtenAtMs > t0);
    writtenAfterMs.push((after.reduce((n, f) => n + f.data.length, 0) * 1000) / RATE);
    const totalMs = (sink.samples().length * 1000) / RATE;
    inFlightMs.push(Math.max(0, sink.frames[0]!.writtenAtMs + totalMs - t0));
    queue.dispose();
  }
  return {
    figures: [
      {
        name: 'clear() on recording sink: turn audio written after the call',
        p50: percentile(writtenAfterMs, 50),
        p95: Math.max(...writtenAfterMs),
        unit: 'ms',
        runs: trials,
        note: 'p95 column = max',
      },
      {
        name: 'clear()-to-silence on recording sink without flush (in-flight lead)',
        p50: percentile(inFlightMs, 50),
        p95: percentile(inFlightMs, 95),
        unit: 'ms',
        runs: trials,
        note: 'flush() drops it on devices that can',
      },
      { name: 'clear() call duration', p50: percentile(callUs, 50), p95: percentile(callUs, 95), unit: 'us', runs: trials },
    ],
    raw: { writtenAfterMs, inFlightMs, callUs },
  };
}

/**
 * PulseAudio null sink through the native speaker; its monitor captured through the native
 * microphone. continued = last loud capture - write-to-capture round trip - clear time.
 */
export async function benchClearPulse(trials = 5): Promise<{ figures: AudioFigure[]; raw: Record<string, unknown> }> {
  const pulse = await startPrivatePulse();
  if ('skipReason' in pulse) {
    return {
      figures: [{ name: 'clear()-to-silence on PulseAudio', p50: null, unit: 'ms', runs: 0, note: `skipped: ${pulse.skipReason}` }],
      raw: { skipped: pulse.skipReason },
    };
  }
  process.env.PULSE_SERVER = pulse.server;
  const continued: number[] = [];
  const continuedNoFlush: number[] = [];
  const roundTrip: number[] = [];
  try {
    const mic = new NativeMicrophoneInput({ clock: systemClock });
    const frames: AudioFrame[] = [];
    mic.on('frame', (f) => frames.push(f));
    await mic.start();
    await waitFor(() => frames.length > 5, 10_000, 'audio from the monitor');
    const output = await NativeSpeakerOutput.open({ clock: systemClock });
    // The same device with flush() disabled: what a device that cannot drop its buffer would do.
    const noFlush = {
      sampleRate: output.sampleRate,
      channels: output.channels,
      latencyMs: output.latencyMs,
      write: (f: AudioFrame) => output.write(f),
      flush: () => {},
    };
    const loud = (f: AudioFrame) => Math.sqrt(f.data.reduce((s, v) => s + v * v, 0) / f.data.length) > 0.02;
    for (let i = 0; i < trials * 2; i++) {
      const flushes = i < trials;
      const queue = new PlaybackQueue({ output: (flushes ? output : noFlush) as unknown as AudioOutput, clock: systemClock });
      frames.length = 0;
      let firstWriteMs = 0;
      queue.once('playbackStarted', () => (firstWriteMs = performance.now()));
      queue.enqueue(`t${i}`, tone(3), RATE);
      await sleep(700 + Math.random() * 500);
      const clearMs = performance.now();
      queue.clear(`t${i}`);
      await sleep(600);
      const loudFrames = frames.filter(loud);
      if (loudFrames.length === 0) continue;
      const rt = loudFrames[0]!.timestampMs - firstWriteMs;
      const c = loudFrames.at(-1)!.timestampMs + 20 - rt - clearMs;
      if (flushes) {
        roundTrip.push(rt);
        continued.push(c);
      } else continuedNoFlush.push(c);
    }
    await mic.stop();
    await output.close();
  } finally {
    await pulse.stop();
  }
  return {
    figures: [
      {
        name: 'clear()-to-silence on PulseAudio null sink (native speaker)',
        p50: percentile(continued, 50),
        p95: percentile(continued, 95),
        unit: 'ms',
        runs: continued.length,
        note: 'monitor captured by the native mic, 20 ms frames',
      },
      {
        name: 'same, with flush() disabled (device buffer plays out)',
        p50: percentile(continuedNoFlush, 50),
        p95: percentile(continuedNoFlush, 95),
        unit: 'ms',
        runs: continuedNoFlush.length,
      },
      { name: 'write-to-capture round trip on PulseAudio', p50: percentile(roundTrip, 50), p95: percentile(roundTrip, 95), unit: 'ms', runs: roundTrip.length },
    ],
    raw: { continuedMs: continued, continuedWithoutFlushMs: continuedNoFlush, roundTripMs: roundTrip },
  };
}
