/** The local recognizer's real-time factor and interim interval, when a model folder is present. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
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
      ...(await benchProcessOverhead()),
    ];
  }
  const { samples } = await readWavFile(SPEECH);
  const r = await SherpaRecognizer.start({ modelDir });
  const arrivals: number[] = [];
  r.on('interim', () => arrivals.push(performance.now()));
  const start = performance.now();
  for (let at = 0; at < samples.length; at += 320) r.push(samples.subarray(at, at + 320));
  r.endSegment();
  await new Promise((resolve, reject) => {
    r.once('final', resolve);
    r.once('error', reject);
  });
  const elapsedMs = performance.now() - start;
  await r.close();
  const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
  const audioMs = (samples.length / 16_000) * 1000;
  return [
    {
      name: 'local recognizer real-time factor',
      value: elapsedMs / audioMs,
      unit: 'x',
      runs: 1,
      note: 'processing time / audio time, audio pushed as fast as possible',
    },
    {
      name: 'local recognizer interim interval',
      value: median(gaps),
      p95: percentile(gaps, 95),
      unit: 'ms',
      runs: gaps.length,
      note: 'wall clock between interims when fed faster than real time',
    },
  ];
}

/**
 * What the recognizer process itself costs, with the test stand-in engine in place of the
 * native model: start-up, and the delay from pushing a frame to its interim arriving back.
 */
async function benchProcessOverhead(): Promise<Figure[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'interject-bench-stt-'));
  await mkdir(path.join(dir, 'm'));
  for (const f of ['encoder.onnx', 'decoder.onnx', 'joiner.onnx', 'tokens.txt']) await writeFile(path.join(dir, 'm', f), 'x');
  const engineModule = path.resolve(import.meta.dirname, '../test/engine/stt/helpers/fake-sherpa-engine.cjs');
  const startAt = performance.now();
  const r = await SherpaRecognizer.start({ modelDir: path.join(dir, 'm'), engineModule });
  const startMs = performance.now() - startAt;
  const { samples } = await readWavFile(SPEECH);
  const latencies: number[] = [];
  // The stand-in yields a new word per 320 ms of audio (16 frames): push them, time the interim.
  for (let at = 0; at + 5120 <= samples.length; at += 5120) {
    const pushedAt = performance.now();
    const arrived = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 2000);
      r.once('interim', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    for (let f = at; f < at + 5120; f += 320) r.push(samples.subarray(f, f + 320));
    if (await arrived) latencies.push(performance.now() - pushedAt);
  }
  await r.close();
  await rm(dir, { recursive: true, force: true });
  return [
    { name: 'recognizer process start (stand-in engine)', value: startMs, unit: 'ms', runs: 1, note: 'fork + IPC; a real model adds its load time' },
    {
      name: 'recognizer process push-to-interim overhead',
      value: median(latencies),
      p95: percentile(latencies, 95),
      unit: 'ms',
      runs: latencies.length,
      note: 'IPC both ways, stand-in decode; real decode adds model time',
    },
  ];
}
