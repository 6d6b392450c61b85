/**
 * npm run bench:kugel — the KugelAudio protocol end to end against the embedded server, on both
 * endpoints (/ws/tts/stream with SingleStreamClient, /ws/tts/multi with MultiContextTtsClient): time to
 * first audio after send(), cancel to acknowledgement (`interrupted` / `context_closed`), and
 * after each cancel the leftover chunks the client dropped vs. delivered (must be 0). Writes
 * bench/results/kugel.json. A benchmark, not a test: it never fails on a time (wall-clock
 * figures depend on the machine's load).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalTtsServer } from '../electron/engine/tts/local-server/server.js';
import { MultiContextTtsClient } from '../electron/engine/tts/multi-context-client.js';
import { SingleStreamClient } from '../electron/engine/tts/single-stream-client.js';
import type { StreamingTts } from '../electron/engine/tts/types.js';

const TURNS = Number(process.env.BENCH_KUGEL_TURNS ?? 20);
const TEXT = 'Sure, I can help with that. The earliest train leaves at seven, and there is another one at nine. Shall I book it?';

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]! : null);
const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

interface Figures {
  firstAudioMs: number[];
  cancelAckMs: number[];
  leftoversDropped: number;
  leftoversDelivered: number;
}

async function measure(client: StreamingTts & { stats: { droppedChunks: number } }): Promise<Figures> {
  const f: Figures = { firstAudioMs: [], cancelAckMs: [], leftoversDropped: 0, leftoversDelivered: 0 };
  await client.connect();
  for (let i = 0; i < TURNS; i++) {
    const sentAt = performance.now();
    const firstAudio = new Promise<void>((resolve) => client.once('audio', () => resolve()));
    const turn = client.send(TEXT);
    await firstAudio;
    f.firstAudioMs.push(performance.now() - sentAt);
    const droppedBefore = client.stats.droppedChunks;
    let late = 0;
    const onAudio = ({ turnId }: { turnId: string }) => void (turnId === turn && (late += 1));
    client.on('audio', onAudio);
    const cancelAt = performance.now();
    await client.cancelCurrent();
    f.cancelAckMs.push(performance.now() - cancelAt);
    await new Promise((r) => setTimeout(r, 300)); // anything of the turn still in flight arrives now
    client.off('audio', onAudio);
    f.leftoversDelivered += late;
    f.leftoversDropped += client.stats.droppedChunks - droppedBefore;
  }
  await client.close();
  return f;
}

const server = await startLocalTtsServer({ port: 0 });
const config = { voice_id: 2, sample_rate: 24000, word_timestamps: true };
const results: Record<string, unknown> = {};
try {
  for (const [name, client] of [
    ['single-stream /ws/tts/stream', new SingleStreamClient({ url: server.url, config })],
    ['multi-context /ws/tts/multi', new MultiContextTtsClient({ url: server.multiUrl, config })],
  ] as const) {
    const f = await measure(client);
    results[name] = {
      turns: TURNS,
      firstAudioMs: { p50: r1(pct(f.firstAudioMs, 50)), p95: r1(pct(f.firstAudioMs, 95)) },
      cancelToAckMs: { p50: r1(pct(f.cancelAckMs, 50)), p95: r1(pct(f.cancelAckMs, 95)) },
      leftoversDropped: f.leftoversDropped,
      leftoversDelivered: f.leftoversDelivered,
    };
    console.log(name, JSON.stringify(results[name]));
  }
} finally {
  await server.close();
}
const out = path.join(import.meta.dirname, 'results', 'kugel.json');
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, JSON.stringify({ when: new Date().toISOString(), cpus: os.cpus().length, loadavg: os.loadavg(), results }, null, 2));
console.log(`wrote ${out}`);
