/**
 * The echo path and a microphone-side processor without the rest of the session: the
 * agent's audio is played in 20 ms frames (handed over one frame ahead, as PlaybackQueue
 * does), the mic is echo + user, and the processor (the echo canceller, or anything with
 * the same shape) turns it into what the VAD would get. Fast enough for tests and the
 * benchmark's many rooms; CPU time is counted for the processor alone.
 */
import type { AudioFrame } from '../../audio/frame.js';
import type { EchoPath } from './echo-path.js';
import type { EchoTraces } from './echo-metrics.js';
import { EchoGuard } from '../../turn/echo-guard.js';

const RATE = 16_000;
const FRAME = 320;
/** PlaybackQueue hands audio to the device one frame (20 ms) before it is heard. */
const LEAD_MS = 20;

export interface MicProcessor {
  /** Output frames may be late by `latencyMs` (their timestamps say so). */
  readonly latencyMs: number;
  pushReference(frame: AudioFrame, heardAtMs: number): void;
  process(frame: AudioFrame): AudioFrame;
}

/** The energy gate (the echo guard alone) in the same harness, to compare the canceller with. */
export function energyGateProcessor(): MicProcessor {
  const guard = new EchoGuard({ marginDb: 6, maxDelayMs: 250 });
  return {
    latencyMs: 0,
    // The guard's reference is stamped with the write time: heard time minus the lead.
    pushReference: (f, heardAtMs) => guard.pushReference({ ...f, timestampMs: heardAtMs - LEAD_MS }),
    process: (f) => guard.processMic(f).frame,
  };
}

export interface OfflineEchoRun extends EchoTraces {
  /** CPU time spent in the processor (user + system, ms). */
  cpuMs: number;
}

export function runEchoOffline(options: {
  /** What the speaker plays (16 kHz mono) from `agentAtMs`. */
  agent: Float32Array;
  agentAtMs: number;
  user: { samples: Float32Array; atMs: number }[];
  path: EchoPath;
  processor: MicProcessor | null;
  durationMs: number;
}): OfflineEchoRun {
  const n = Math.floor((options.durationMs * RATE) / 1000 / FRAME) * FRAME;
  const heard = new Float32Array(n + RATE);
  const agentAt = Math.round((options.agentAtMs * RATE) / 1000);
  heard.set(options.agent.subarray(0, Math.max(0, heard.length - agentAt)), agentAt);
  options.path.setOrigin(options.agentAtMs);
  const user = new Float32Array(n);
  for (const u of options.user) {
    const at = Math.round((u.atMs * RATE) / 1000);
    for (let i = 0; i < u.samples.length && at + i < n; i++) if (at + i >= 0) user[at + i]! += u.samples[i]!;
  }
  const mic = new Float32Array(n);
  const echo = new Float32Array(n);
  const cancelled = new Float32Array(n);
  let cpu = 0;
  const lead = Math.round((LEAD_MS * RATE) / 1000);
  for (let s = 0; s < n; s += FRAME) {
    const e = options.path.samples(heard, s, FRAME);
    echo.set(e, s);
    for (let i = 0; i < FRAME; i++) mic[s + i] = Math.max(-1, Math.min(1, e[i]! + user[s + i]!));
    if (!options.processor) {
      cancelled.set(mic.subarray(s, s + FRAME), s);
      continue;
    }
    const started = process.cpuUsage();
    const ahead = s + lead;
    if (ahead + FRAME > agentAt && ahead < agentAt + options.agent.length) {
      options.processor.pushReference(
        { data: heard.slice(ahead, ahead + FRAME), sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE },
        (ahead * 1000) / RATE,
      );
    }
    const out = options.processor.process({ data: mic.slice(s, s + FRAME), sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE });
    const used = process.cpuUsage(started);
    cpu += (used.user + used.system) / 1000;
    const at = Math.round((out.timestampMs * RATE) / 1000);
    for (let i = 0; i < out.data.length; i++) if (at + i >= 0 && at + i < n) cancelled[at + i] = out.data[i]!;
  }
  return { mic, cancelled, echo, user, cpuMs: cpu };
}
