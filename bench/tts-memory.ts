/**
 * npm run bench:tts-memory — issue 13's memory attack on `npm run tts-server`, run as a child
 * process so only its RSS (VmRSS from /proc) is measured: N clients each ask for a
 * 19,000-character text and then either never read (the slow-client attack: the server pauses
 * and then drops them) or read for a while and leave mid-text (their sentences are cancelled).
 * Prints baseline, peak growth and growth 10 s after the clients left, per scenario, and writes
 * bench/results/tts-memory.json. A benchmark, not a test: it never fails on a figure.
 * BENCH_TTS_MEMORY_RUNS (default 2) repeats each scenario on a fresh server; BENCH_TTS_MEMORY_ONLY picks some.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startChildServer, type ChildServer } from '../test/helpers/child-server.js';
import { openNonReadingClient } from '../test/helpers/raw-ws.js';
import { MB, watchRss } from '../test/helpers/rss-watch.js';
import { RawClient } from '../test/engine/tts/helpers/raw-client.js';
import { warmUpTtsServer } from '../test/engine/tts/helpers/tts-server-child.js';

const TOKEN = 'm'.repeat(32);
const RUNS = Number(process.env.BENCH_TTS_MEMORY_RUNS ?? 2);
const longText = (n: number) => 'The quick brown fox jumps over the lazy dog near the river bank. '.repeat(Math.ceil(n / 66)).slice(0, n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Figures {
  scenario: string;
  baselineMb: number;
  peakMb: number;
  after10sMb: number;
  /** Growth each second after the clients left (MB over baseline). */
  afterTraceMb: number[];
}

async function nonReading(server: ChildServer, port: number, clients: number): Promise<void> {
  const open = await Promise.all(Array.from({ length: clients }, () => openNonReadingClient(port, `/ws/tts/stream?api_key=${TOKEN}`)));
  for (const c of open) {
    c.sendText(JSON.stringify({ text: longText(19_000) }));
    c.sendText(JSON.stringify({ close: true }));
  }
  const started = Date.now();
  const drops = () => server.output.split('dropped a client that stopped reading').length - 1;
  while (drops() < clients && Date.now() < started + 90_000) await sleep(250);
  console.log(`  ${drops()} of ${clients} dropped by the server after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const c of open) c.close();
}

async function readingThenLeaving(port: number, clients: number, readMs: number): Promise<void> {
  const open = await Promise.all(Array.from({ length: clients }, () => RawClient.open(`ws://127.0.0.1:${port}/ws/tts/stream?api_key=${TOKEN}`)));
  for (const c of open) c.send({ text: longText(19_000), close: true });
  await sleep(readMs);
  for (const c of open) c.close();
}

/** WARM_CLIENTS: how many sessions the warm-up speaks at once before the baseline is read (BENCH_TTS_MEMORY_WARM, default 1: a cold server). */
const WARM_CLIENTS = Number(process.env.BENCH_TTS_MEMORY_WARM ?? 1);

async function scenario(name: string, attack: (server: ChildServer, port: number) => Promise<void>): Promise<Figures> {
  const server = await startChildServer('electron/engine/tts/local-server/cli.ts', ['--port', '0', '--token', TOKEN], /ws:\/\/127\.0\.0\.1:(\d+)\//);
  try {
    const port = Number(server.match[1]);
    await warmUpTtsServer(port, TOKEN, longText(2000), WARM_CLIENTS);
    await sleep(1000);
    const baseline = server.rssBytes();
    const watch = watchRss(() => server.rssBytes());
    await attack(server, port);
    const trace: number[] = [];
    for (let s = 1; s <= 10; s++) {
      await sleep(1000);
      trace.push((server.rssBytes() - baseline) / MB);
    }
    const peak = watch.peakBytes();
    watch.stop();
    const f = { scenario: name, baselineMb: baseline / MB, peakMb: (peak - baseline) / MB, after10sMb: trace[trace.length - 1]!, afterTraceMb: trace };
    console.log(
      `${name}: baseline ${f.baselineMb.toFixed(0)} MB, peak +${f.peakMb.toFixed(1)} MB, 10 s after leaving +${f.after10sMb.toFixed(1)} MB ` +
        `(each second: ${trace.map((t) => t.toFixed(0)).join(' ')})`,
    );
    return f;
  } finally {
    await server.stop();
  }
}

const SCENARIOS: [string, (server: ChildServer, port: number) => Promise<void>][] = [
  ['1 non-reading client', (s, p) => nonReading(s, p, 1)],
  ['5 non-reading clients', (s, p) => nonReading(s, p, 5)],
  ['5 clients reading 12 s, then leaving mid-text', (_s, p) => readingThenLeaving(p, 5, 12_000)],
];
/** BENCH_TTS_MEMORY_ONLY=text runs only the scenarios whose name contains it. */
const only = process.env.BENCH_TTS_MEMORY_ONLY;
const results: Figures[] = [];
for (let run = 0; run < RUNS; run++) {
  for (const [name, attack] of SCENARIOS) if (!only || name.includes(only)) results.push(await scenario(name, attack));
}
const out = path.join(import.meta.dirname, 'results', 'tts-memory.json');
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, loadavg: os.loadavg(), results }, null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), out)}`);
