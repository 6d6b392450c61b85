/**
 * The echo canceller on real speech through simulated rooms (image-source responses, speaker
 * distortion, drift, a moved laptop): the agent's voice is removed, the user's is kept.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EchoCanceller } from '../../../../electron/engine/audio/aec/echo-canceller.js';
import { loadResamplerFactory, resampleAll } from '../../../../electron/engine/audio/resampler.js';
import { readWavFile } from '../../../../electron/engine/audio/wav-reader.js';
import { EchoPath, type EchoPathSpec } from '../../../../electron/engine/agent/simulate/echo-path.js';
import { echoFigures } from '../../../../electron/engine/agent/simulate/echo-metrics.js';
import { runEchoOffline } from '../../../../electron/engine/agent/simulate/echo-offline.js';
import { roomFromResponse } from '../../../../electron/engine/agent/simulate/echo-room.js';
import { imageSourceResponse } from '../../../../electron/engine/agent/simulate/image-source.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/speech/${name}`, import.meta.url));

let agent: Float32Array;
let user: Float32Array;

beforeAll(async () => {
  const resamplers = await loadResamplerFactory();
  // The agent: two people reading a play (24 kHz), as the speaker would play it.
  const dialogue = await readWavFile(fixture('endgame_nagg_nell.wav'));
  agent = resampleAll(resamplers, dialogue.samples, dialogue.sampleRate, 16_000).subarray(0, 16_000 * 9);
  // The user: another person reading (16 kHz).
  user = (await readWavFile(fixture('beckett.wav'))).samples.subarray(16_000, 16_000 * 4);
});

const laptopRoom = (t60Ms: number, seed: number) =>
  imageSourceResponse({ size: [4.2 + seed * 0.3, 3.6, 2.6], speaker: [1.5, 1.2, 0.8], mic: [1.5 + 0.12 + seed * 0.05, 1.3, 0.85], t60Ms, lengthMs: 400 });

function run(spec: Omit<EchoPathSpec, 'room'> & { gainDb?: number; t60Ms?: number }, userAtMs: number | null, durationMs = 9000) {
  const room = roomFromResponse(laptopRoom(spec.t60Ms ?? 400, 1), spec.gainDb ?? 0, 10);
  const path = new EchoPath({ ...spec, room });
  const canceller = new EchoCanceller();
  const traces = runEchoOffline({
    agent,
    agentAtMs: 200,
    user: userAtMs === null ? [] : [{ samples: user, atMs: userAtMs }],
    path,
    processor: canceller,
    durationMs,
  });
  return { ...echoFigures(traces), canceller, traces };
}

describe('EchoCanceller on real speech', () => {
  it('removes the agent’s voice: at least 15 dB in the first second, 25 dB once converged', () => {
    const r = run({}, null);
    expect(r.erleFirstSecondDb).toBeGreaterThanOrEqual(15);
    expect(r.erleConvergedDb).toBeGreaterThanOrEqual(25);
  });

  it('keeps the user’s voice in double talk and does not lose the echo path to it', () => {
    const r = run({}, 4000);
    expect(r.doubleTalk).not.toBeNull();
    // The user's voice comes through nearly intact (the gate zeroes whole blocks of it instead).
    expect(r.doubleTalk!.correlation).toBeGreaterThan(0.9);
    expect(r.doubleTalk!.snrDb).toBeGreaterThan(8);
    // After the user stops the echo is still cancelled: the filter did not diverge.
    const after = echoFigures(sliceTraces(r.traces, 7500 * 16, 9000 * 16));
    expect(after.erleDb).toBeGreaterThanOrEqual(20);
  });

  it('recovers when the laptop is moved (echo path change)', () => {
    const changed = roomFromResponse(laptopRoom(600, 3), 3, 25);
    const r = run({ change: { atMs: 4000, room: changed } }, null, 9000);
    // From one second after the change on, the echo is cancelled again.
    const recovered = echoFigures(sliceTraces(r.traces, 5400 * 16, 9000 * 16));
    expect(recovered.erleDb).toBeGreaterThanOrEqual(20);
  });

  for (const driftPpm of [100, -100]) {
    it(`follows clock drift of ${driftPpm} ppm`, () => {
      const r = run({ driftPpm }, null);
      expect(r.erleConvergedDb).toBeGreaterThanOrEqual(20);
    });
  }

  it('removes a distorting loudspeaker’s echo (soft clipping, 12 dB drive)', () => {
    const r = run({ driveDb: 12 }, null);
    expect(r.erleConvergedDb).toBeGreaterThanOrEqual(20);
  });
});

function sliceTraces(t: { mic: Float32Array; cancelled: Float32Array; echo: Float32Array; user: Float32Array }, from: number, to: number) {
  return { mic: t.mic.subarray(from, to), cancelled: t.cancelled.subarray(from, to), echo: t.echo.subarray(from, to), user: t.user.subarray(from, to) };
}
