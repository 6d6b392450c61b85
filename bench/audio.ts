/**
 * npm run bench:audio — VAD cost, resampling cost, clear()-to-silence on the recording sink
 * and on a PulseAudio null sink. Prints a table and writes bench/results/audio.json.
 * A benchmark, not a test: it never fails on a time.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchClearPulse, benchClearRecordingSink } from './audio-clear';
import { benchResample } from './audio-resample';
import { printTable, type AudioFigure } from './audio-stats';
import { benchVad } from './audio-vad';

const figures: AudioFigure[] = [];
const raw: Record<string, unknown> = {};
for (const [name, run] of [
  ['vad', benchVad],
  ['resample', benchResample],
  ['clearRecordingSink', () => benchClearRecordingSink()],
  ['clearPulse', () => benchClearPulse()],
] as const) {
  process.stderr.write(`bench:audio ${name}...\n`);
  try {
    const r = await run();
    figures.push(...r.figures);
    raw[name] = r.raw;
  } catch (err) {
    figures.push({ name, p50: null, unit: '', runs: 0, note: `failed: ${(err as Error).message}` });
    raw[name] = { error: (err as Error).message };
  }
}
printTable(figures);
const out = path.resolve(import.meta.dirname, 'results', 'audio.json');
await mkdir(path.dirname(out), { recursive: true });
await writeFile(
  out,
  JSON.stringify(
    { when: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg() }, figures, raw },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
