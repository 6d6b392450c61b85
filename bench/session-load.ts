/**
 * npx tsx bench/session-load.ts [--hogs 0,2] [--seconds 14] [--label name]
 * Does the microphone keep up with real time under CPU load? Runs the real practice session
 * path (createAppServices → VoiceService → live session: flite voice, PlaybackQueue, echo
 * canceller, Silero VAD) with the e2e's cued microphone and null speaker, as
 * practice-voice-bargein does: "mm-hmm" once the agent has been heard for a second, a real
 * sentence 4 s later. For each run (one per `--hogs` count of busy-loop child processes beside
 * it) it prints the event loop's delay (perf_hooks.monitorEventLoopDelay), the microphone lag
 * (clock time a frame is handed to the session, and its VAD verdict is done, minus the time it
 * was captured) p50/p95/max, over all frames and over the spoken clips' frames, and the
 * process's CPU per second of session; with the load average. The first 3 s after the mic opens are
 * also reported apart (mic lag p95/max, and on Linux the CPU the main thread and the process's other
 * threads got then, and how long the main thread waited for a core): that is where a new session
 * used to fall behind. Writes bench/results/session-load[-label].json. Never fails on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { decodeWav } from '../electron/engine/audio/wav-reader.js';
import type { AudioFrame } from '../electron/engine/audio/frame.js';
import { AgentSession } from '../electron/engine/agent/agent-session.js';
import { systemClock } from '../electron/engine/clock.js';
import { createAppServices } from '../electron/services/app-services.js';
import { cuedVoiceIo } from '../test/e2e/helpers/cued-voice-io.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};
const HOGS = arg('--hogs', '0,2')
  .split(',')
  .map((s) => Number(s));
const SECONDS = Number(arg('--seconds', '14'));
const LABEL = arg('--label', '');
const CLIPS = path.resolve(import.meta.dirname, '../test/fixtures/bargein');

function clip(name: string): Float32Array {
  return decodeWav(fs.readFileSync(path.join(CLIPS, name)), name).samples;
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}
function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN };
}

/** Mic frames as the session sees them: when handed over and when their VAD verdict is done. */
interface FrameTiming {
  capturedMs: number;
  handedMs: number;
  doneMs: number;
  voiced: boolean;
}

function instrumentSession(timings: FrameTiming[], onFrameDone: () => void): () => void {
  const original = AgentSession.prototype.pushMicFrame;
  AgentSession.prototype.pushMicFrame = async function (this: AgentSession, frame: AudioFrame): Promise<void> {
    const handedMs = systemClock.nowMs();
    let energy = 0;
    for (const v of frame.data) energy += v * v;
    await original.call(this, frame);
    timings.push({ capturedMs: frame.timestampMs, handedMs, doneMs: systemClock.nowMs(), voiced: energy / frame.data.length > 1e-6 });
    onFrameDone();
  };
  return () => {
    AgentSession.prototype.pushMicFrame = original;
  };
}

function bySecond(timings: FrameTiming[], originMs: number): number[] {
  const worst: number[] = [];
  for (const t of timings) {
    const s = Math.floor((t.capturedMs - originMs) / 1000);
    worst[s] = Math.max(worst[s] ?? 0, Math.round(t.doneMs - t.capturedMs));
  }
  return Array.from(worst, (v) => v ?? 0);
}

function startHogs(n: number): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

/** A new session's opening seconds, reported apart from the rest. */
const FIRST_MS = 3000;

/** Per thread of this process (Linux): CPU time and time spent runnable but waiting for a core, in ms. */
function threadTimes(): Map<string, { cpuMs: number; waitMs: number }> {
  const out = new Map<string, { cpuMs: number; waitMs: number }>();
  let tids: string[] = [];
  try {
    tids = fs.readdirSync('/proc/self/task');
  } catch {
    return out; // not Linux
  }
  for (const tid of tids) {
    try {
      const [cpuNs, waitNs] = fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      out.set(tid === String(process.pid) ? 'main' : tid, { cpuMs: (cpuNs ?? 0) / 1e6, waitMs: (waitNs ?? 0) / 1e6 });
    } catch {
      // the thread ended between listing and reading
    }
  }
  return out;
}

/** Main thread's CPU and wait, and the other threads' CPU, between two threadTimes() readings. */
function threadShare(a: ReturnType<typeof threadTimes>, b: ReturnType<typeof threadTimes>) {
  const delta = (k: string, f: 'cpuMs' | 'waitMs') => (b.get(k)?.[f] ?? 0) - (a.get(k)?.[f] ?? 0);
  let othersCpuMs = 0;
  for (const k of b.keys()) if (k !== 'main') othersCpuMs += delta(k, 'cpuMs');
  return { mainCpuMs: Math.round(delta('main', 'cpuMs')), mainWaitMs: Math.round(delta('main', 'waitMs')), othersCpuMs: Math.round(othersCpuMs) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Decoded before any session: decoding at the cue took ~170 ms on the loop, which the figures would count.
const MM_HMM = clip('mm-hmm.wav');
const SENTENCE = clip('real-sentence.wav');

async function run(hogs: number) {
  const tmp = makeTempDir('interject-bench-load-');
  const io = cuedVoiceIo();
  const services = createAppServices({ dataDir: tmp.dir, detectLocalServers: async () => [], voiceIo: io });
  const timings: FrameTiming[] = [];
  // The first window's thread snapshot, at the first frame done at or after FIRST_MS (a timer ran
  // late under load and stretched the window; a run shorter than the window never took it).
  let windowFromMs: number | null = null;
  let firstWindow: { threads: ReturnType<typeof threadTimes>; ms: number } | null = null;
  const restore = instrumentSession(timings, () => {
    const ms = windowFromMs === null ? 0 : systemClock.nowMs() - windowFromMs;
    if (windowFromMs !== null && firstWindow === null && ms >= FIRST_MS) firstWindow = { threads: threadTimes(), ms };
  });
  const children = startHogs(hogs);
  const interruptions: number[] = [];
  try {
    await sleep(hogs > 0 ? 2000 : 0); // let the hogs take their share before the session starts
    const load0 = loadavg();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const startMs = systemClock.nowMs();
    await services.voice.start();
    const startedInMs = systemClock.nowMs() - startMs;
    const session = services.voice['running']?.live.session as AgentSession | undefined;
    session?.on('interrupted', () => interruptions.push(systemClock.nowMs() - startMs));
    loop.enable();
    const threads0 = threadTimes();
    const cpu0 = process.cpuUsage();
    const wall0 = systemClock.nowMs();
    windowFromMs = wall0;
    let saidAt: number | null = null;
    let sentenceAt: number | null = null;
    while (systemClock.nowMs() - wall0 < SECONDS * 1000) {
      await sleep(100);
      if (saidAt === null && io.agentSecondsPlayed() > 1) {
        io.say(MM_HMM);
        saidAt = systemClock.nowMs();
      }
      if (saidAt !== null && sentenceAt === null && systemClock.nowMs() - saidAt > 4000) {
        io.say(SENTENCE);
        sentenceAt = systemClock.nowMs();
      }
    }
    const cpu = process.cpuUsage(cpu0);
    const threadsEnd = threadTimes();
    // A run shorter than the window: the whole run, marked short.
    const first = firstWindow ?? { threads: threadsEnd, ms: systemClock.nowMs() - wall0 };
    const threadsFirst = first.threads;
    const wallS = (systemClock.nowMs() - wall0) / 1000;
    loop.disable();
    await services.voice.stop();
    const ms = (ns: number) => ns / 1e6;
    const handed = timings.map((t) => t.handedMs - t.capturedMs);
    const done = timings.map((t) => t.doneMs - t.capturedMs);
    const voiced = timings.filter((t) => t.voiced);
    const micOpenMs = timings[0]?.capturedMs ?? 0;
    const lag = (t: FrameTiming) => t.doneMs - t.capturedMs;
    return {
      hogs,
      loadAvg1m: { before: load0[0] ?? NaN, after: loadavg()[0] ?? NaN },
      seconds: wallS,
      /** From asking for a session to its microphone being open (the UI says "Starting…" meanwhile). */
      startedInMs,
      agentSecondsPlayed: io.agentSecondsPlayed(),
      eventLoopDelayMs: { p50: ms(loop.percentile(50)), p95: ms(loop.percentile(95)), max: ms(loop.max) },
      micLagHandedMs: stats(handed),
      micLagDoneMs: stats(done),
      voicedLagDoneMs: stats(voiced.map((t) => t.doneMs - t.capturedMs)),
      /** VAD-done lag of the frames captured in the first 3 s after the mic opened, and after. */
      firstLagDoneMs: stats(timings.filter((t) => t.capturedMs - micOpenMs < FIRST_MS).map(lag)),
      laterLagDoneMs: stats(timings.filter((t) => t.capturedMs - micOpenMs >= FIRST_MS).map(lag)),
      /** Linux: CPU of the main thread and of the other threads (flite, V8's compiler and GC helpers), and the main thread's wait for a core. */
      threadsFirst: threadShare(threads0, threadsFirst),
      /** How long the threads' first window really ran (ms), and whether the run ended before FIRST_MS. */
      threadsFirstWindowMs: Math.round(first.ms),
      threadsFirstWindowShort: first.ms < FIRST_MS,
      threadsLater: threadShare(threadsFirst, threadsEnd),
      cpuPercentOfCore: ((cpu.user + cpu.system) / 1000 / (wallS * 1000)) * 100,
      interruptedAtS: interruptions.map((t) => t / 1000),
      /** Per second of capture since the session started: the worst VAD-done lag (where the backlog builds). */
      doneLagBySecondMs: bySecond(timings, timings[0]?.capturedMs ?? 0),
    };
  } finally {
    for (const c of children) c.kill();
    restore();
    await services.dispose();
    tmp.cleanup();
  }
}

const f = (v: number) => (Number.isFinite(v) ? v.toFixed(0).padStart(5) : '    -');
const results = [];
for (const hogs of HOGS) {
  const r = await run(hogs);
  results.push(r);
  console.log(
    `hogs ${r.hogs}  load ${r.loadAvg1m.before.toFixed(1)}→${r.loadAvg1m.after.toFixed(1)}  ` +
      `loop delay p50/p95/max ${f(r.eventLoopDelayMs.p50)} ${f(r.eventLoopDelayMs.p95)} ${f(r.eventLoopDelayMs.max)} ms  ` +
      `mic lag handed ${f(r.micLagHandedMs.p50)} ${f(r.micLagHandedMs.p95)} ${f(r.micLagHandedMs.max)}  ` +
      `done ${f(r.micLagDoneMs.p50)} ${f(r.micLagDoneMs.p95)} ${f(r.micLagDoneMs.max)}  ` +
      `voiced done ${f(r.voicedLagDoneMs.p50)} ${f(r.voicedLagDoneMs.p95)} ${f(r.voicedLagDoneMs.max)} ms  ` +
      `CPU ${r.cpuPercentOfCore.toFixed(1)} % core  agent heard ${r.agentSecondsPlayed.toFixed(1)} s  interrupted at ${r.interruptedAtS.map((s) => s.toFixed(1)).join(',') || '-'} s`,
  );
  const t1 = r.threadsFirst;
  const t2 = r.threadsLater;
  console.log(
    `  started in ${r.startedInMs.toFixed(0)} ms; first 3 s: mic lag done p50/p95/max ${f(r.firstLagDoneMs.p50)} ${f(r.firstLagDoneMs.p95)} ${f(r.firstLagDoneMs.max)}, after ${f(r.laterLagDoneMs.p50)} ${f(r.laterLagDoneMs.p95)} ${f(r.laterLagDoneMs.max)} ms; ` +
      `threads' first ${r.threadsFirstWindowMs} ms${r.threadsFirstWindowShort ? ' (SHORT: the run ended first)' : ''}: main thread CPU/wait ${t1.mainCpuMs}/${t1.mainWaitMs} ms, other threads CPU ${t1.othersCpuMs} ms (after: ${t2.mainCpuMs}/${t2.mainWaitMs}, ${t2.othersCpuMs} ms)`,
  );
  console.log(`  worst VAD-done lag per second of capture: ${r.doneLagBySecondMs.join(' ')}`);
}
const out = path.resolve(import.meta.dirname, 'results', `session-load${LABEL ? `-${LABEL}` : ''}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, results }, null, 2));
console.log(`wrote ${path.relative(process.cwd(), out)}`);
process.exit(0);
