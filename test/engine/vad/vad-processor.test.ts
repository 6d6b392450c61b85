import { describe, expect, it } from 'vitest';
import type { AudioFrame } from '../../../electron/engine/audio/frame';
import { ScriptedVadModel } from '../../../electron/engine/vad/vad-model';
import { VadProcessor } from '../../../electron/engine/vad/vad-processor';

const WINDOW = 512;
const WINDOW_MS = 32;

/** Runs `probabilities.length` windows of audio through a processor with a scripted model, in 20 ms frames. */
async function run(probabilities: number[], options: ConstructorParameters<typeof VadProcessor>[0]['options'] = {}) {
  const model = new ScriptedVadModel(probabilities);
  const vad = new VadProcessor({ model, options: { prefixPaddingMs: 0, ...options } });
  const log: string[] = [];
  const ends: { tMs: number; startMs: number; audio: Float32Array }[] = [];
  const probs: { tMs: number; p: number }[] = [];
  vad.on('speechStart', (e) => log.push(`start ${e.tMs}`));
  vad.on('speechEnd', (e) => {
    log.push(`end ${e.startMs}-${e.tMs}`);
    ends.push(e);
  });
  vad.on('misfire', (e) => log.push(`misfire ${e.startMs}-${e.endMs}`));
  vad.on('probability', (e) => probs.push(e));
  // Sample i carries the value i so audio slices can be checked by position.
  const total = probabilities.length * WINDOW;
  const audio = new Float32Array(total).map((_, i) => i);
  for (let at = 0; at < total; at += 320) {
    const frame: AudioFrame = { data: audio.slice(at, at + 320), sampleRate: 16_000, channels: 1, timestampMs: 1000 + at / 16 };
    await vad.push(frame);
  }
  await vad.flush();
  return { log, ends, probs, vad, model };
}

const windows = (n: number, p: number) => new Array<number>(n).fill(p);

describe('VadProcessor with a scripted model', () => {
  it('feeds the model 512-sample windows across 20 ms frames and reports one probability per window', async () => {
    const { probs, model } = await run(windows(10, 0.1));
    expect(model.calls).toBe(10);
    expect(probs.map((p) => p.tMs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => 1000 + i * WINDOW_MS));
  });

  it('starts speech at the first window at the speech threshold', async () => {
    const { log } = await run([...windows(3, 0.2), ...windows(10, 0.9), ...windows(12, 0.05)]);
    expect(log[0]).toBe(`start ${1000 + 3 * WINDOW_MS}`);
  });

  it('ends speech after silenceMs below the release threshold, at the start of that silence', async () => {
    const { log } = await run([...windows(3, 0.2), ...windows(10, 0.9), ...windows(12, 0.05)], { silenceMs: 320 });
    expect(log).toEqual([`start ${1096}`, `end ${1096}-${1096 + 10 * WINDOW_MS}`]);
  });

  it('keeps speaking while the probability stays between the release and speech thresholds', async () => {
    const { log } = await run([...windows(5, 0.9), ...windows(20, 0.4), ...windows(12, 0.05)], { speechThreshold: 0.5, releaseThreshold: 0.35 });
    expect(log).toEqual(['start 1000', `end 1000-${1000 + 25 * WINDOW_MS}`]);
  });

  it('does not end speech on a pause shorter than silenceMs', async () => {
    const { log } = await run([...windows(5, 0.9), ...windows(5, 0.05), ...windows(5, 0.9), ...windows(12, 0.05)], { silenceMs: 320 });
    expect(log).toEqual(['start 1000', `end 1000-${1000 + 15 * WINDOW_MS}`]);
  });

  it('calls speech shorter than minSpeechMs a misfire', async () => {
    const { log } = await run([...windows(2, 0.9), ...windows(12, 0.05)], { minSpeechMs: 100 });
    expect(log).toEqual(['start 1000', `misfire 1000-${1000 + 2 * WINDOW_MS}`]);
  });

  it('closes a segment still open at the end of input', async () => {
    const { log } = await run([...windows(2, 0.1), ...windows(10, 0.9)]);
    expect(log).toEqual(['start 1064', `end 1064-${1000 + 12 * WINDOW_MS}`]);
  });

  it('hands over the speech audio with prefixPaddingMs of audio before onset', async () => {
    const { ends } = await run([...windows(20, 0.1), ...windows(10, 0.9), ...windows(12, 0.05)], { prefixPaddingMs: 300 });
    const startSample = 20 * WINDOW - 300 * 16;
    expect(ends[0]!.audio[0]).toBe(startSample);
    expect(ends[0]!.audio.length).toBe(30 * WINDOW - startSample);
    expect(ends[0]!.audio.at(-1)).toBe(30 * WINDOW - 1);
  });

  it('keeps only the padding it has when speech starts near the beginning', async () => {
    const { ends } = await run([...windows(2, 0.1), ...windows(10, 0.9), ...windows(12, 0.05)], { prefixPaddingMs: 300 });
    expect(ends[0]!.audio[0]).toBe(0);
  });

  it('applies changed thresholds live', async () => {
    const model = new ScriptedVadModel(windows(100, 0.6));
    const vad = new VadProcessor({ model });
    const starts: number[] = [];
    vad.on('speechStart', (e) => starts.push(e.tMs));
    vad.updateOptions({ speechThreshold: 0.7 });
    await vad.push({ data: new Float32Array(5120), sampleRate: 16_000, channels: 1, timestampMs: 0 });
    expect(starts).toEqual([]);
    vad.updateOptions({ speechThreshold: 0.55 });
    await vad.push({ data: new Float32Array(512), sampleRate: 16_000, channels: 1, timestampMs: 320 });
    expect(starts).toEqual([320]);
  });

  it('names bad options', () => {
    const model = new ScriptedVadModel([0]);
    expect(() => new VadProcessor({ model, options: { releaseThreshold: 0.8, speechThreshold: 0.5 } })).toThrow(
      /releaseThreshold: The release threshold must not be above/,
    );
    expect(() => new VadProcessor({ model, options: { speechThreshold: 2 } })).toThrow(/speechThreshold: Enter a number from 0 to 1\./);
  });

  it('refuses frames that are not 16 kHz mono, naming what it got', async () => {
    const vad = new VadProcessor({ model: new ScriptedVadModel([0]) });
    await expect(vad.push({ data: new Float32Array(960), sampleRate: 48_000, channels: 1, timestampMs: 0 })).rejects.toThrow(/16000 Hz mono, got 48000 Hz x1/);
  });

  it('treats a model that returns NaN as silence rather than failing', async () => {
    const { log, probs } = await run(windows(5, Number.NaN));
    expect(log).toEqual([]);
    expect(probs.every((p) => p.p === 0)).toBe(true);
  });
});

describe('VadProcessor energy pre-gate', () => {
  it('skips the model on windows below the gate while not speaking, and restarts the model fresh after', async () => {
    const model = new ScriptedVadModel(() => 0.9);
    let resets = 0;
    model.reset = () => {
      resets++;
    };
    const vad = new VadProcessor({ model, energyGateDbfs: -60 });
    const starts: number[] = [];
    vad.on('speechStart', (e) => starts.push(e.tMs));
    await vad.push({ data: new Float32Array(512 * 3), sampleRate: 16_000, channels: 1, timestampMs: 0 });
    expect(model.calls).toBe(0);
    expect(vad.stats).toEqual({ modelWindows: 0, gatedWindows: 3 });
    await vad.push({ data: new Float32Array(512).fill(0.1), sampleRate: 16_000, channels: 1, timestampMs: 96 });
    expect(model.calls).toBe(1);
    expect(resets).toBe(1);
    expect(starts).toEqual([96]);
  });
});
