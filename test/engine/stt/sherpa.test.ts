import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SttError } from '../../../electron/engine/stt/errors.js';
import { findTransducerFiles } from '../../../electron/engine/stt/sherpa-model.js';
import { SherpaRecognizer } from '../../../electron/engine/stt/sherpa-streaming.js';
import type { Transcript } from '../../../electron/engine/stt/types.js';
import { beckett, frames } from './helpers/speech.js';

const FAKE_ENGINE = path.resolve(import.meta.dirname, 'helpers', 'fake-sherpa-engine.cjs');
// Real English weights, when someone has them: the streaming zipformer from the catalogue.
const REAL_MODEL_DIR =
  process.env.INTERJECT_SHERPA_MODEL_DIR ?? path.resolve(import.meta.dirname, '../../fixtures/models/sherpa-onnx-streaming-zipformer-en-20M-2023-02-17');
const HAVE_REAL_MODEL = existsSync(REAL_MODEL_DIR);

let dir: string;
const running: SherpaRecognizer[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'interject-sherpa-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
  await rm(dir, { recursive: true, force: true });
});

async function fakeModelDir(bytes = 'not really onnx'): Promise<string> {
  const m = path.join(dir, 'model');
  await mkdir(m, { recursive: true });
  for (const f of ['encoder-epoch-99-avg-1.onnx', 'encoder-epoch-99-avg-1.int8.onnx', 'decoder-epoch-99-avg-1.onnx', 'joiner-epoch-99-avg-1.onnx'])
    await writeFile(path.join(m, f), bytes);
  await writeFile(path.join(m, 'tokens.txt'), '<blk> 0\n');
  return m;
}

async function startWithStandIn(): Promise<SherpaRecognizer> {
  const r = await SherpaRecognizer.start({ modelDir: await fakeModelDir(), engineModule: FAKE_ENGINE });
  running.push(r);
  return r;
}

describe('finding the model files', () => {
  it('picks encoder, decoder, joiner and tokens, preferring int8', async () => {
    const files = await findTransducerFiles(await fakeModelDir());
    expect(path.basename(files.encoder)).toBe('encoder-epoch-99-avg-1.int8.onnx');
    expect(path.basename(files.decoder)).toBe('decoder-epoch-99-avg-1.onnx');
  });

  it('names a folder that does not exist', async () => {
    await expect(SherpaRecognizer.start({ modelDir: path.join(dir, 'none') })).rejects.toThrow(/model folder .*none does not exist/);
  });

  it('names the files a folder lacks', async () => {
    await writeFile(path.join(dir, 'tokens.txt'), 'x');
    await expect(findTransducerFiles(dir)).rejects.toThrow(/lacks encoder\*\.onnx, decoder\*\.onnx, joiner\*\.onnx/);
  });
});

describe('the recognizer process', () => {
  it('survives a damaged model file: the real engine aborts its own process and we report why', async () => {
    const error = await SherpaRecognizer.start({ modelDir: await fakeModelDir() }).then(
      () => undefined,
      (e: unknown) => e as SttError,
    );
    expect(error).toBeInstanceOf(SttError);
    expect(error?.code).toBe('model-load');
    expect(error?.message).toMatch(/its process stopped \((signal SIGABRT|exit code 134)\)/);
    expect(error?.message).toMatch(/Protobuf parsing failed|Load model/);
  });

  it('emits interim results at least every 200 ms of speech while the user speaks', async () => {
    const r = await startWithStandIn();
    const speech = (await beckett()).subarray(0, 16_000 * 3);
    const positionsMs: number[] = [];
    const heardAll = new Promise<void>((resolve) =>
      r.on('interim', (t) => {
        positionsMs.push(t.audioMs!);
        if (t.audioMs! >= 2800) resolve();
      }),
    );
    for (const f of frames(speech)) r.push(f);
    await heardAll;
    // From the first word on (320 ms, the decoder's chunk), no gap longer than 200 ms of audio.
    const gapsMs = positionsMs.slice(1).map((p, i) => p - positionsMs[i]!);
    expect(positionsMs[0]).toBeLessThanOrEqual(340);
    expect(Math.max(...gapsMs)).toBeLessThanOrEqual(200);
  });

  it('emits one final per segment, in order, with word timings', async () => {
    const r = await startWithStandIn();
    const speech = await beckett();
    const finals: Transcript[] = [];
    const two = new Promise<void>((resolve) =>
      r.on('final', (t) => {
        finals.push(t);
        if (finals.length === 2) resolve();
      }),
    );
    for (const f of frames(speech.subarray(0, 16_000))) r.push(f);
    r.endSegment();
    for (const f of frames(speech.subarray(0, 8_000))) r.push(f);
    r.endSegment();
    await two;
    expect(finals.map((f) => f.text)).toEqual(['W1 W2 W3 W4', 'W1 W2 W3']);
    expect(finals.map((f) => f.audioMs)).toEqual([1000, 500]);
    expect(finals[0]!.words?.[1]).toEqual({ word: 'W2', startMs: 320, endMs: 640 });
  });

  it('forgets the segment on reset: the next final holds only later audio', async () => {
    const r = await startWithStandIn();
    const speech = await beckett();
    for (const f of frames(speech.subarray(0, 16_000))) r.push(f);
    r.reset();
    for (const f of frames(speech.subarray(0, 6_000))) r.push(f);
    r.endSegment();
    const [final] = (await once(r, 'final')) as [Transcript];
    expect(final.text).toBe('W1 W2');
  });

  it('reports a crash mid-session once, and then refuses to end segments', async () => {
    const r = await startWithStandIn();
    const crash = once(r, 'error');
    r.push(new Float32Array([Number.NaN, 0]));
    const [error] = (await crash) as [SttError];
    expect(error.code).toBe('crashed');
    expect(error.message).toMatch(/stopped unexpectedly: its process stopped \((signal SIGABRT|exit code 134)\)/);
    expect(r.running).toBe(false);
    const again = once(r, 'error');
    r.endSegment();
    expect(((await again) as [SttError])[0].message).toContain('not running');
  });

  it('ends its process on close', async () => {
    const r = await startWithStandIn();
    await r.close();
    expect(r.running).toBe(false);
    expect(() => r.push(new Float32Array(320))).toThrow(/closed/);
  });
});

describe.skipIf(!HAVE_REAL_MODEL)(`with the real English model (skipped: no model folder at ${REAL_MODEL_DIR}; set INTERJECT_SHERPA_MODEL_DIR)`, () => {
  it('transcribes real speech with interim results and a final', async () => {
    const r = await SherpaRecognizer.start({ modelDir: REAL_MODEL_DIR });
    running.push(r);
    const interims: string[] = [];
    r.on('interim', (t) => interims.push(t.text));
    for (const f of frames(await beckett())) r.push(f);
    r.endSegment();
    const [final] = (await once(r, 'final')) as [Transcript];
    expect(final.text.split(/\s+/).length).toBeGreaterThan(10);
    expect(interims.length).toBeGreaterThan(10);
  });
});
