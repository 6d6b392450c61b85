/**
 * Builds the simulated microphone: the user's clips placed on the timeline, plus (optionally)
 * the agent's own output as heard from the speakers through the echo path (EchoPath: speaker
 * distortion, clock drift, room, path change). Everything is 16 kHz mono.
 */
import type { AudioFrame } from '../../audio/frame.js';
import type { EchoPath } from './echo-path.js';
import { RoomNoise, type NoiseColour } from './room-noise.js';

const RATE = 16_000;

export interface PlacedClip {
  samples: Float32Array;
  startMs: number;
}

export class MicMixer {
  private readonly clips: PlacedClip[] = [];
  /** What the speakers played, by the time it was heard. */
  private heard = new Float32Array(RATE * 30);

  private readonly noise: RoomNoise | null;

  /** `roomNoiseDbfs`: a room's steady noise at that RMS level, of `colour` (room-noise.ts; every frame reproducible). */
  constructor(
    private readonly echo: EchoPath | undefined,
    roomNoiseDbfs?: number,
    colour: NoiseColour = 'white',
  ) {
    this.noise = roomNoiseDbfs === undefined ? null : new RoomNoise(roomNoiseDbfs, colour);
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
      const echo = this.echo.samples(this.heard, start, n);
      for (let i = 0; i < n; i++) out[i]! += echo[i]!;
    }
    if (this.noise && withEcho) for (let i = 0; i < n; i++) out[i]! += this.noise.at(start + i);
    for (let i = 0; i < n; i++) out[i] = Math.max(-1, Math.min(1, out[i]!));
    return out;
  }

  /** The agent's echo alone at the mic (silence without an echo path); asked after frame() for the same span. */
  echoOnly(tMs: number, durationMs = 20): Float32Array {
    const n = Math.round((durationMs * RATE) / 1000);
    return this.echo ? this.echo.samples(this.heard, Math.round((tMs * RATE) / 1000), n).slice() : new Float32Array(n);
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
