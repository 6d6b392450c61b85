/**
 * The turn path in a room with steady noise, through the simulate path (real Silero VAD, echo
 * canceller and guard, barge-in controller) with a real recorded backchannel.
 */
import { describe, expect, it } from 'vitest';
import { AGENT_TEXT, useHarness, type Harness } from './helpers/harness.js';

const h = useHarness();

const count = (r: Awaited<ReturnType<Harness['run']>>, type: string) => r.events.filter((e) => e.type === type).length;

describe('a room at -50 dBFS (an ordinary quiet room, ~30 dB under the voice)', () => {
  it('"mm-hmm" is one speech, and the room alone does not open another one that holds the agent for the 2 s false-alarm timeout', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [{ wav: 'mm-hmm.wav', atMs: 3500, text: 'mm hmm' }], recognizer: 'none', roomNoiseDbfs: -50 });
    expect(r.interrupted).toBe(false);
    expect(count(r, 'userStartedSpeaking')).toBe(1);
    expect(count(r, 'paused')).toBe(1);
    const paused = r.events.find((e) => e.type === 'paused')!.tMs;
    const resumed = r.events.find((e) => e.type === 'falseInterruption' && e.tMs > paused)!.tMs;
    expect(resumed - paused).toBeLessThan(1000); // 580-720 ms at other offsets and in a silent room
  }, 60_000);

  it('the agent talking in the room with nobody else: no speech, no duck', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, recognizer: 'none', roomNoiseDbfs: -50 });
    expect(count(r, 'userStartedSpeaking')).toBe(0);
    expect(count(r, 'ducked')).toBe(0);
  }, 60_000);

  // The echo gate zeroes blocks under the agent's voice; the room chopped into bursts reached 0.20
  // (12 windows of 340 at 0.1 or more), a third of the way to a tentative onset (0.3). The room
  // refilled where it was zeroed stays at 0.08 and under, as a room the agent is not talking in.
  for (const roomNoiseColour of ['white', 'pink'] as const) {
    it(`the VAD hears the ${roomNoiseColour} room as a room while the agent talks: no window at 0.1 or more`, async () => {
      const r = await h.run({ agentSays: AGENT_TEXT, recognizer: 'none', roomNoiseDbfs: -50, roomNoiseColour });
      expect(r.traces.vad.length).toBeGreaterThan(300);
      expect(r.traces.vad.filter((w) => w.p >= 0.1)).toEqual([]);
    }, 60_000);
  }
});
