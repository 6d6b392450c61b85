/**
 * Builds the simulated microphone: the user's clips placed on the timeline, plus (optionally)
 * the agent's own output as heard from the speakers, delayed and attenuated (the echo path).
 * Everything is 16 kHz mono.
 */
import type { AudioFrame } from '../../audio/frame.js';

const RATE = 16_000;

export interface PlacedClip {
  samples: Float32Array;
  startMs: number;
}

export class MicMixer {
  private readonly clips: PlacedClip[] = [];
  /** What the speakers played, by the time it was heard. */
  private heard = new Float32Array(RATE * 30);
  private readonly echoGain: number;
  /** Echo path taps (sample offset after the delay, gain): the direct path plus a reverberant tail. */
  private readonly taps: { offset: number; gain: number }[];

  constructor(private readonly echo: { gainDb: number; delayMs: number; rt60Ms?: number } | undefined) {
    this.echoGain = echo ? 10 ** (echo.gainDb / 20) : 0;
    this.taps = echo ? roomTaps(echo.rt60Ms ?? 0) : [];
  }

  addClip(clip: PlacedClip): void {
    this.clips.push(clip);
  }

  /** An output frame (16 kHz mono) that the listener hears from `heardAtMs`. */
  addHeard(frame: AudioFrame, heardAtMs: number): void {
    const at = Math.round((heardAtMs * RATE) / 1000);
    if (at + frame.data.length > this.heard.length) {
      const grown = new Float32Array(Math.max(this.heard.length * 2, at + frame.data.length));
      grown.set(this.heard);
      this.heard = grown;
    }
    // Frames never overlap in time, but a flush can rewrite a span: the later write is what played.
    this.heard.set(frame.data, at);
  }

  /** The mic frame covering [tMs, tMs + durationMs). */
  frame(tMs: number, durationMs = 20, withEcho = true): Float32Array {
    const n = Math.round((durationMs * RATE) / 1000);
    const start = Math.round((tMs * RATE) / 1000);
    const out = new Float32Array(n);
    for (const clip of this.clips) {
      const offset = start - Math.round((clip.startMs * RATE) / 1000);
      for (let i = 0; i < n; i++) {
        const j = offset + i;
        if (j >= 0 && j < clip.samples.length) out[i]! += clip.samples[j]!;
      }
    }
    if (this.echo && withEcho) {
      const delay = Math.round((this.echo.delayMs * RATE) / 1000);
      for (const tap of this.taps) {
        const g = this.echoGain * tap.gain;
        for (let i = 0; i < n; i++) {
          const j = start + i - delay - tap.offset;
          if (j >= 0 && j < this.heard.length) out[i]! += g * this.heard[j]!;
        }
      }
    }
    for (let i = 0; i < n; i++) out[i] = Math.max(-1, Math.min(1, out[i]!));
    return out;
  }

  /** The user-only signal (no echo) for the timeline. */
  userOnly(tMs: number, durationMs = 20): Float32Array {
    return this.frame(tMs, durationMs, false);
  }
}

/**
 * The voiced span of a clip: from the first to the last run of 30 ms (three 10 ms blocks)
 * within 25 dB of its loudest block and above -50 dBFS. Requiring a run skips clicks and
 * breaths at the edges, which would otherwise count as the start of the voice.
 */
export function voicedSpan(samples: Float32Array): { startMs: number; endMs: number } | null {
  const block = RATE / 100;
  const powers: number[] = [];
  for (let b = 0; b * block < samples.length; b++) {
    let sum = 0;
    const end = Math.min(samples.length, (b + 1) * block);
    for (let i = b * block; i < end; i++) sum += samples[i]! * samples[i]!;
    powers.push(sum / Math.max(1, end - b * block));
  }
  const peak = Math.max(...powers, 0);
  const floor = Math.max(1e-5, peak * 10 ** (-25 / 10));
  const run = (i: number) => i + 2 < powers.length && powers[i]! > floor && powers[i + 1]! > floor && powers[i + 2]! > floor;
  let first = -1;
  let last = -1;
  for (let i = 0; i < powers.length; i++) {
    if (!run(i)) continue;
    if (first < 0) first = i;
    last = i + 2;
  }
  if (first < 0) return null;
  return { startMs: first * 10, endMs: (last + 1) * 10 };
}

/**
 * A synthetic room: the direct path, then a sparse tail of random-sign reflections (one per
 * half millisecond) decaying 60 dB over `rt60Ms`, scaled so the tail carries about as much
 * energy as the direct path. Deterministic (fixed seed) so runs repeat exactly.
 */
export function roomTaps(rt60Ms: number): { offset: number; gain: number }[] {
  const taps = [{ offset: 0, gain: 1 }];
  if (rt60Ms <= 0) return taps;
  const step = RATE / 2000;
  const count = Math.floor((rt60Ms * RATE) / 1000 / step);
  let seed = 12345;
  const raw: { offset: number; gain: number }[] = [];
  for (let k = 1; k <= count; k++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const sign = seed / 2147483648 < 0.5 ? -1 : 1;
    const tMs = (k * step * 1000) / RATE;
    raw.push({ offset: k * step, gain: sign * 10 ** ((-60 * tMs) / rt60Ms / 20) });
  }
  const energy = raw.reduce((e, t) => e + t.gain * t.gain, 0);
  const scale = energy > 0 ? Math.sqrt(1 / energy) : 0;
  return taps.concat(raw.map((t) => ({ offset: t.offset, gain: t.gain * scale })));
}
