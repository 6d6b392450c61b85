import { join } from 'node:path';
import { readWavFile } from '../electron/engine/audio/wav-reader';
import { loadResamplerFactory, resampleAll } from '../electron/engine/audio/resampler';
import { SileroVadModel } from '../electron/engine/vad/silero-vad-model';
import { VadProcessor } from '../electron/engine/vad/vad-processor';
import { percentile, type AudioFigure } from './audio-stats';
import { concatSamples } from '../electron/engine/audio/samples.js';

const FIXTURES = join(import.meta.dirname, '../test/fixtures/speech');

/** Real speech at 16 kHz: every fixture, end to end (about 59 s). */
async function speech(): Promise<Float32Array> {
  const resamplers = await loadResamplerFactory({ spare: 1 });
  const parts: Float32Array[] = [];
  for (const name of ['beckett', 'intent', 'endgame_nagg_nell']) {
    const wav = await readWavFile(join(FIXTURES, `${name}.wav`));
    parts.push(wav.sampleRate === 16_000 ? wav.samples : resampleAll(resamplers, wav.samples, wav.sampleRate, 16_000));
  }
  return concatSamples(parts);
}

export async function benchVad(): Promise<{ figures: AudioFigure[]; raw: Record<string, unknown> }> {
  const audio = await speech();
  const audioMs = (audio.length / 16_000) * 1000;
  const model = await SileroVadModel.load();
  // Warm up: the first runs allocate.
  for (let i = 0; i < 20; i++) await model.process(audio.subarray(i * 512, (i + 1) * 512));
  model.reset();

  const perWindowMs: number[] = [];
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let at = 0; at + 512 <= audio.length; at += 512) {
    const t0 = performance.now();
    await model.process(audio.subarray(at, at + 512));
    perWindowMs.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const modelCpuMs = (cpu.user + cpu.system) / 1000;
  const modelWallMs = performance.now() - wall0;

  // The whole processor (windowing, hysteresis, events) fed 20 ms frames, without and with the energy pre-gate.
  const runProcessor = async (energyGateDbfs: number | null) => {
    model.reset();
    const vad = new VadProcessor({ model, energyGateDbfs });
    const cpu1 = process.cpuUsage();
    for (let at = 0; at < audio.length; at += 320) {
      await vad.push({ data: audio.slice(at, at + 320), sampleRate: 16_000, channels: 1, timestampMs: at / 16 });
    }
    await vad.flush();
    const c = process.cpuUsage(cpu1);
    return { cpuMs: (c.user + c.system) / 1000, ...vad.stats };
  };
  const ungated = await runProcessor(null);
  const gated = await runProcessor(-60);
  const processorCpuMs = ungated.cpuMs;
  await model.close();

  const windows = perWindowMs.length;
  const figures: AudioFigure[] = [
    { name: 'VAD Silero window (512 samples = 32 ms), wall', p50: percentile(perWindowMs, 50), p95: percentile(perWindowMs, 95), unit: 'ms', runs: windows },
    {
      name: 'VAD model CPU, share of one core in real time',
      p50: (modelCpuMs / audioMs) * 100,
      unit: '%',
      runs: 1,
      note: `${(audioMs / 1000).toFixed(1)} s of speech, ${modelCpuMs.toFixed(0)} ms CPU`,
    },
    {
      name: 'VAD processor (20 ms frames) CPU, share of one core',
      p50: (processorCpuMs / audioMs) * 100,
      unit: '%',
      runs: 1,
      note: 'windowing + hysteresis + events, no gate',
    },
    {
      name: 'VAD processor with -60 dBFS energy pre-gate, share of one core',
      p50: (gated.cpuMs / audioMs) * 100,
      unit: '%',
      runs: 1,
      note: `model skipped on ${gated.gatedWindows} of ${gated.gatedWindows + gated.modelWindows} windows`,
    },
  ];
  return {
    figures,
    raw: {
      audioMs,
      windows,
      modelCpuMs,
      modelWallMs,
      processorCpuMs,
      gated,
      ungated,
      perWindowP50Ms: percentile(perWindowMs, 50),
      perWindowP95Ms: percentile(perWindowMs, 95),
    },
  };
}
