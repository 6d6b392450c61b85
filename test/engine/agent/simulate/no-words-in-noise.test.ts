/**
 * Deciding without words in a noisy room, through the simulate path (real Silero VAD, echo
 * canceller and gate, comfort noise, barge-in controller) with recorded speech: the voice rule
 * counts only what stands over the room, so the VAD's release tail (room, nobody speaking) does
 * not turn a backchannel into "1 s of voice", while a real sentence still stops the agent.
 */
import { describe, expect, it } from 'vitest';
import { AGENT_TEXT, useHarness } from './helpers/harness.js';

const h = useHarness();

describe('no recognizer, a -45 dBFS room (white noise, the agent talking from the start)', () => {
  for (const [wav, atMs] of [
    ['okay.wav', 3000],
    ['yeah-sure.wav', 3500],
    ['mm-hmm.wav', 4000],
  ] as const) {
    it(`${wav} does not stop the agent`, async () => {
      const r = await h.run({ agentSays: AGENT_TEXT, user: [{ wav, atMs }], recognizer: 'none', roomNoiseDbfs: -45 });
      expect(r.interrupted).toBe(false);
    }, 60_000);
  }

  it('a real sentence stops it', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [{ wav: 'real-sentence.wav', atMs: 3000 }], recognizer: 'none', roomNoiseDbfs: -45 });
    expect(r.interrupted).toBe(true);
  }, 60_000);
});
