/**
 * The first second of agent speech in rooms with a long reverberation: the filter removes its
 * first 6 dB within a few tenths of a second there, long before it has learned the room's tail,
 * so the suppressor's start-up estimate must not end on that alone. A synthetic voice (flite,
 * as simulate plays it) through image-source rooms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EchoCanceller } from '../../../../electron/engine/audio/aec/echo-canceller.js';
import { loadResamplerFactory, resampleAll } from '../../../../electron/engine/audio/resampler.js';
import { EchoPath } from '../../../../electron/engine/agent/simulate/echo-path.js';
import { echoFigures } from '../../../../electron/engine/agent/simulate/echo-metrics.js';
import { runEchoOffline } from '../../../../electron/engine/agent/simulate/echo-offline.js';
import { roomFromResponse } from '../../../../electron/engine/agent/simulate/echo-room.js';
import { atLevel, echoRoom } from '../../../../electron/engine/agent/simulate/echo-rooms.js';
import { imageSourceResponse } from '../../../../electron/engine/agent/simulate/image-source.js';
import { synthesizeTexts } from '../../../../electron/engine/agent/simulate/synthesize.js';

let agent: Float32Array;

beforeAll(async () => {
  const text = 'Your table for four is booked at eight, and the restaurant asks you to arrive ten minutes early.';
  const speech = (await synthesizeTexts([text], 'slt')).get(text)!;
  agent = atLevel(resampleAll(await loadResamplerFactory(), speech.samples, speech.sampleRate, 16_000), -20);
  // flite's synthesis takes seconds on a busy machine.
}, 30_000);

/** The echo at the user's level (agent -20 dBFS, echo gain -6 dB on a unit-energy response), 10 ms after the reference. */
function firstSecondDb(room: ReturnType<typeof echoRoom>): number {
  const path = new EchoPath({ room: roomFromResponse(imageSourceResponse(room), -6, 10) });
  const traces = runEchoOffline({ agent, agentAtMs: 200, user: [], path, processor: new EchoCanceller(), durationMs: 2500 });
  return echoFigures(traces).erleFirstSecondDb!;
}

describe('EchoCanceller, the first second in a reverberant room', () => {
  it('removes at least 15 dB of the echo in a meeting room, the speaker 80 cm away', () => {
    // The start-up estimate ended on the filter's first 6 dB: 9.5 dB over the first second.
    expect(firstSecondDb(echoRoom('meeting room', [7.0, 5.0, 3.0], 800, 0.8))).toBeGreaterThanOrEqual(15);
  });
});
