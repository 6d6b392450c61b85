/**
 * Rooms for echo tests and the echo benchmark, built one way: a shoebox room (image-source
 * response) with the loudspeaker and the microphone a given distance apart, as a laptop or
 * a desk speaker would place them. The benchmark's tuning rooms and a held-out set (other
 * sizes, T60s, distances and placements, never tuned on) live here, so tests, `bench:echo`
 * and anyone checking the canceller elsewhere build the same rooms. Also the active speech
 * level used to set echo and user levels against each other.
 */
import type { ShoeboxRoom } from './image-source.js';

export interface EchoRoom extends ShoeboxRoom {
  name: string;
  distanceM: number;
}

/**
 * A room with the speaker at `at` (fractions of the floor plan, desk height) and the mic
 * `distanceM` from it along `direction` (a unit vector in the floor plane).
 */
export function echoRoom(
  name: string,
  size: [number, number, number],
  t60Ms: number,
  distanceM: number,
  at: [number, number] = [0.4, 0.45],
  direction: [number, number] = [0.8, 0.6],
): EchoRoom {
  const speaker: [number, number, number] = [size[0] * at[0], size[1] * at[1], 0.8];
  const mic: [number, number, number] = [speaker[0] + distanceM * direction[0], speaker[1] + distanceM * direction[1], 0.85];
  return { name, size, t60Ms, distanceM, speaker, mic, lengthMs: Math.min(900, t60Ms) };
}

/** The benchmark's rooms: T60 200-900 ms, a laptop's 8 cm to a desk speaker's 1.2 m. */
export const ECHO_ROOMS: readonly EchoRoom[] = [
  echoRoom('office 200 ms, laptop 8 cm', [3.2, 2.8, 2.5], 200, 0.08),
  echoRoom('study 350 ms, laptop 15 cm', [4.0, 3.5, 2.6], 350, 0.15),
  echoRoom('living room 500 ms, 30 cm', [5.5, 4.2, 2.7], 500, 0.3),
  echoRoom('kitchen 650 ms, 50 cm', [4.8, 3.6, 2.6], 650, 0.5),
  echoRoom('meeting room 800 ms, 80 cm', [7.0, 5.0, 3.0], 800, 0.8),
  echoRoom('hall 900 ms, desk speaker 1.2 m', [9.0, 6.5, 3.5], 900, 1.2),
];

/** Held out: never used to tune the canceller; reported beside the benchmark's rooms. */
export const HELD_OUT_ECHO_ROOMS: readonly EchoRoom[] = [
  echoRoom('bedroom 280 ms, laptop 10 cm', [3.6, 3.1, 2.4], 280, 0.1, [0.3, 0.6], [0.6, -0.8]),
  echoRoom('lounge 450 ms, 25 cm', [5.0, 4.6, 2.8], 450, 0.25, [0.55, 0.5], [0.6, -0.8]),
  echoRoom('classroom 700 ms, 60 cm', [8.0, 6.0, 3.1], 700, 0.6, [0.35, 0.7], [0.6, -0.8]),
  echoRoom('church hall 850 ms, 1 m', [10.0, 7.5, 4.0], 850, 1.0, [0.6, 0.65], [0.6, -0.8]),
];

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

/** `x` scaled so that its active level is `dbfs`. */
export function atLevel(x: Float32Array, dbfs: number): Float32Array {
  const g = 10 ** ((dbfs - activeLevelDb(x)) / 20);
  return x.map((v) => v * g);
}
