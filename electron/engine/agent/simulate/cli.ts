/**
 * npm run simulate -- <scenario.json> [--out DIR]
 * Runs a scenario offline (see README.md, "Simulating a conversation"), prints the result as
 * JSON on stdout and, with --out, writes output.wav, mic.wav, mic-cancelled.wav (what voice detection and recognition got), timeline.svg and result.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import wavefile from 'wavefile';
import { runScenario, type SimulationResult } from './run-scenario.js';
import { parseArgs } from './cli-args.js';
import { loadScenarioFile } from './scenario.js';
import { timelineSvg } from './timeline-svg.js';

/** The JSON printed on stdout: the result without the raw traces. */
export function publicResult(result: SimulationResult): Omit<SimulationResult, 'traces'> {
  const { traces: _traces, ...rest } = result;
  return rest;
}

export async function writeOutputs(dir: string, result: SimulationResult, title: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const wav = (samples: Float32Array) => {
    const w = new wavefile.WaveFile();
    w.fromScratch(
      1,
      16_000,
      '16',
      Int16Array.from(samples, (s) => Math.round(Math.max(-1, Math.min(1, s)) * 32767)),
    );
    return w.toBuffer();
  };
  await writeFile(join(dir, 'output.wav'), wav(result.traces.output));
  await writeFile(join(dir, 'mic.wav'), wav(result.traces.mic));
  await writeFile(join(dir, 'mic-cancelled.wav'), wav(result.traces.cancelled));
  await writeFile(join(dir, 'timeline.svg'), timelineSvg(result.traces, result.events, title));
  await writeFile(join(dir, 'result.json'), JSON.stringify(publicResult(result), null, 2) + '\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scenario = await loadScenarioFile(resolve(args.scenario));
  const result = await runScenario(scenario);
  if (args.outDir) await writeOutputs(resolve(args.outDir), result, basename(args.scenario));
  process.stdout.write(JSON.stringify(publicResult(result), null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
