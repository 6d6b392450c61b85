/**
 * npm run bench:local-models: the local models' figures on this machine. Prints a table and
 * writes bench/results/local-models.json. Never fails on a time.
 *
 * Neural voice (INTERJECT_TTS_MODEL_DIR): load, first audio, real-time factor, cancel -> silence;
 * the tone stand-in always runs and shows what the pipeline costs without a voice.
 * Language model (INTERJECT_LLM_MODEL, a GGUF): load, first token, tokens per second; skipped
 * with the reason otherwise (stories260K's figures are in bench:providers).
 * Also printed: the detected hardware and what the first-run screen would recommend for it.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { detectHardware } from '../electron/engine/models/hardware.js';
import { recommend } from '../electron/engine/models/recommend.js';
import { benchNeuralVoices } from './local-models-tts.js';
import { benchEmbeddedLlm } from './providers-llm.js';
import { printTable, type Figure } from './providers-stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 6);

async function main(): Promise<void> {
  const hardware = await detectHardware();
  const rec = recommend(hardware);
  console.log(`hardware: ${(hardware.totalRamBytes / 1024 ** 3).toFixed(1)} GB RAM, ${hardware.cpuCores} cores, GPU backend ${hardware.gpu}`);
  if (rec) for (const p of [rec.stt, rec.llm, rec.tts]) console.log(`  recommended: ${p.id} (${Math.round(p.sizeBytes / 1e6)} MB) — ${p.speed}`);

  const figures: Figure[] = [];
  figures.push(...(await benchNeuralVoices(RUNS)));
  const llm = process.env.INTERJECT_LLM_MODEL;
  if (llm && existsSync(llm)) figures.push(...(await benchEmbeddedLlm(RUNS, llm, path.basename(llm))));
  else
    figures.push({
      name: 'embedded LLM first token / tokens per second',
      value: null,
      unit: '',
      runs: 0,
      note: 'no instruct GGUF obtainable here; set INTERJECT_LLM_MODEL to a .gguf file',
    });
  printTable(figures);
  const out = path.resolve(import.meta.dirname, 'results', 'local-models.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(
    out,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() },
        hardware,
        recommendation: rec,
        figures,
      },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${path.relative(process.cwd(), out)} (wall-clock figures taken on a shared, loaded machine)`);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exitCode = 1;
});
