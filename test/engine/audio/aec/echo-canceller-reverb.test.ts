/**
 * The agent's echo in rooms with a long reverberation, once the canceller has converged: most
 * of the echo there lies beyond the 256 ms filter, in the room's tail after each syllable, and
 * the residual suppressor must take those decays as it takes the syllables' peaks. Real speech
 * (two people reading a play) through image-source rooms, echo alone at the user's level.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EchoCanceller } from '../../../../electron/engine/audio/aec/echo-canceller.js';
import { EchoPath } from '../../../../electron/engine/agent/simulate/echo-path.js';
import { echoFigures } from '../../../../electron/engine/agent/simulate/echo-metrics.js';
import { runEchoOffline } from '../../../../electron/engine/agent/simulate/echo-offline.js';
import { roomFromResponse } from '../../../../electron/engine/agent/simulate/echo-room.js';
import { echoRoom } from '../../../../electron/engine/agent/simulate/echo-rooms.js';
import { imageSourceResponse } from '../../../../electron/engine/agent/simulate/image-source.js';
import { dialogueVoices } from './helpers/dialogue-voices.js';

let agent: Float32Array;

beforeAll(async () => {
  ({ agent } = await dialogueVoices());
});

/** Converged ERLE (dB) of the agent's echo alone in `room`, at the level of a user at -26 dBFS, 10 ms after the reference. */
function convergedDb(room: ReturnType<typeof echoRoom>): number {
  const path = new EchoPath({ room: roomFromResponse(imageSourceResponse(room), -26 + 20, 10) });
  const traces = runEchoOffline({ agent, agentAtMs: 200, user: [], path, processor: new EchoCanceller(), durationMs: 9000 });
  return echoFigures(traces).erleConvergedDb!;
}

describe('EchoCanceller, converged, in a reverberant room', () => {
  // Before the suppressor held the room's tail (ReverbTail): 14.2 and 16.4 dB; with it 15.8 and 20.1.
  it('removes 15 dB of the echo in a meeting room (T60 800 ms), the speaker 80 cm away', () => {
    expect(convergedDb(echoRoom('meeting room', [7.0, 5.0, 3.0], 800, 0.8))).toBeGreaterThanOrEqual(15);
  });

  it('removes 18 dB of the echo in a classroom (T60 700 ms), the speaker 60 cm away', () => {
    expect(convergedDb(echoRoom('classroom', [8.0, 6.0, 3.1], 700, 0.6, [0.35, 0.7], [0.6, -0.8]))).toBeGreaterThanOrEqual(18);
  });
});
