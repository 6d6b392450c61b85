/**
 * The agent's own voice fed back into the mic, and the default settings on backchannels,
 * force phrases, noise and real speech, all through the simulate path.
 */
import { describe, expect, it } from 'vitest';
import { HELD_GAP_CONFIRM_MS } from '../../../../electron/engine/turn/gap-resume.js';
import { AGENT_TEXT, useHarness } from './helpers/harness.js';

const h = useHarness();

describe('echo: the agent hearing itself through the speakers', () => {
  // Every level at 20/50/80 ms is covered at the echo guard's own level (echo-guard.test.ts);
  // here one delay per level runs the whole path.
  for (const [gainDb, delayMs] of [
    [-10, 20],
    [-20, 80],
    [-30, 50],
  ]) {
    it(`at ${gainDb} dB, ${delayMs} ms delay: no barge-in, not even a duck`, async () => {
      const r = await h.run({ agentSays: AGENT_TEXT, echo: { gainDb, delayMs } });
      expect(r.interrupted).toBe(false);
      expect(r.heardText).toBe(AGENT_TEXT);
      expect(r.events.filter((e) => e.type === 'ducked' || e.type === 'paused')).toEqual([]);
    });
  }

  it('in a reverberant room (RT60 400 ms) at -20 dB: no barge-in', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, echo: { gainDb: -20, delayMs: 40, rt60Ms: 400 } });
    expect(r.interrupted).toBe(false);
    expect(r.events.filter((e) => e.type === 'paused')).toEqual([]);
  });

  it('without the echo guard, a -10 dB echo does barge in (the guard is what prevents it)', async () => {
    const r = await h.run({
      agentSays: AGENT_TEXT,
      echo: { gainDb: -10, delayMs: 50 },
      settings: { conversation: { echoGuard: false, strategies: [] } },
    });
    expect(r.interrupted).toBe(true);
  });

  for (const gainDb of [-10, -20, -30]) {
    it(`a real user utterance over a ${gainDb} dB echo still interrupts`, async () => {
      const r = await h.run({
        agentSays: AGENT_TEXT,
        echo: { gainDb, delayMs: 50 },
        user: [{ wav: 'real-sentence.wav', atMs: 3000, text: 'actually I wanted the later train', gainDb: 6 }],
      });
      expect(r).toMatchObject({ interrupted: true, reason: 'voice', staleSamplesAfterCancel: 0 });
    });
  }
});

describe('default settings', () => {
  for (const [wav, text] of [
    ['okay.wav', 'okay'],
    ['yeah-sure.wav', 'yeah sure'],
    ['mm-hmm.wav', 'mm-hmm'],
  ]) {
    it(`a backchannel "${text}" does not interrupt`, async () => {
      const r = await h.run({ agentSays: AGENT_TEXT, user: [{ wav, atMs: 2500, text }] });
      expect(r.interrupted).toBe(false);
      expect(r.heardText).toBe(AGENT_TEXT);
    });
  }

  it('a backchannel "okay" resumes the agent at the first gap in the speech, before the VAD ends it', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [{ wav: 'okay.wav', atMs: 2500, text: 'okay' }], recognizer: 'oracle' });
    const at = (type: string) => r.events.find((e) => e.type === type)!.tMs;
    expect(at('falseInterruption')).toBeLessThan(at('userStoppedSpeaking'));
    // A lone "okay" may open "okay, but…": the agent goes on HELD_GAP_CONFIRM_MS after the gap (400 ms paused before that wait, 540 with it).
    expect(at('falseInterruption') - at('paused')).toBeLessThan(500 + HELD_GAP_CONFIRM_MS);
  });

  it('a cough (noise burst, no words) does not interrupt', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [{ wav: 'cough.wav', atMs: 2500, text: '' }] });
    expect(r.interrupted).toBe(false);
  });

  it('"stop" interrupts on its first word, inaudible within 300 ms of the VAD onset', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [{ wav: 'stop.wav', atMs: 2500, text: 'stop' }] });
    expect(r).toMatchObject({ interrupted: true, strategy: 'backchannelModel', staleSamplesAfterCancel: 0 });
    expect(r.bargeInLatencyMs).toBeLessThanOrEqual(300);
  });

  it('"stop" ducks the agent within 100 ms of the voice onset (a tentative onset) and silences it within 300 ms', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [{ wav: 'stop.wav', atMs: 2500, text: 'stop' }] });
    expect(r.events.find((e) => e.type === 'ducked')).toMatchObject({ tentative: true });
    expect(r.duckLatencyFromVoiceMs).toBeLessThanOrEqual(100);
    expect(r.bargeInLatencyFromVoiceMs).toBeLessThanOrEqual(300);
  });

  it('a real voice saying a longer sentence interrupts, and the agent answers afterwards', async () => {
    const r = await h.run({
      agentSays: AGENT_TEXT,
      user: [{ wav: 'real-sentence.wav', atMs: 2500, text: 'can you tell me about the return trip', gainDb: 6 }],
    });
    expect(r).toMatchObject({ interrupted: true, reason: 'voice', staleSamplesAfterCancel: 0 });
    const afterCut = r.events.filter((e) => e.type === 'agentStartedSpeaking');
    expect(afterCut).toHaveLength(2);
    // The reader pauses after "about": the trailing preposition keeps the turn open over the pause.
    const userTurns = r.events.filter((e) => e.type === 'transcript' && e.speaker === 'user');
    expect(userTurns).toEqual([expect.objectContaining({ status: 'final', text: 'can you tell me about the return trip' })]);
  });

  it('interruptions off (ignore): a real sentence over the agent changes nothing', async () => {
    const r = await h.run({
      agentSays: AGENT_TEXT,
      user: [{ wav: 'real-sentence.wav', atMs: 2500, text: 'can you tell me about the return trip', gainDb: 6 }],
      settings: { conversation: { interruptions: 'off', whenOff: 'ignore' } },
    });
    expect(r.interrupted).toBe(false);
    expect(r.events.filter((e) => e.type === 'ducked')).toEqual([]);
    expect(r.events.filter((e) => e.type === 'agentStartedSpeaking')).toHaveLength(1);
  });
});
