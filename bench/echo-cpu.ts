/**
 * npx tsx bench/echo-cpu.ts [--against <checkout>] [--tails 256,512] [--reps 3] [--no-path]
 * The echo canceller's CPU alone, per second of audio (process.cpuUsage around its calls only):
 * every benchmark room, tuning and held out, each plain, with strong distortion and +100 ppm
 * drift, and with double talk; the real recorded dialogue as the agent. `--against` loads the
 * canceller of another checkout (e.g. `git archive <commit> | tar -x -C /tmp/base`, with a
 * node_modules link) and runs old and new alternately in this one process, the minimum of
 * `--reps` runs each: on a shared machine only such a pairing compares fairly. It also checks
 * that both give the same ERLE / double-talk figures. `--no-path`: the same cases with no echo in the mic (headphones:
 * the room's noise floor at -70 dBFS, and the user in the double-talk cases), where the canceller passes the mic through.
 * Prints the load average; writes nothing.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AudioFrame } from '../electron/engine/audio/frame.js';
import { loadResamplerFactory, resampleAll } from '../electron/engine/audio/resampler.js';
import { readWavFile } from '../electron/engine/audio/wav-reader.js';
import { EchoPath } from '../electron/engine/agent/simulate/echo-path.js';
import { echoFigures } from '../electron/engine/agent/simulate/echo-metrics.js';
import { roomFromResponse } from '../electron/engine/agent/simulate/echo-room.js';
import { atLevel, ECHO_ROOMS, HELD_OUT_ECHO_ROOMS } from '../electron/engine/agent/simulate/echo-rooms.js';
import { imageSourceResponse } from '../electron/engine/agent/simulate/image-source.js';

interface Canceller {
  pushReference(frame: AudioFrame, heardAtMs: number): void;
  process(frame: AudioFrame): AudioFrame;
}
type CancellerClass = new (options: { tailMs: number }) => Canceller;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RATE = 16_000;
const FRAME = 320;
/** The reference is handed over one frame before it is heard, as PlaybackQueue does. */
const LEAD = 320;
const AGENT_AT = 200 * 16;
const DURATION = Math.floor((9000 * RATE) / 1000 / FRAME) * FRAME;

const noPath = process.argv.includes('--no-path');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

interface Case {
  name: string;
  heard: Float32Array;
  mic: Float32Array;
  echo: Float32Array;
  user: Float32Array;
  /** Where the agent's audio ends: no reference is handed over after it (as runEchoOffline does). */
  agentEnd: number;
}

async function cases(): Promise<Case[]> {
  const resamplers = await loadResamplerFactory();
  const speech = join(ROOT, 'test/fixtures/speech');
  const dialogue = await readWavFile(join(speech, 'endgame_nagg_nell.wav'));
  const agent = atLevel(resampleAll(resamplers, dialogue.samples, dialogue.sampleRate, RATE).subarray(RATE * 2, RATE * 11), -20);
  const reader = await readWavFile(join(speech, 'beckett.wav'));
  const user = atLevel(resampleAll(resamplers, reader.samples, reader.sampleRate, RATE).subarray(RATE, RATE * 4), -26);
  const out: Case[] = [];
  for (const room of [...ECHO_ROOMS, ...HELD_OUT_ECHO_ROOMS]) {
    const response = imageSourceResponse(room);
    for (const kind of ['plain', 'strong distortion, +100 ppm', 'double talk']) {
      const path = new EchoPath({ room: roomFromResponse(response, -6, 10), ...(kind.startsWith('strong') ? { driveDb: 12, driftPpm: 100 } : {}) });
      const heard = new Float32Array(DURATION + RATE);
      heard.set(agent.subarray(0, heard.length - AGENT_AT), AGENT_AT);
      path.setOrigin(AGENT_AT / 16);
      const u = new Float32Array(DURATION);
      if (kind === 'double talk') u.set(user.subarray(0, DURATION - 4000 * 16), 4000 * 16);
      const mic = new Float32Array(DURATION);
      const echo = new Float32Array(DURATION);
      // Headphones: a quiet room's noise (-70 dBFS, seeded) instead of the echo.
      let seed = 1;
      const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 2 * Math.sqrt(3) * 10 ** (-70 / 20);
      for (let s = 0; s < DURATION; s += FRAME) {
        const e = noPath ? Float32Array.from({ length: FRAME }, noise) : path.samples(heard, s, FRAME);
        echo.set(e, s);
        for (let i = 0; i < FRAME; i++) mic[s + i] = Math.max(-1, Math.min(1, e[i]! + u[s + i]!));
      }
      out.push({ name: `${room.name}, ${kind}`, heard, mic, echo, user: u, agentEnd: AGENT_AT + agent.length });
    }
  }
  return out;
}

/** One case through a fresh canceller: CPU ms of its own calls, and its output. */
function run(Canceller: CancellerClass, tailMs: number, c: Case): { cpuMs: number; out: Float32Array } {
  const canceller = new Canceller({ tailMs });
  const frame = (data: Float32Array, s: number): AudioFrame => ({ data, sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE });
  const refs: (AudioFrame | null)[] = [];
  const mics: AudioFrame[] = [];
  for (let s = 0; s < DURATION; s += FRAME) {
    const ahead = s + LEAD;
    refs.push(ahead + FRAME > AGENT_AT && ahead < c.agentEnd ? frame(c.heard.slice(ahead, ahead + FRAME), s) : null);
    mics.push(frame(c.mic.slice(s, s + FRAME), s));
  }
  const out = new Float32Array(DURATION);
  const started = process.cpuUsage();
  for (let f = 0; f < mics.length; f++) {
    const ref = refs[f];
    if (ref) canceller.pushReference(ref, ((f * FRAME + LEAD) * 1000) / RATE);
    out.set(canceller.process(mics[f]!).data, f * FRAME);
  }
  const used = process.cpuUsage(started);
  return { cpuMs: (used.user + used.system) / 1000, out };
}

async function main(): Promise<void> {
  const against = arg('--against');
  const tails = (arg('--tails') ?? '256').split(',').map(Number);
  const reps = Number(arg('--reps') ?? 3);
  const load = async (root: string) =>
    ((await import(join(root, 'electron/engine/audio/aec/echo-canceller.ts'))) as { EchoCanceller: CancellerClass }).EchoCanceller;
  const versions: [string, CancellerClass][] = [['this checkout', await load(ROOT)]];
  if (against) versions.push([against, await load(against)]);
  const all = await cases();
  const audioMs = all.length * ((DURATION * 1000) / RATE);
  for (const tailMs of tails) {
    const cpu = versions.map(() => [] as number[]);
    const figures = versions.map(() => [] as string[]);
    for (let r = 0; r < reps; r++) {
      // Alternate the order, so neither version always runs on a warmer (or busier) machine.
      const order = versions.map((_, i) => i);
      if (r % 2 === 1) order.reverse();
      for (const v of order) {
        let ms = 0;
        for (const c of all) {
          const { cpuMs, out } = run(versions[v]![1], tailMs, c);
          ms += cpuMs;
          if (r === 0) {
            const f = echoFigures({ mic: c.mic, cancelled: out, echo: c.echo, user: c.user });
            figures[v]!.push(`${f.erleFirstSecondDb?.toFixed(2)} ${f.erleConvergedDb?.toFixed(2)} ${f.doubleTalk?.snrDb.toFixed(2) ?? ''}`);
          }
        }
        cpu[v]!.push((100 * ms) / audioMs);
      }
    }
    console.log(`\ntail ${tailMs} ms, ${all.length} cases x 9 s${noPath ? ', no echo path (headphones)' : ''}, ${reps} runs each`);
    versions.forEach(([name], v) =>
      console.log(`  ${name}: min ${Math.min(...cpu[v]!).toFixed(2)} % of one core (runs ${cpu[v]!.map((x) => x.toFixed(2)).join(' ')})`),
    );
    if (versions.length === 2) {
      const differing = all.filter((_, i) => figures[0]![i] !== figures[1]![i]).map((c) => c.name);
      console.log(differing.length === 0 ? '  ERLE / double-talk figures: identical' : `  figures differ in: ${differing.join('; ')}`);
    }
  }
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
