import { loadResamplerFactory } from '../electron/engine/audio/resampler';
import type { AudioFigure } from './audio-stats';

const CASES: [number, number, string][] = [
  [24_000, 48_000, 'TTS 24 kHz to a 48 kHz device'],
  [48_000, 16_000, 'a 48 kHz microphone to the engine'],
  [44_100, 16_000, 'a 44.1 kHz microphone to the engine'],
  [16_000, 48_000, 'engine rate to a 48 kHz device'],
];

/** Streaming cost in 20 ms chunks, as the queue and inputs use it: CPU as a share of real time. */
export async function benchResample(): Promise<{ figures: AudioFigure[]; raw: Record<string, unknown> }> {
  const factory = await loadResamplerFactory({ spare: 2 });
  const figures: AudioFigure[] = [];
  const raw: Record<string, unknown> = {};
  const seconds = 20;
  for (const [inRate, outRate, what] of CASES) {
    const input = new Float32Array(inRate * seconds).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 300 * i) / inRate));
    const chunk = Math.round(inRate / 50);
    const r = factory.create({ inputRate: inRate, outputRate: outRate });
    r.process(input.subarray(0, chunk));
    const cpu0 = process.cpuUsage();
    for (let at = 0; at < input.length; at += chunk) r.process(input.subarray(at, at + chunk));
    const cpu = process.cpuUsage(cpu0);
    r.release();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const pct = (cpuMs / (seconds * 1000)) * 100;
    figures.push({ name: `resample ${inRate / 1000}k -> ${outRate / 1000}k (SINC_FASTEST, 20 ms chunks)`, p50: pct, unit: '% core', runs: 1, note: what });
    raw[`${inRate}->${outRate}`] = { cpuMs, seconds, percentOfCore: pct };
  }
  return { figures, raw };
}
