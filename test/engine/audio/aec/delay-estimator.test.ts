/**
 * The bulk delay in front of the echo (an output latency the device did not report: a
 * Bluetooth speaker, a resampling driver) is found early in the agent's first sentence, and a
 * plain laptop echo never moves the filter's window. Real speech through an image-source room.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EchoCanceller } from '../../../../electron/engine/audio/aec/echo-canceller.js';
import type { AudioFrame } from '../../../../electron/engine/audio/frame.js';
import { loadResamplerFactory, resampleAll } from '../../../../electron/engine/audio/resampler.js';
import { readWavFile } from '../../../../electron/engine/audio/wav-reader.js';
import { EchoPath } from '../../../../electron/engine/agent/simulate/echo-path.js';
import { echoFigures } from '../../../../electron/engine/agent/simulate/echo-metrics.js';
import { runEchoOffline } from '../../../../electron/engine/agent/simulate/echo-offline.js';
import { roomFromResponse } from '../../../../electron/engine/agent/simulate/echo-room.js';
import { atLevel, echoRoom } from '../../../../electron/engine/agent/simulate/echo-rooms.js';
import { imageSourceResponse } from '../../../../electron/engine/agent/simulate/image-source.js';
import { synthesizeTexts } from '../../../../electron/engine/agent/simulate/synthesize.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/speech/${name}`, import.meta.url));
const AGENT_AT_MS = 200;
let agent: Float32Array;
/** A synthetic voice (flite slt) as simulate plays it: its sentence starts with 0.2 s of near-silence (50-70 dB down). */
let synthetic: Float32Array;

beforeAll(async () => {
  const resamplers = await loadResamplerFactory();
  const text = 'The next train to Edinburgh leaves at nine fifteen from platform four.';
  const speech = (await synthesizeTexts([text], 'slt')).get(text)!;
  synthetic = atLevel(resampleAll(resamplers, speech.samples, speech.sampleRate, 16_000), -20);
  const dialogue = await readWavFile(fixture('endgame_nagg_nell.wav'));
  agent = atLevel(resampleAll(resamplers, dialogue.samples, dialogue.sampleRate, 16_000).subarray(0, 16_000 * 9), -20);
  // flite's synthesis takes seconds on a busy machine.
}, 30_000);

const study = imageSourceResponse(echoRoom('study', [4.0, 3.5, 2.6], 350, 0.15));
const meetingRoom = imageSourceResponse(echoRoom('meeting room', [7.0, 5.0, 3.0], 800, 0.8));
const hall = imageSourceResponse(echoRoom('hall', [9.0, 6.5, 3.5], 900, 1.2));

/** Runs the canceller over an echo `delayMs` late; the filter window's delay after each mic frame, by time since the agent started. */
function run(delayMs: number, durationMs: number, room = study, driveDb?: number, voice = agent) {
  const canceller = new EchoCanceller();
  const windowDelay: { atMs: number; delayMs: number }[] = [];
  const process = canceller.process.bind(canceller);
  canceller.process = (frame: AudioFrame) => {
    const out = process(frame);
    windowDelay.push({ atMs: frame.timestampMs + 20 - AGENT_AT_MS, delayMs: canceller.stats().delayMs });
    return out;
  };
  const path = new EchoPath({ room: roomFromResponse(room, -26 + 20, delayMs), ...(driveDb ? { driveDb } : {}) });
  const traces = runEchoOffline({ agent: voice, agentAtMs: AGENT_AT_MS, user: [], path, processor: canceller, durationMs });
  return { windowDelay, figures: echoFigures(traces) };
}

describe('DelayEstimator through the canceller', () => {
  it('finds an unreported 180 ms output latency within the first second of agent speech', () => {
    const { windowDelay } = run(180, 3000);
    // The window sits on the echo when the echo's onset is in its first quarter (64 ms).
    const found = windowDelay.find((w) => w.delayMs <= 180 && 180 <= w.delayMs + 64);
    expect(found, 'the window never moved onto the echo').toBeDefined();
    expect(found!.atMs).toBeLessThanOrEqual(1000);
  });

  it('keeps cancelling while it looks for an unreported latency: the mic is not passed through as if there were no echo', () => {
    const { figures } = run(180, 3000, meetingRoom);
    // An echo the filter's window does not reach yet is still echo: the envelope follows the
    // reference at another lag, so the canceller must not call the path absent (it then passed
    // the mic through untouched and the first second kept 3.5 dB here).
    expect(figures.erleFirstSecondDb).toBeGreaterThanOrEqual(15);
  });

  it('keeps suppressing the first second of a synthetic voice whose echo comes 180 ms late', () => {
    // The reference's first syllable reaches the filter's window before its echo reaches the
    // mic: the filter then predicts echo where the mic is still near-silent. Those blocks
    // counted as echo alone, "measured" the filter's 6 dB and ended the start-up estimate, so
    // the first second of echo went through with 4.4 dB removed.
    const { figures } = run(180, 2500, meetingRoom, undefined, synthetic);
    expect(figures.erleFirstSecondDb).toBeGreaterThanOrEqual(15);
  });

  it('finds an unreported latency with a desk speaker across a hall, where the envelopes correlate at only 0.7-0.8', () => {
    for (const voice of [synthetic, agent]) {
      const { windowDelay, figures } = run(180, 9000, hall, undefined, voice);
      // The envelope peaks ~30 ms after the echo's onset here: the window lands within a few blocks of it.
      const found = windowDelay.find((w) => Math.abs(w.delayMs - 180) <= 32);
      expect(found, 'the window never moved onto the echo').toBeDefined();
      expect(found!.atMs).toBeLessThanOrEqual(1300);
      // The window left at 0 kept 7 dB once converged (flite); on the echo it keeps 14-22.
      expect(figures.erleConvergedDb).toBeGreaterThanOrEqual(12);
    }
  });

  it('never moves the window for an echo inside it (a laptop, 10 ms)', () => {
    const { windowDelay, figures } = run(10, 9000);
    expect(Math.max(...windowDelay.map((w) => w.delayMs))).toBe(0);
    expect(figures.erleConvergedDb).toBeGreaterThanOrEqual(18);
  });

  it('keeps the window on the direct path in a reverberant room with a distorting speaker, where the envelope peaks 40-90 ms late', () => {
    const { windowDelay } = run(10, 9000, meetingRoom, 12);
    expect(Math.max(...windowDelay.map((w) => w.delayMs))).toBe(0);
  });
});
