/**
 * The echo benchmark's rooms and voices: shoebox rooms by the image-source method (T60 200-900
 * ms, loudspeaker-mic distances from a laptop's 8 cm to a desk speaker's 1.2 m), written as
 * WAV impulse responses so the scenarios go through simulate's `rirWav` path; the agent and
 * user voices from flite, espeak-ng (when installed) and the real speech fixtures.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { imageSourceResponse, type ShoeboxRoom } from '../electron/engine/agent/simulate/image-source.js';

export interface BenchRoom extends ShoeboxRoom {
  name: string;
  distanceM: number;
}

function room(name: string, size: [number, number, number], t60Ms: number, distanceM: number): BenchRoom {
  const speaker: [number, number, number] = [size[0] * 0.4, size[1] * 0.45, 0.8];
  return { name, size, t60Ms, distanceM, speaker, mic: [speaker[0] + distanceM * 0.8, speaker[1] + distanceM * 0.6, 0.85], lengthMs: Math.min(900, t60Ms) };
}

export const ROOMS: BenchRoom[] = [
  room('office 200 ms, laptop 8 cm', [3.2, 2.8, 2.5], 200, 0.08),
  room('study 350 ms, laptop 15 cm', [4.0, 3.5, 2.6], 350, 0.15),
  room('living room 500 ms, 30 cm', [5.5, 4.2, 2.7], 500, 0.3),
  room('kitchen 650 ms, 50 cm', [4.8, 3.6, 2.6], 650, 0.5),
  room('meeting room 800 ms, 80 cm', [7.0, 5.0, 3.0], 800, 0.8),
  room('hall 900 ms, desk speaker 1.2 m', [9.0, 6.5, 3.5], 900, 1.2),
];

export function writeWav(path: string, samples: Float32Array, rate = 16_000): void {
  const w = new wavefile.WaveFile();
  const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  // Impulse responses are scaled to use the 16-bit range (the scenario normalizes them again).
  const scale = peak > 1 ? 1 / peak : 1;
  w.fromScratch(
    1,
    rate,
    '16',
    Int16Array.from(samples, (s) => Math.round(Math.max(-1, Math.min(1, s * scale)) * 32767)),
  );
  writeFileSync(path, w.toBuffer());
}

export function writeRoomResponse(dir: string, r: BenchRoom, index: number): string {
  const h = imageSourceResponse(r);
  const peak = h.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const path = join(dir, `room-${index}.wav`);
  writeWav(
    path,
    h.map((v) => (0.9 * v) / peak),
  );
  return path;
}

export function hasEspeak(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function espeak(dir: string, name: string, text: string, voice = 'en-us'): string | null {
  if (!hasEspeak()) return null;
  const path = join(dir, `${name}.wav`);
  if (!existsSync(path)) execFileSync('espeak-ng', ['-v', voice, '-s', '165', '-w', path, text]);
  return path;
}

/** RMS level (dBFS) over the 10 ms blocks within 40 dB of the loudest (the voiced part). */
export function activeLevelDb(x: Float32Array): number {
  const powers: number[] = [];
  for (let b = 0; b + 160 <= x.length; b += 160) {
    let s = 0;
    for (let i = b; i < b + 160; i++) s += x[i]! * x[i]!;
    powers.push(s / 160);
  }
  const peak = Math.max(...powers);
  const active = powers.filter((p) => p > peak * 1e-4);
  return 10 * Math.log10(active.reduce((a, b) => a + b, 0) / Math.max(1, active.length));
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
