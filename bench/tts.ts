/**
 * npm run bench:tts — the embedded local TTS server with the reference-protocol client:
 * time to first audio after send() (p50/p95), cancelCurrent() to acknowledgement (p50/p95),
 * synthesis real-time factor per voice, stale chunks delivered after a cancel, and memory
 * before/after 1,000 turns. Prints a table and writes bench/results/tts.json.
 * A benchmark, not a test: it never fails on a time. Targets: TTFA <= 150 ms p95, ack <= 50 ms p95.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FliteEngine, type FliteVoice } from '../electron/engine/tts/local-server/flite-engine.js';
import { startLocalTtsServer } from '../electron/engine/tts/local-server/server.js';
import { SingleStreamClient } from '../electron/engine/tts/single-stream-client.js';

const TURNS_PER_VOICE = Number(process.env.BENCH_TTS_TURNS ?? 40);
const MEMORY_TURNS = Number(process.env.BENCH_TTS_MEMORY_TURNS ?? 1000);

/** Typical first sentences of an agent's answer. */
const OPENERS = [
  'Sure, I can help with that.',
  'Good question.',
  'The meeting is at three o clock tomorrow afternoon.',
  'Let me think about that for a moment.',
  'Yes.',
  'I found three flights that match, the earliest leaves at seven.',
  'Okay, here is what I would suggest.',
  'That depends on a few things.',
  'No problem, consider it done.',
  'The weather today is sunny with a high of twenty two degrees.',
];

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (x: number | null, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mem = () => {
  gc();
  const m = process.memoryUsage();
  return { heapUsedMb: round(m.heapUsed / 2 ** 20), rssMb: round(m.rss / 2 ** 20) };
};

async function latency(voice: FliteVoice) {
  const server = await startLocalTtsServer({ voice });
  const client = new SingleStreamClient({ url: server.url, config: { voice_id: voice, sample_rate: 24000 } });
  await client.connect();
  const ttfa: number[] = [];
  const ack: number[] = [];
  const cancelled = new Set<string>();
  let stale = 0;
  client.on('audio', ({ turnId }) => {
    if (cancelled.has(turnId)) stale += 1;
  });
  for (let i = 0; i < TURNS_PER_VOICE; i++) {
    const text = `${OPENERS[i % OPENERS.length]} And then the answer goes on with a second sentence.`;
    const firstAudio = new Promise<void>((resolve) => client.once('audio', () => resolve()));
    const t0 = performance.now();
    const turn = client.send(text, { flush: true });
    await firstAudio;
    ttfa.push(performance.now() - t0);
    if (i % 2 === 0) {
      await client.endTurn();
    } else {
      // Barge-in mid-answer: the second sentence is still being synthesized.
      cancelled.add(turn);
      const t1 = performance.now();
      await client.cancelCurrent();
      ack.push(performance.now() - t1);
    }
  }
  await client.close();
  await server.close();
  return { ttfa, ack, stale };
}

async function realTimeFactor(voice: FliteVoice) {
  const engine = new FliteEngine(voice, 24000);
  await engine.start();
  let synthMs = 0;
  let fliteMs = 0;
  let audioMs = 0;
  for (const s of OPENERS) {
    const r = await engine.synthesize(s, voice, 24000).promise;
    synthMs += r.synthMs;
    fliteMs += r.timings?.fliteMs ?? 0;
    audioMs += (r.samples.length * 1000) / r.sampleRate;
  }
  await engine.stop();
  return { rtf: synthMs / audioMs, fliteOnlyRtf: fliteMs / audioMs, audioSeconds: audioMs / 1000 };
}

async function memory() {
  const server = await startLocalTtsServer({ voice: 'kal16' });
  const client = new SingleStreamClient({ url: server.url, config: { voice_id: 'kal16', sample_rate: 24000 } });
  await client.connect();
  const cancelled = new Set<string>();
  let stale = 0;
  client.on('audio', ({ turnId }) => {
    if (cancelled.has(turnId)) stale += 1;
  });
  // Warm-up so the "before" figure includes everything a session holds anyway.
  client.send('Warm up.');
  await client.endTurn();
  const before = mem();
  const t0 = performance.now();
  for (let i = 0; i < MEMORY_TURNS; i++) {
    const turn = client.send(`Okay, turn ${i}.`, { flush: true });
    if (i % 2 === 0) await client.endTurn();
    else {
      cancelled.add(turn);
      await client.cancelCurrent();
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = mem();
  await client.close();
  await server.close();
  return { before, after, turns: MEMORY_TURNS, seconds, stale, listeners: client.eventNames().map((n) => [n, client.listenerCount(n)]) };
}

const raw: Record<string, unknown> = {};
const rows: { name: string; p50: number | null; p95: number | null; unit: string; n: number; note: string }[] = [];
let staleTotal = 0;
for (const voice of ['slt', 'kal16'] as const) {
  process.stderr.write(`bench:tts latency (${voice})...\n`);
  const r = await latency(voice);
  raw[`latency_${voice}`] = r;
  staleTotal += r.stale;
  rows.push({
    name: `time to first audio (${voice})`,
    p50: round(pct(r.ttfa, 50)),
    p95: round(pct(r.ttfa, 95)),
    unit: 'ms',
    n: r.ttfa.length,
    note: 'target p95 <= 150',
  });
  rows.push({
    name: `cancel -> ack (${voice})`,
    p50: round(pct(r.ack, 50)),
    p95: round(pct(r.ack, 95)),
    unit: 'ms',
    n: r.ack.length,
    note: 'target p95 <= 50',
  });
}
for (const voice of ['slt', 'kal16', 'awb', 'rms'] as const) {
  process.stderr.write(`bench:tts real-time factor (${voice})...\n`);
  const r = await realTimeFactor(voice);
  raw[`rtf_${voice}`] = r;
  rows.push({
    name: `synthesis RTF (${voice})`,
    p50: round(r.rtf, 3),
    p95: null,
    unit: 'x',
    n: OPENERS.length,
    note: `flite alone ${round(r.fliteOnlyRtf, 3)}; ${round(r.audioSeconds)} s of audio`,
  });
}
process.stderr.write(`bench:tts memory over ${MEMORY_TURNS} turns...\n`);
const m = await memory();
raw.memory = m;
staleTotal += m.stale;
rows.push({
  name: `heap used before/after ${m.turns} turns`,
  p50: m.before.heapUsedMb,
  p95: m.after.heapUsedMb,
  unit: 'MB',
  n: m.turns,
  note: `rss ${m.before.rssMb} -> ${m.after.rssMb} MB; ${round(m.seconds)} s; gc ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'forced' : 'not exposed'}`,
});
rows.push({ name: 'stale chunks delivered after cancel', p50: staleTotal, p95: null, unit: 'chunks', n: 0, note: 'target 0' });

const w = [44, 9, 9, 7, 6];
console.log(['figure'.padEnd(w[0]!), 'p50'.padStart(w[1]!), 'p95'.padStart(w[2]!), 'unit'.padStart(w[3]!), 'n'.padStart(w[4]!), '  note'].join(''));
for (const r of rows) {
  console.log(
    [
      r.name.padEnd(w[0]!),
      String(r.p50 ?? '-').padStart(w[1]!),
      String(r.p95 ?? '-').padStart(w[2]!),
      r.unit.padStart(w[3]!),
      String(r.n).padStart(w[4]!),
      `  ${r.note}`,
    ].join(''),
  );
}
const out = path.resolve(import.meta.dirname, 'results', 'tts.json');
await mkdir(path.dirname(out), { recursive: true });
await writeFile(
  out,
  JSON.stringify(
    { when: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg() }, rows, raw },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
