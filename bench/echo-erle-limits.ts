/**
 * npx tsx bench/echo-erle-limits.ts
 * What limits the canceller's converged ERLE, room by room (bench:echo part A's rooms and
 * voices, echo alone at the user's level, no drift): the linear filter alone (suppression off)
 * against the whole canceller, and where the output's energy comes from. Each 8 ms block after
 * the first 2 s of echo is placed by the mic's level against its own peak over the last 300 ms:
 * "peak" (within 6 dB: the agent's syllables), "decay" (6-15 dB under: the room's tail after a
 * syllable, where a 256 ms filter models little of a reverberant room), "deep" (further under).
 * Per group: its share of the output's energy, and the ERLE there (whole canceller / linear).
 * Writes bench/results/echo-erle-limits.json. It reports; it never fails on a figure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EchoCanceller } from '../electron/engine/audio/aec/echo-canceller.js';
import { EchoPath } from '../electron/engine/agent/simulate/echo-path.js';
import { echoFigures } from '../electron/engine/agent/simulate/echo-metrics.js';
import { runEchoOffline, type OfflineEchoRun } from '../electron/engine/agent/simulate/echo-offline.js';
import { roomFromResponse } from '../electron/engine/agent/simulate/echo-room.js';
import { imageSourceResponse } from '../electron/engine/agent/simulate/image-source.js';
import { synthesizeTexts } from '../electron/engine/agent/simulate/synthesize.js';
import { loadResamplerFactory, resampleAll } from '../electron/engine/audio/resampler.js';
import { round, scaleTo, USER_DBFS } from './echo-canceller.js';
import { AGENT, HELD_OUT_AGENT, HELD_OUT_ROOMS, ROOMS, type BenchRoom } from './echo-rooms.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BLOCK = 128;
/** The mic's recent peak is taken over this many blocks (300 ms). */
const PEAK_BLOCKS = 38;
/** As in echo-metrics: echo present above -70 dBFS; converged from 2 s after it first appears. */
const ECHO_PRESENT = 1e-7;
const CONVERGED_AFTER = 32_000;
const GROUPS = [
  { name: 'peak', aboveDb: -6 },
  { name: 'decay', aboveDb: -15 },
  { name: 'deep', aboveDb: -Infinity },
];

function blockPower(x: Float32Array, start: number): number {
  let s = 0;
  for (let i = start; i < start + BLOCK; i++) s += x[i]! * x[i]!;
  return s / BLOCK;
}

/** Output energy share and ERLE (whole / linear) per group of converged echo-alone blocks. */
function breakdown(full: OfflineEchoRun, linear: OfflineEchoRun) {
  const sums = GROUPS.map(() => ({ mic: 0, out: 0, lin: 0 }));
  const recent: number[] = [];
  let first = -1;
  let total = 0;
  for (let b = 0; b + BLOCK <= full.echo.length; b += BLOCK) {
    const mic = blockPower(full.mic, b);
    recent.push(mic);
    if (recent.length > PEAK_BLOCKS) recent.shift();
    const echo = blockPower(full.echo, b);
    if (echo > ECHO_PRESENT && first < 0) first = b;
    if (first < 0 || echo <= ECHO_PRESENT || b - first < CONVERGED_AFTER) continue;
    const levelDb = 10 * Math.log10(mic / Math.max(...recent));
    const s = sums[GROUPS.findIndex((g) => levelDb > g.aboveDb)]!;
    const out = blockPower(full.cancelled, b);
    s.mic += mic;
    s.out += out;
    s.lin += blockPower(linear.cancelled, b);
    total += out;
  }
  const db = (a: number, b: number) => (a > 0 && b > 0 ? round(10 * Math.log10(a / b)) : null);
  return Object.fromEntries(
    GROUPS.map((g, i) => [
      g.name,
      { outputShare: total > 0 ? round(sums[i]!.out / total, 2) : null, erleDb: db(sums[i]!.mic, sums[i]!.out), linearErleDb: db(sums[i]!.mic, sums[i]!.lin) },
    ]),
  );
}

function limits(rooms: readonly BenchRoom[], agent: Float32Array) {
  return rooms.flatMap((room) => {
    const response = imageSourceResponse(room);
    return Object.entries({ off: 0, mild: 6, strong: 12 }).map(([nonlinearity, driveDb]) => {
      const run = (suppression: boolean) =>
        runEchoOffline({
          agent,
          agentAtMs: 200,
          user: [],
          path: new EchoPath({ room: roomFromResponse(response, USER_DBFS + 20, 10), ...(driveDb ? { driveDb } : {}) }),
          processor: new EchoCanceller({ suppression }),
          durationMs: 9000,
        });
      const linear = run(false);
      const full = run(true);
      const row = {
        room: room.name,
        nonlinearity,
        linearErleDb: round(echoFigures(linear).erleConvergedDb),
        erleDb: round(echoFigures(full).erleConvergedDb),
        ...breakdown(full, linear),
      };
      console.log(JSON.stringify(row));
      return row;
    });
  });
}

async function main(): Promise<void> {
  const resamplers = await loadResamplerFactory();
  const voice = async (text: string, name: Parameters<typeof synthesizeTexts>[1], dbfs: number) => {
    const s = (await synthesizeTexts([text], name)).get(text)!;
    return scaleTo(resampleAll(resamplers, s.samples, s.sampleRate, 16_000), dbfs);
  };
  // The voices and levels of bench:echo part A.
  const tuning = limits(ROOMS, await voice(AGENT, 'slt', -20));
  const heldOut = limits(HELD_OUT_ROOMS, await voice(HELD_OUT_AGENT, 'awb', -16));
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'echo-erle-limits.json'), JSON.stringify({ date: new Date().toISOString(), tuning, heldOut }, null, 2) + '\n');
  console.log(`\nwrote ${join(dir, 'echo-erle-limits.json')}`);
}

void main();
