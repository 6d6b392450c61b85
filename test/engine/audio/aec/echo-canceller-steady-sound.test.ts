/**
 * Headphones (no echo path at all) in a room with a steady sound: a tone or hum is predictable,
 * so the linear filter cancels part of it for a moment wherever the agent's voice has energy at
 * its frequency. That must not count as an echo path: the canceller took the tone for echo
 * after 6 s and its suppressor then removed it, and anything at its level, by 8-15 dB.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EchoCanceller } from '../../../../electron/engine/audio/aec/echo-canceller.js';
import { loadResamplerFactory, resampleAll } from '../../../../electron/engine/audio/resampler.js';
import { atLevel } from '../../../../electron/engine/agent/simulate/echo-rooms.js';
import { synthesizeTexts } from '../../../../electron/engine/agent/simulate/synthesize.js';

const RATE = 16_000;
/** The mic delivers 10 ms frames; the reference is handed over 20 ms before it is heard (PlaybackQueue's lead). */
const FRAME = 160;
const LEAD = 320;
let agent: Float32Array;

beforeAll(async () => {
  const text =
    'The next train to Edinburgh leaves at nine fifteen from platform four, and it calls at York and Newcastle before arriving just after one. Tickets are available at the machines in the hall.';
  const speech = (await synthesizeTexts([text], 'slt')).get(text)!;
  agent = atLevel(resampleAll(await loadResamplerFactory(), speech.samples, speech.sampleRate, RATE), -20);
  // flite's synthesis takes seconds on a busy machine.
}, 30_000);

describe('EchoCanceller with headphones and a steady sound in the room', () => {
  it('never takes a 300 Hz tone for the agent’s echo: the mic passes unchanged while the agent talks', () => {
    const n = RATE * 12;
    const mic = atLevel(
      Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 300 * i) / RATE)),
      -20,
    );
    const heard = new Float32Array(n + LEAD);
    heard.set(agent.subarray(0, n - 3200), 3200);
    const aec = new EchoCanceller();
    const out = new Float32Array(n);
    for (let s = 0; s < n; s += FRAME) {
      const ahead = s + LEAD;
      aec.pushReference({ data: heard.slice(ahead, ahead + FRAME), sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE }, (ahead * 1000) / RATE);
      out.set(aec.process({ data: mic.slice(s, s + FRAME), sampleRate: RATE, channels: 1, timestampMs: (s * 1000) / RATE }).data, s);
    }
    // From 1.5 s on (the path is judged absent after a second of agent audio), every half second.
    const power = (x: Float32Array, at: number) => x.subarray(at, at + RATE / 2).reduce((sum, v) => sum + v * v, 0);
    const worstDb: number[] = [];
    for (let at = RATE * 1.5; at + RATE / 2 <= n; at += RATE / 2) worstDb.push(10 * Math.log10(power(out, at) / power(mic, at)));
    // Before: -13.7 dB at 7-7.5 s (the path taken as found at 6.6 s).
    expect(Math.min(...worstDb)).toBeGreaterThan(-0.5);
  });
});
