/** The local recognizer's real-time factor and interim interval, when a model folder is present. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readWavFile } from '../electron/engine/audio/wav-reader.js';
import { SherpaRecognizer } from '../electron/engine/stt/sherpa-streaming.js';
import { median, percentile, type Figure } from './providers-stats.js';

const SPEECH = path.resolve(import.meta.dirname, '../test/fixtures/speech/beckett.wav');

export async function benchSherpa(): Promise<Figure[]> {
  const modelDir = process.env.INTERJECT_SHERPA_MODEL_DIR;
  if (!modelDir || !existsSync(modelDir)) {
    const note = 'no English weights obtainable here; set INTERJECT_SHERPA_MODEL_DIR';
    return [
      { name: 'local recognizer real-time factor', value: null, unit: 'x', runs: 0, note },
      { name: 'local recognizer interim interval', value: null, unit: 'ms', runs: 0, note },
    ];
  }
  const { samples } = await readWavFile(SPEECH);
  const r = await SherpaRecognizer.start({ modelDir });
  const arrivals: number[] = [];
  r.on('interim', () => arrivals.push(performance.now()));
  const start = performance.now();
  for (let at = 0; at < samples.length; at += 320) r.push(samples.subarray(at, at + 320));
  r.endSegment();
  await new Promise((resolve) => r.once('final', resolve));
  const elapsedMs = performance.now() - start;
  await r.close();
  const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
  const audioMs = (samples.length / 16_000) * 1000;
  return [
    { name: 'local recognizer real-time factor', value: elapsedMs / audioMs, unit: 'x', runs: 1, note: 'processing time / audio time, audio pushed as fast as possible' },
    { name: 'local recognizer interim interval', value: median(gaps), p95: percentile(gaps, 95), unit: 'ms', runs: gaps.length, note: 'wall clock between interims when fed faster than real time' },
  ];
}
