/**
 * Turning echo cancellation on must change nothing where there is no echo (headphones): the
 * same audio reaches the VAD and the session does exactly the same things at the same times.
 * bench:bargein's rows without echo got worse with the canceller on when it delayed the mic by
 * 16 ms (Silero's windows moved) and suppressed a backchannel said over the agent.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_TEXT, FIXTURES, useHarness } from './helpers/harness.js';

const h = useHarness();

async function onAndOff(scenario: Record<string, unknown>) {
  const on = await h.run({ ...scenario, settings: { audio: { echoCancellation: true } } });
  const off = await h.run({ ...scenario, settings: { audio: { echoCancellation: false } } });
  const timeline = (r: typeof on) => r.events.filter((e) => e.type !== 'metric' && e.type !== 'latencyBudget').map((e) => `${e.tMs} ${e.type}`);
  return { on, off, timeline };
}

describe('echo cancellation with no echo in the mic', () => {
  it('a backchannel over the agent: the VAD hears the same audio and the agent does the same, on or off', async () => {
    const { on, off, timeline } = await onAndOff({
      agentSays: AGENT_TEXT,
      user: [{ wav: join(FIXTURES, 'yes-thats-right.wav'), atMs: 2500, text: "yes that's right" }],
    });
    expect(timeline(on)).toEqual(timeline(off));
    expect(on.traces.cancelled).toEqual(off.traces.cancelled);
  });

  it('a real interruption: the same audio, the same stop at the same time, on or off', async () => {
    const { on, off, timeline } = await onAndOff({
      agentSays: AGENT_TEXT,
      user: [{ wav: join(FIXTURES, 'real-sentence.wav'), atMs: 2000, text: 'actually I wanted the later train' }],
    });
    expect(on.interrupted).toBe(true);
    expect(on.bargeInLatencyFromVoiceMs).toBe(off.bargeInLatencyFromVoiceMs);
    expect(timeline(on)).toEqual(timeline(off));
    expect(on.traces.cancelled).toEqual(off.traces.cancelled);
  });
});
