/**
 * The echo benchmark's rooms (simulate/echo-rooms.ts, shared with the tests) written as WAV
 * impulse responses so the scenarios go through simulate's `rirWav` path; espeak-ng voices
 * (when installed) and percentiles.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { activeLevelDb, ECHO_ROOMS, HELD_OUT_ECHO_ROOMS, type EchoRoom } from '../electron/engine/agent/simulate/echo-rooms.js';
import { imageSourceResponse } from '../electron/engine/agent/simulate/image-source.js';

export type BenchRoom = EchoRoom;
export const ROOMS = ECHO_ROOMS;
export const HELD_OUT_ROOMS = HELD_OUT_ECHO_ROOMS;
export { activeLevelDb };

/** What the agent says in part A (flite slt) and on the held-out rooms (flite awb). */
export const AGENT =
  'The next train to Edinburgh leaves at nine fifteen from platform four, and it calls at York and Newcastle before arriving just after one. Tickets are available at the machines in the hall.';
export const HELD_OUT_AGENT =
  'Your order of three books has shipped this morning and should arrive on Thursday; if nobody is home, the courier will leave it with a neighbour or at the post office on Mill Street.';

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

/** `wordsPerMinute`: espeak's -s (165: a calm speaker; 260 is fast). */
export function espeak(dir: string, name: string, text: string, voice = 'en-us', wordsPerMinute = 165): string | null {
  if (!hasEspeak()) return null;
  const path = join(dir, `${name}.wav`);
  if (!existsSync(path)) execFileSync('espeak-ng', ['-v', voice, '-s', String(wordsPerMinute), '-w', path, text]);
  return path;
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * A percentile over every case, where a case with no value (null: it never happened within the
 * window the value is measured in, `windowMs`) counts as later than any: it missed the target by
 * more than any case that has a value. The figure is `>${windowMs}` when the percentile's rank
 * falls on such a case.
 */
export function percentileCountingMisses(values: (number | null)[], p: number, windowMs: number): number | string | null {
  const v = percentile(
    values.map((x) => x ?? Infinity),
    p,
  );
  return v === Infinity ? `>${windowMs}` : v;
}
