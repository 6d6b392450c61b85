/**
 * npm run bench:providers: what the provider layer costs on this machine.
 * Prints a table and writes bench/results/providers.json. Never fails on a time.
 *
 * Measured here: embedded LLM (node-llama-cpp, stories260K, 1 thread) load, first token,
 * token rate, first clause for TTS, abort-to-stop; the OpenAI-compatible SSE client's first
 * token and abort-to-close against a local server; model download + sha256 throughput from a
 * local server. The local recognizer's real-time factor and interim interval need English
 * weights, which cannot be fetched here: measured only when INTERJECT_SHERPA_MODEL_DIR points
 * at a model folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchDownload } from './providers-download.js';
import { benchEmbeddedLlm } from './providers-llm.js';
import { benchOpenAiClient } from './providers-sse.js';
import { benchSherpa } from './providers-stt.js';
import { printTable, type Figure } from './providers-stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);

async function main(): Promise<void> {
  const figures: Figure[] = [];
  figures.push(...(await benchEmbeddedLlm(RUNS)));
  figures.push(...(await benchOpenAiClient(RUNS)));
  figures.push(...(await benchDownload()));
  figures.push(...(await benchSherpa()));
  figures.push(
    {
      name: 'end of speech to first TTS audio (embedded stack)',
      value: null,
      unit: 'ms',
      runs: 0,
      note: 'needs the TTS and agent session (other modules); see the session benchmark',
    },
    { name: 'abort to silence', value: null, unit: 'ms', runs: 0, note: "needs the playback path; LLM abort-to-stop above is this layer's share" },
  );
  printTable(figures);
  const out = path.resolve(import.meta.dirname, 'results', 'providers.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(
    out,
    JSON.stringify(
      { when: new Date().toISOString(), machine: { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, node: process.version }, figures },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
