/**
 * The neural voice: sherpa-onnx's real offline TTS in its own process, with a tone model the
 * tests make (no voice weights can be fetched here), behind the embedded server's protocol.
 * With INTERJECT_TTS_MODEL_DIR set, the same checks run on a real voice (Kokoro or Piper).
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SynthesisCancelled } from '../../../electron/engine/tts/local-server/flite-engine.js';
import { findNeuralModel, speakerOf } from '../../../electron/engine/tts/local-server/neural-model.js';
import { SherpaTtsEngine } from '../../../electron/engine/tts/local-server/sherpa-tts-engine.js';
import { makeCorruptVoice, makeToneVoice, TONE_VOICE_SKIP } from './helpers/tone-voice.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'interject-neural-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('finding a voice model folder', () => {
  it('names what a folder lacks, and an empty model file', async () => {
    await expect(findNeuralModel(path.join(tmp, 'nowhere'))).rejects.toThrow(/does not exist/);
    const half = path.join(tmp, 'half');
    await mkdir(half);
    await writeFile(path.join(half, 'voice.onnx'), '');
    await expect(findNeuralModel(half)).rejects.toThrow(/lacks tokens\.txt, espeak-ng-data\//);
    await writeFile(path.join(half, 'tokens.txt'), 'a 1\n');
    await mkdir(path.join(half, 'espeak-ng-data'));
    await expect(findNeuralModel(half)).rejects.toThrow(/voice\.onnx is empty/);
  });

  it('tells Kokoro (voices.bin) from Piper, prefers int8 weights, and maps speaker names', async () => {
    const k = path.join(tmp, 'kokoro');
    await mkdir(path.join(k, 'espeak-ng-data'), { recursive: true });
    for (const f of ['model.onnx', 'model.int8.onnx', 'voices.bin', 'tokens.txt']) await writeFile(path.join(k, f), 'x');
    const model = await findNeuralModel(k, { speakers: ['af', 'af_bella', 'af_sarah'], defaultSpeaker: 'af_sarah' });
    expect(model.kind).toBe('kokoro');
    expect((model.config as { model: { kokoro: { model: string } } }).model.kokoro.model).toBe(path.join(k, 'model.int8.onnx'));
    expect(speakerOf('kokoro', 'kokoro', model, 3)).toBe(2);
    expect(speakerOf('kokoro:af_bella', 'kokoro', model, 3)).toBe(1);
    expect(speakerOf('kokoro:1', 'kokoro', model, 3)).toBe(1);
    expect(speakerOf('kokoro:af_nobody', 'kokoro', model, 3)).toBeUndefined();
    expect(speakerOf('kokoro:7', 'kokoro', model, 3)).toBeUndefined();
    expect(speakerOf('slt', 'kokoro', model, 3)).toBeUndefined();
  });
  it('reads a Matcha folder (acoustic model + vocoder) and a Kokoro 1.x folder (lexicons, dict)', async () => {
    const m = path.join(tmp, 'matcha');
    await mkdir(path.join(m, 'espeak-ng-data'), { recursive: true });
    for (const f of ['model-steps-3.onnx', 'vocos-22khz-univ.onnx', 'tokens.txt']) await writeFile(path.join(m, f), 'x');
    const matcha = await findNeuralModel(m);
    expect(matcha.kind).toBe('matcha');
    expect((matcha.config as { model: unknown }).model).toMatchObject({
      matcha: { acousticModel: path.join(m, 'model-steps-3.onnx'), vocoder: path.join(m, 'vocos-22khz-univ.onnx') },
    });
    const k = path.join(tmp, 'kokoro-1');
    await mkdir(path.join(k, 'espeak-ng-data'), { recursive: true });
    await mkdir(path.join(k, 'dict'));
    for (const f of ['model.onnx', 'voices.bin', 'tokens.txt', 'lexicon-us-en.txt', 'lexicon-zh.txt']) await writeFile(path.join(k, f), 'x');
    const kokoro = await findNeuralModel(k);
    expect((kokoro.config as { model: unknown }).model).toMatchObject({
      kokoro: { lexicon: `${path.join(k, 'lexicon-us-en.txt')},${path.join(k, 'lexicon-zh.txt')}`, dictDir: path.join(k, 'dict') },
    });
  });
});

describe.skipIf(TONE_VOICE_SKIP !== undefined)(`sherpa-onnx offline TTS in its own process${TONE_VOICE_SKIP ? ` (skipped: ${TONE_VOICE_SKIP})` : ''}`, () => {
  let engine: SherpaTtsEngine;
  beforeAll(async () => {
    engine = await SherpaTtsEngine.start({ modelDir: await makeToneVoice(path.join(tmp, 'tone')), name: 'tone' });
  }, 60_000);
  afterAll(() => engine?.stop());

  it('loads, speaks a sentence and resamples it to the rate asked for', async () => {
    expect(engine.modelSampleRate).toBe(22050);
    expect(engine.voiceIds()).toEqual(['tone']);
    const a = await engine.synthesize('Hello there, how are you?', 'tone', 24000).promise;
    expect(a.sampleRate).toBe(24000);
    expect(a.samples.length).toBeGreaterThan(24000 * 0.3);
    const peak = a.samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.2);
  });

  it('a cancelled sentence rejects at once and the next one is served', async () => {
    const long = engine.synthesize('This is a much longer sentence that goes on and on. '.repeat(20), 'tone', 24000);
    const next = engine.synthesize('Next.', 'tone', 24000);
    long.cancel();
    await expect(long.promise).rejects.toBeInstanceOf(SynthesisCancelled);
    const r = await next.promise;
    expect(r.samples.length).toBeGreaterThan(0);
  });

  it('a damaged model file fails to load with the reason, and the app survives', async () => {
    const error = await SherpaTtsEngine.start({ modelDir: await makeCorruptVoice(path.join(tmp, 'corrupt')), name: 'bad' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Could not load the voice model in .*corrupt: its process stopped \(signal SIGABRT\).*Protobuf parsing failed/);
  });

  it('a voice process that dies mid-session rejects its sentence and says so', async () => {
    const doomed = await SherpaTtsEngine.start({ modelDir: path.join(tmp, 'tone'), name: 'tone' });
    process.kill(doomed.pid!, 'SIGKILL');
    await expect.poll(() => doomed.running).toBe(false);
    await expect(doomed.synthesize('Anyone there?', 'tone', 24000).promise).rejects.toThrow(/not running/);
    await doomed.stop();
  });
});
