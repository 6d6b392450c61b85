import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWav } from '../../../electron/engine/vad/analyze-wav';
import { SileroVadModel } from '../../../electron/engine/vad/silero-vad-model';

const FIXTURES = join(import.meta.dirname, '../../fixtures/speech');
const TOLERANCE_MS = 100;

interface Truth {
  segments: { startMs: number; endMs: number }[];
}

let model: SileroVadModel;
let dir: string;
beforeAll(async () => {
  model = await SileroVadModel.load();
  dir = await mkdtemp(join(tmpdir(), 'interject-vad-'));
});
afterAll(async () => {
  await model.close();
  await rm(dir, { recursive: true, force: true });
});

/** Seeded Gaussian noise, so the test is the same on every run. */
function whiteNoise(seconds: number, rmsDbfs: number, seed = 1): Float32Array {
  let state = seed;
  const uniform = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return (state + 1) / (2 ** 31 + 1);
  };
  const sigma = 10 ** (rmsDbfs / 20);
  const out = new Float32Array(16_000 * seconds);
  for (let i = 0; i < out.length; i++) out[i] = sigma * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return out;
}

describe('Silero VAD on real speech', () => {
  for (const name of ['beckett', 'intent', 'endgame_nagg_nell']) {
    it(`finds every spoken segment of ${name}.wav within ${TOLERANCE_MS} ms of its frozen true edges, and nothing else`, async () => {
      const truth = JSON.parse(readFileSync(join(FIXTURES, `${name}.truth.json`), 'utf8')) as Truth;
      const report = await analyzeWav(join(FIXTURES, `${name}.wav`), { model });
      expect(report.segments).toHaveLength(truth.segments.length);
      truth.segments.forEach((t, i) => {
        const found = report.segments[i]!;
        expect.soft(Math.abs(found.startMs - t.startMs), `segment ${i} start ${found.startMs} vs ${t.startMs}`).toBeLessThanOrEqual(TOLERANCE_MS);
        expect.soft(Math.abs(found.endMs - t.endMs), `segment ${i} end ${found.endMs} vs ${t.endMs}`).toBeLessThanOrEqual(TOLERANCE_MS);
      });
    });
  }

  it('fires nothing on 30 s of digital silence', async () => {
    const report = await analyzeWav(
      { samples: new Float32Array(16_000 * 30), sampleRate: 16_000, channels: 1, durationMs: 30_000 },
      { model, withProbabilities: true },
    );
    expect(report.segments).toEqual([]);
    expect(report.misfires).toEqual([]);
    expect(report.probabilities).toHaveLength(Math.floor((30_000 * 16) / 512));
  });

  it('fires nothing, not even a misfire, on 30 s of white noise at -40 dBFS', async () => {
    const noise = whiteNoise(30, -40);
    const rms = Math.sqrt(noise.reduce((s, v) => s + v * v, 0) / noise.length);
    expect(20 * Math.log10(rms)).toBeCloseTo(-40, 0);
    const report = await analyzeWav({ samples: noise, sampleRate: 16_000, channels: 1, durationMs: 30_000 }, { model, withProbabilities: true });
    expect(report.segments).toEqual([]);
    expect(report.misfires).toEqual([]);
    expect(Math.max(...report.probabilities!.map((p) => p.p))).toBeLessThan(0.5);
  });

  it('names a missing model file', async () => {
    await expect(SileroVadModel.load({ modelPath: join(dir, 'missing.onnx') })).rejects.toThrow(/Silero VAD model file not found at .*missing\.onnx/);
  });

  it('names a model file that is not a model', async () => {
    const path = join(dir, 'junk.onnx');
    await writeFile(path, 'not an onnx model');
    await expect(SileroVadModel.load({ modelPath: path })).rejects.toThrow(/Silero VAD model at .*junk\.onnx could not be loaded/);
  });

  it('refuses a window that is not 512 samples', async () => {
    await expect(model.process(new Float32Array(480))).rejects.toThrow(/512-sample windows, got 480/);
  });
});

describe('Silero VAD model guards', () => {
  it('refuses a second window before the first has finished, since the state chains them', async () => {
    const m = await SileroVadModel.load();
    const first = m.process(new Float32Array(512));
    await expect(m.process(new Float32Array(512))).rejects.toThrow(/before the previous window finished/);
    await first;
    await m.close();
  });
});
