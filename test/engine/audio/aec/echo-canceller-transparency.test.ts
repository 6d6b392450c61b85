/**
 * With no echo in the mic (headphones, a muted speaker, a bench row without echo) the canceller
 * must change nothing: the VAD's 32 ms windows fall on the same samples with it on or off, and
 * the user's voice is never suppressed while the agent talks. Real speech: the agent reads a
 * play, the user reads another text or says a short backchannel over it.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EchoCanceller } from '../../../../electron/engine/audio/aec/echo-canceller.js';
import { loadResamplerFactory, resampleAll } from '../../../../electron/engine/audio/resampler.js';
import { readWavFile } from '../../../../electron/engine/audio/wav-reader.js';
import { atLevel } from '../../../../electron/engine/agent/simulate/echo-rooms.js';

const speech = (name: string) => fileURLToPath(new URL(`../../../fixtures/speech/${name}`, import.meta.url));
const bargein = (name: string) => fileURLToPath(new URL(`../../../fixtures/bargein/${name}`, import.meta.url));
const RATE = 16_000;
/** The mic delivers 10 ms frames; the reference is handed over 20 ms before it is heard (PlaybackQueue's lead). */
const FRAME = 160;
const LEAD = 320;

let agent: Float32Array;
let reader: Float32Array;
let backchannel: Float32Array;

beforeAll(async () => {
  const resamplers = await loadResamplerFactory();
  const dialogue = await readWavFile(speech('endgame_nagg_nell.wav'));
  agent = atLevel(resampleAll(resamplers, dialogue.samples, dialogue.sampleRate, RATE).subarray(0, RATE * 6), -20);
  reader = atLevel((await readWavFile(speech('beckett.wav'))).samples.subarray(RATE, RATE * 4), -26);
  const clip = await readWavFile(bargein('yeah-sure.wav'));
  backchannel = atLevel(resampleAll(resamplers, clip.samples, clip.sampleRate, RATE), -30);
});

/** The agent plays from 0.2 s; `user` is the whole mic (no echo in it). Returns the canceller's output frames. */
function run(user: Float32Array, atMs: number) {
  const n = RATE * 6;
  const mic = new Float32Array(n);
  mic.set(user.subarray(0, n - (atMs * RATE) / 1000), (atMs * RATE) / 1000);
  const heard = new Float32Array(n + LEAD);
  heard.set(agent.subarray(0, n - 3200), 3200);
  const aec = new EchoCanceller();
  const out = new Float32Array(n);
  const stamps: number[] = [];
  for (let s = 0; s < n; s += FRAME) {
    const ahead = s + LEAD;
    aec.pushReference({ data: heard.slice(ahead, ahead + FRAME), sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE }, (ahead * 1000) / RATE);
    const frame = aec.process({ data: mic.slice(s, s + FRAME), sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE });
    stamps.push(frame.timestampMs - (s * 1000) / RATE);
    out.set(frame.data, s);
  }
  return { mic, out, stamps, aec };
}

function firstDifference(a: Float32Array, b: Float32Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('EchoCanceller with no echo in the mic', () => {
  it('passes the mic through sample for sample, with no delay, while the agent talks', () => {
    const r = run(reader, 1000);
    expect(r.aec.latencyMs).toBe(0);
    expect(new Set(r.stamps)).toEqual(new Set([0]));
    expect(firstDifference(r.out, r.mic)).toBe(-1);
  });

  it('does not attenuate a backchannel said over the agent', () => {
    const r = run(backchannel, 2500);
    const at = (2500 * RATE) / 1000;
    const span = (x: Float32Array) => x.subarray(at, at + backchannel.length);
    expect(firstDifference(span(r.out), span(r.mic))).toBe(-1);
  });
});
