import { describe, expect, it } from 'vitest';
import { MAX_ONSET_SHIFT_MS, MAX_SHIFT_MS, VoiceEndFinder } from '../../../electron/engine/agent/voice-end.js';

const RATE = 16_000;
const FRAME = 320; // 20 ms

/** 20 ms frames from 0 ms: `noise` everywhere (uniform, amplitude a), a 300 Hz tone of `tone` amplitude in [fromMs, toMs). */
function frames(totalMs: number, voice: { fromMs: number; toMs: number; tone: number }, noise = 0) {
  let seed = 7;
  const out = [];
  for (let t = 0; t < totalMs; t += 20) {
    const data = new Float32Array(FRAME);
    for (let i = 0; i < FRAME; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const ms = t + (i * 1000) / RATE;
      const v = ms >= voice.fromMs && ms < voice.toMs ? voice.tone * Math.sin((2 * Math.PI * 300 * i) / RATE) : 0;
      data[i] = v + noise * ((seed / 2147483648) * 2 - 1);
    }
    out.push({ data, sampleRate: RATE, channels: 1, timestampMs: t });
  }
  return out;
}

function run(totalMs: number, voice: { fromMs: number; toMs: number; tone: number }, noise: number, edgeMs: number): number {
  const f = new VoiceEndFinder();
  let speaking = false;
  for (const fr of frames(totalMs, voice, noise)) {
    if (!speaking && fr.timestampMs >= voice.fromMs) {
      speaking = true;
      f.speechStarted();
    }
    f.push(fr, speaking);
  }
  return f.refine(edgeMs);
}

describe('where the voice really ended', () => {
  it('finds the voice end a lagging VAD edge trails (to the frame)', () => {
    expect(run(2000, { fromMs: 1000, toMs: 1500, tone: 0.3 }, 0, 1680)).toBe(1500);
  });

  it('in a noisy room (-50 dB), the room does not count as voice', () => {
    expect(run(2000, { fromMs: 1000, toMs: 1500, tone: 0.1 }, 0.005, 1660)).toBe(1500);
  });

  it('never moves the edge later, nor earlier than MAX_SHIFT_MS', () => {
    expect(run(2000, { fromMs: 1000, toMs: 1500, tone: 0.3 }, 0, 1400)).toBe(1400);
    expect(run(2400, { fromMs: 1000, toMs: 1500, tone: 0.3 }, 0, 1900)).toBe(1900 - MAX_SHIFT_MS);
  });

  it('without levels (no audio seen) keeps the VAD edge', () => {
    expect(new VoiceEndFinder().refine(1234)).toBe(1234);
  });
});

/** Feeds frames up to `vadMs + heardMs` as the session does (not speaking yet), opens speech, returns refineStart(vadMs). */
function onset(voice: { fromMs: number; toMs: number; tone: number }, noise: number, vadMs: number, lead?: { fromMs: number; tone: number }): number {
  const f = new VoiceEndFinder();
  for (const fr of frames(vadMs + 60, voice, noise)) {
    if (lead && fr.timestampMs >= lead.fromMs && fr.timestampMs < voice.fromMs) for (let i = 0; i < fr.data.length; i++) fr.data[i]! += lead.tone * Math.sin(i);
    f.push(fr, false);
  }
  f.speechStarted();
  return f.refineStart(vadMs);
}

describe('where the voice really began', () => {
  it('finds the onset of a voice the VAD heard late (a soft "s" before the vowel), to the frame', () => {
    // A fricative 18 dB under the vowel for 100 ms, then the vowel; the VAD opens at the vowel.
    expect(onset({ fromMs: 1100, toMs: 1500, tone: 0.3 }, 0, 1100, { fromMs: 1000, tone: 0.04 })).toBe(1000);
  });

  it('in a noisy room (-50 dB), the room before the voice does not count', () => {
    expect(onset({ fromMs: 1000, toMs: 1500, tone: 0.1 }, 0.005, 1040)).toBe(1000);
  });

  it('never moves the onset later, nor earlier than MAX_ONSET_SHIFT_MS', () => {
    expect(onset({ fromMs: 1000, toMs: 1500, tone: 0.3 }, 0, 960)).toBe(960);
    const capped = onset({ fromMs: 700, toMs: 1500, tone: 0.3 }, 0, 1000);
    expect(capped).toBeGreaterThanOrEqual(1000 - MAX_ONSET_SHIFT_MS);
    expect(capped).toBeLessThan(1000 - MAX_ONSET_SHIFT_MS + 20); // to the 20 ms frame
  });

  it('a breath far under the voice (35 dB) is not the voice', () => {
    expect(onset({ fromMs: 1100, toMs: 1500, tone: 0.3 }, 0, 1100, { fromMs: 1000, tone: 0.005 })).toBe(1100);
  });

  it('without levels (no audio seen) keeps the VAD onset', () => {
    expect(new VoiceEndFinder().refineStart(1234)).toBe(1234);
  });
});
