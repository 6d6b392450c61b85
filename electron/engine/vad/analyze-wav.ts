import { systemClock } from '../clock.js';
import type { DecodedWav } from '../audio/wav-reader.js';
import { WavFileInput } from '../audio/wav-file-input.js';
import { SileroVadModel } from './silero-vad-model.js';
import type { VadModel } from './vad-model.js';
import type { VadOptions } from './vad-options.js';
import { VadProcessor } from './vad-processor.js';

export interface WavVadReport {
  segments: { startMs: number; endMs: number }[];
  misfires: { startMs: number; endMs: number }[];
  /** Tentative onsets, and those withdrawn (no speech followed): each withdrawn one is a brief duck for nothing. */
  tentative: { onsets: number; withdrawn: number };
  /** One per 32 ms window, when asked for. */
  probabilities?: { tMs: number; p: number }[];
  durationMs: number;
}

/**
 * Runs a whole WAV (any supported rate, mono or stereo) through the VAD as fast as the
 * model allows, in file time. Used by the `vad` CLI, the tests and the benchmark.
 */
export async function analyzeWav(
  source: string | DecodedWav,
  options: { model?: VadModel; vad?: Partial<VadOptions>; withProbabilities?: boolean } = {},
): Promise<WavVadReport> {
  const ownModel = options.model ? null : await SileroVadModel.load();
  const model = options.model ?? ownModel!;
  try {
    model.reset();
    const vad = new VadProcessor({ model, options: options.vad });
    const report: WavVadReport = { segments: [], misfires: [], tentative: { onsets: 0, withdrawn: 0 }, durationMs: 0 };
    if (options.withProbabilities) report.probabilities = [];
    vad.on('speechEnd', (e) => report.segments.push({ startMs: e.startMs, endMs: e.tMs }));
    vad.on('misfire', (e) => report.misfires.push(e));
    vad.on('speechLikely', () => report.tentative.onsets++);
    vad.on('speechUnlikely', () => report.tentative.withdrawn++);
    vad.on('probability', (e) => report.probabilities?.push({ tMs: e.tMs, p: Math.round(e.p * 1000) / 1000 }));
    const input = new WavFileInput({ source, clock: systemClock, pace: 'fast' });
    let last: Promise<void> = Promise.resolve();
    input.on('frame', (frame) => {
      last = vad.push(frame);
    });
    await input.start();
    await last;
    await vad.flush();
    report.durationMs = input.durationMs;
    return report;
  } finally {
    await ownModel?.close();
  }
}
