/**
 * The acceptance table of docs/turn-taking.md (minimum words = 3), run through the simulate path:
 * real audio through the Silero VAD, the barge-in controller, the PlaybackQueue and the
 * recording sink, with oracle transcripts.
 */
import { describe, expect, it } from 'vitest';
import { AGENT_TEXT, useHarness, SHORT_AGENT_TEXT } from './helpers/harness.js';

const h = useHarness();

const NO_STRATEGY = { conversation: { strategies: [] } };
const MIN_WORDS_3 = { conversation: { strategies: [{ type: 'minWords', params: { minWords: 3 } }] } };
const okay = { wav: 'okay.wav', atMs: 2500, text: 'okay' };
const yesThatsRight = { wav: 'yes-thats-right.wav', atMs: 2500, text: "yes that's right" };

describe('user says "okay" while the agent speaks', () => {
  it('without strategy: interrupts at once', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [okay], settings: NO_STRATEGY });
    expect(r).toMatchObject({ interrupted: true, reason: 'voice', strategy: 'anySpeech', staleSamplesAfterCancel: 0 });
    expect(r.bargeInLatencyMs).toBeLessThanOrEqual(300);
  });

  it('with min words 3: ignored (1 word); the agent resumes and finishes', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [okay], settings: MIN_WORDS_3 });
    expect(r.interrupted).toBe(false);
    expect(r.heardText).toBe(AGENT_TEXT);
    expect(r.falseInterruptions).toBe(1);
    expect(r.events.find((e) => e.type === 'falseInterruption')).toMatchObject({ resumed: true });
  });
});

describe('user says "yes that\'s right" while the agent speaks', () => {
  it('without strategy: interrupts at once', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [yesThatsRight], settings: NO_STRATEGY });
    expect(r).toMatchObject({ interrupted: true, strategy: 'anySpeech', staleSamplesAfterCancel: 0 });
    expect(r.bargeInLatencyMs).toBeLessThanOrEqual(300);
  });

  it('with min words 3: interrupts (3 words), cut where the user heard it', async () => {
    const r = await h.run({ agentSays: AGENT_TEXT, user: [yesThatsRight], settings: MIN_WORDS_3 });
    expect(r).toMatchObject({ interrupted: true, strategy: 'minWords', staleSamplesAfterCancel: 0 });
    // ~2.5 s + the words' time of speech: a third to a half of the sentence was heard.
    expect(AGENT_TEXT.startsWith(r.heardText)).toBe(true);
    expect(r.heardText.split(' ').length).toBeGreaterThanOrEqual(6);
    expect(r.heardText.split(' ').length).toBeLessThanOrEqual(14);
  });
});

describe('user speaks while the agent is silent', () => {
  for (const [name, settings] of [
    ['without strategy', NO_STRATEGY],
    ['with min words 3', MIN_WORDS_3],
  ] as const) {
    it(`${name}: processed at once, even a single word`, async () => {
      const r = await h.run({ agentSays: SHORT_AGENT_TEXT, user: [{ ...okay, atMs: 3000 }], settings });
      expect(r.interrupted).toBe(false);
      const userFinal = r.events.find((e) => e.type === 'transcript' && e.speaker === 'user');
      expect(userFinal).toMatchObject({ status: 'final', text: 'okay' });
      const stopped = r.events.filter((e) => e.type === 'userStoppedSpeaking').at(-1)!;
      const thinking = r.events.find((e) => e.type === 'state' && e.state === 'thinking' && e.tMs > stopped.tMs)!;
      // The turn ends after the silence timer, not after any strategy.
      expect(thinking.tMs - stopped.tMs).toBeLessThan(500);
    });
  }
});
