import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readWavFile } from '../../../electron/engine/audio/wav-reader.js';
import { EchoGuard } from '../../../electron/engine/turn/echo-guard.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/speech/${name}`, import.meta.url));
const RATE = 16000;
const FRAME = 320;
let agent: Float32Array;
let user: Float32Array;

beforeAll(async () => {
  agent = (await readWavFile(fixture('beckett.wav'))).samples;
  user = (await readWavFile(fixture('intent.wav'))).samples.subarray(RATE, 4 * RATE);
});

/**
 * Plays real speech as the agent, feeds it back into the mic with the given echo path, and
 * optionally mixes a real user utterance in at 5 s. Counts 10 ms blocks after the first second.
 */
function run(gainDb: number, delayMs: number, withUser: boolean) {
  const guard = new EchoGuard({ marginDb: 6, maxDelayMs: 250 });
  const gain = 10 ** (gainDb / 20);
  const delay = (delayMs * RATE) / 1000;
  const userStart = 5 * RATE;
  const counts = { echoPassed: 0, echoBlocks: 0, userPassed: 0, userBlocks: 0 };
  for (let i = 0; i + FRAME <= agent.length; i += FRAME) {
    const tMs = (i / RATE) * 1000;
    guard.pushReference({ data: agent.slice(i, i + FRAME), sampleRate: RATE, channels: 1, timestampMs: tMs });
    const mic = new Float32Array(FRAME);
    const voice = new Float32Array(FRAME);
    for (let k = 0; k < FRAME; k++) {
      const j = i + k - delay;
      mic[k] = j >= 0 ? agent[j]! * gain : 0;
      const u = i + k - userStart;
      if (withUser && u >= 0 && u < user.length) voice[k] = user[u]!;
      mic[k]! += voice[k]!;
    }
    const gated = guard.processMic({ data: mic, sampleRate: RATE, channels: 1, timestampMs: tMs }).frame.data;
    if (tMs < 1000) continue;
    for (let b = 0; b < FRAME; b += 160) {
      let voicePower = 0;
      let micPower = 0;
      for (let k = b; k < b + 160; k++) {
        voicePower += voice[k]! ** 2 / 160;
        micPower += mic[k]! ** 2 / 160;
      }
      const passed = gated.subarray(b, b + 160).some((v) => v !== 0);
      if (voicePower > 1e-5) {
        counts.userBlocks++;
        if (passed) counts.userPassed++;
      } else if (micPower > 1e-7) {
        counts.echoBlocks++;
        if (passed) counts.echoPassed++;
      }
    }
  }
  return { ...counts, estimate: guard.estimate };
}

describe('echo guard on real speech', () => {
  for (const gainDb of [-10, -20, -30]) {
    for (const delayMs of [20, 50, 80]) {
      it(`learns a ${gainDb} dB / ${delayMs} ms echo path and lets (almost) no echo through`, () => {
        const r = run(gainDb, delayMs, false);
        expect(r.estimate?.delayMs).toBeGreaterThanOrEqual(delayMs - 10);
        expect(r.estimate?.delayMs).toBeLessThanOrEqual(delayMs + 10);
        // The gain is relative to the reverberant envelope (at or above the reference), so on
        // a dry path it reads a little low; the prediction uses the same envelope.
        expect(r.estimate!.gainDb).toBeGreaterThan(gainDb - 3.5);
        expect(r.estimate!.gainDb).toBeLessThan(gainDb + 1);
        expect(r.echoBlocks).toBeGreaterThan(100);
        expect(r.echoPassed / r.echoBlocks).toBeLessThan(0.01);
      });
    }
  }

  it('passes a real user voice talking over a -10 dB echo', () => {
    const r = run(-10, 50, true);
    expect(r.userBlocks).toBeGreaterThan(100);
    // Speech has quiet consonants and gaps; the VAD needs the voiced core, which passes.
    expect(r.userPassed / r.userBlocks).toBeGreaterThan(0.4);
    expect(r.echoPassed / r.echoBlocks).toBeLessThan(0.01);
  });

  it('passes everything while the agent is silent', () => {
    const guard = new EchoGuard({ marginDb: 6, maxDelayMs: 250 });
    const data = user.slice(0, FRAME);
    const r = guard.processMic({ data, sampleRate: RATE, channels: 1, timestampMs: 0 });
    expect(r.gatedBlocks).toBe(0);
    expect(r.frame.data).toEqual(data);
  });

  it('before it has learnt the path, it assumes an echo as loud as the output', () => {
    const guard = new EchoGuard({ marginDb: 6, maxDelayMs: 250 });
    const loud = agent.slice(RATE, RATE + FRAME);
    guard.pushReference({ data: loud, sampleRate: RATE, channels: 1, timestampMs: 0 });
    const asLoud = guard.processMic({ data: loud, sampleRate: RATE, channels: 1, timestampMs: 40 });
    expect(asLoud.passedBlocks).toBe(0);
  });
});
