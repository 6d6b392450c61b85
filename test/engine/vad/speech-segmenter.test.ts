import { describe, expect, it } from 'vitest';
import { GAP_MS, SpeechSegmenter, TENTATIVE_MAX_MS } from '../../../electron/engine/vad/speech-segmenter';
import { DEFAULT_VAD_OPTIONS, resolveVadOptions, type VadOptions } from '../../../electron/engine/vad/vad-options';
import { ScriptedVadModel } from '../../../electron/engine/vad/vad-model';
import { VadProcessor } from '../../../electron/engine/vad/vad-processor';

const WINDOW_MS = 32;

/** Feeds one probability per 32 ms window from t = 0; returns the events as short strings. */
function feed(probabilities: number[], options: Partial<VadOptions> = {}): string[] {
  const segmenter = new SpeechSegmenter(resolveVadOptions({ ...DEFAULT_VAD_OPTIONS, ...options }));
  const log: string[] = [];
  probabilities.forEach((p, i) => {
    for (const e of segmenter.feed(p, i * WINDOW_MS, (i + 1) * WINDOW_MS)) {
      log.push(e.type === 'speechEnd' || e.type === 'misfire' ? `${e.type} ${e.startMs}-${e.endMs}` : `${e.type} ${e.tMs}`);
    }
  });
  return log;
}

const windows = (n: number, p: number) => new Array<number>(n).fill(p);

describe('tentative speech onsets (defaults: tentative 0.3, speech 0.5)', () => {
  it('reports a window at the tentative threshold as likely speech', () => {
    expect(feed([0.1, 0.3])).toEqual(['speechLikely 32']);
  });

  it('starts the confirmed segment where the tentative onset began', () => {
    expect(feed([0.1, 0.35, 0.4, 0.9])).toEqual(['speechLikely 32', 'speechStart 32']);
  });

  it('keeps a tentative onset through low windows when speech confirms it in time (espeak "stop": 0.35, 0.15, 0.22, 0.99)', () => {
    expect(feed([0.05, 0.35, 0.15, 0.22, 0.99])).toEqual(['speechLikely 32', 'speechStart 32']);
  });

  it(`withdraws a tentative onset that speech has not confirmed ${TENTATIVE_MAX_MS} ms after it began`, () => {
    const five = TENTATIVE_MAX_MS / WINDOW_MS;
    expect(feed([0.4, ...windows(five - 2, 0.1)])).toEqual(['speechLikely 0']);
    expect(feed([0.4, ...windows(five - 1, 0.1)])).toEqual(['speechLikely 0', `speechUnlikely ${TENTATIVE_MAX_MS}`]);
  });

  it('confirms on the last window before the withdrawal', () => {
    expect(feed([0.4, 0.1, 0.1, 0.1, 0.9])).toEqual(['speechLikely 0', 'speechStart 0']);
  });

  it('ducks a steady 0.3-0.5 background once, not on and off', () => {
    expect(feed(windows(40, 0.4))).toEqual(['speechLikely 0', `speechUnlikely ${TENTATIVE_MAX_MS}`]);
  });

  it('rests as long as a tentative onset lasts after a withdrawal, then re-arms on a low window', () => {
    // withdrawn at 160; windows starting before 320 cannot start a new one
    const log = feed([0.4, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4, 0.1, 0.1, 0.1, 0.4]);
    expect(log).toEqual(['speechLikely 0', 'speechUnlikely 160', 'speechLikely 320']);
  });

  it('counts the shortest speech from the first confident window, not from the tentative lead-in', () => {
    // 1 tentative + 3 confident windows = 128 ms in all, 96 ms confident: still a breath (minSpeechMs 128)
    const log = feed([0.4, 0.9, 0.9, 0.9, ...windows(12, 0.05)]);
    expect(log).toEqual(['speechLikely 0', 'speechStart 0', 'speechGap 128', 'misfire 0-128']);
  });

  it('is off when the tentative threshold equals the speech threshold', () => {
    expect(feed([0.1, 0.45, 0.45, 0.9], { tentativeThreshold: 0.5 })).toEqual(['speechStart 96']);
  });

  it('is off when the tentative threshold is above the speech threshold (a low speech threshold saved before it existed)', () => {
    expect(feed([0.1, 0.22, 0.26], { speechThreshold: 0.25, releaseThreshold: 0.1 })).toEqual(['speechStart 64']);
  });
});

describe(`gaps inside speech (${GAP_MS} ms below the release threshold, before the segment ends)`, () => {
  it(`reports a gap once the quiet has lasted ${GAP_MS} ms, not one window sooner, dated where the quiet began`, () => {
    const windowsToGap = GAP_MS / WINDOW_MS;
    expect(feed([...windows(5, 0.9), ...windows(windowsToGap - 1, 0.1)])).toEqual(['speechStart 0']);
    expect(feed([...windows(5, 0.9), ...windows(windowsToGap, 0.1)])).toEqual(['speechStart 0', 'speechGap 160']);
  });

  it('ends the gap when speech comes back within the segment', () => {
    expect(feed([...windows(5, 0.9), ...windows(4, 0.1), 0.9])).toEqual(['speechStart 0', 'speechGap 160', 'speechGapEnd 288']);
  });

  it('reports no gap for a dip of two windows inside a word', () => {
    expect(feed([...windows(5, 0.9), 0.1, 0.1, ...windows(5, 0.9)])).toEqual(['speechStart 0']);
  });

  it('reports the gap before the segment ends, then the end at the same edge', () => {
    expect(feed([...windows(5, 0.9), ...windows(12, 0.1)])).toEqual(['speechStart 0', 'speechGap 160', 'speechEnd 0-160']);
  });
});

describe('VadProcessor with tentative onsets', () => {
  it('emits likely/unlikely and hands over speech audio from the tentative onset, plus the prefix', async () => {
    const model = new ScriptedVadModel([0, 0, 0.4, 0.9, 0.9, 0.9, 0.9, ...windows(12, 0.05)]);
    const vad = new VadProcessor({ model, options: { prefixPaddingMs: 32 } });
    const log: string[] = [];
    let audioSamples = 0;
    vad.on('speechLikely', (e) => log.push(`likely ${e.tMs}`));
    vad.on('speechStart', (e) => log.push(`start ${e.tMs}`));
    vad.on('speechEnd', (e) => {
      log.push(`end ${e.startMs}-${e.tMs}`);
      audioSamples = e.audio.length;
    });
    const total = 19 * 512;
    for (let at = 0; at < total; at += 320)
      await vad.push({ data: new Float32Array(Math.min(320, total - at)), sampleRate: 16_000, channels: 1, timestampMs: at / 16 });
    await vad.flush();
    expect(log).toEqual(['likely 64', 'start 64', 'end 64-224']);
    // 32 ms of prefix before the tentative onset at 64, to the end at 224: 192 ms
    expect(audioSamples).toBe(192 * 16);
  });
});
