import { describe, expect, it } from 'vitest';
import { ReplyRunner } from '../../../../electron/engine/agent/reply-runner.js';
import { ReplayTts } from '../../../../electron/engine/agent/simulate/replay-tts.js';
import { scenarioTexts } from '../../../../electron/engine/agent/simulate/run-scenario.js';
import { ScriptedReplies } from '../../../../electron/engine/agent/simulate/scripted-llm.js';
import type { SynthesizedSpeech } from '../../../../electron/engine/agent/simulate/synthesize.js';
import { VirtualClock } from '../../../../electron/engine/agent/simulate/virtual-clock.js';

const COMMA_REPLY = 'It will be sunny and warm in Paris tomorrow, with a light breeze.';

/** One short tone per text: enough for ReplayTts to find and deliver it. */
function fakeSpeech(texts: string[]): Map<string, SynthesizedSpeech> {
  return new Map(texts.map((text) => [text, { text, samples: new Float32Array(2400).fill(0.1), sampleRate: 24_000, words: [] }]));
}

describe('simulate pre-synthesizes what the session will actually speak', () => {
  it('a reply with a comma is spoken clause by clause, and every clause has audio', async () => {
    const texts = scenarioTexts({ agentSays: 'Hello there.', agentReplies: [COMMA_REPLY] });
    expect(texts).toContain('It will be sunny and warm in Paris tomorrow,');
    expect(texts).toContain('with a light breeze.');
    const tts = new ReplayTts(new VirtualClock(0), fakeSpeech(texts));
    const runner = new ReplyRunner(tts, { kind: 'llm', llm: new ScriptedReplies([COMMA_REPLY]), messages: [] }, () => 0);
    const errors: Error[] = [];
    runner.on('error', (e) => errors.push(e));
    const sent: string[] = [];
    runner.on('text', ({ text }) => sent.push(text));
    void runner.run();
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([]);
    expect(sent.at(-1)).toBe(COMMA_REPLY);
  });

  it('the opening line is still synthesized whole (it is sent in one piece)', () => {
    expect(scenarioTexts({ agentSays: 'Hi, how are you doing today?', agentReplies: [] })).toContain('Hi, how are you doing today?');
  });
});
