import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { AgentTts, AgentTtsEvents } from '../../../electron/engine/agent/ports.js';
import { ReplyRunner } from '../../../electron/engine/agent/reply-runner.js';
import { ScriptedLlm } from './helpers/scripted.js';

/** Records what the runner hands to TTS, one entry per send. */
class RecordingTts extends EventEmitter<AgentTtsEvents> implements AgentTts {
  readonly currentTurnId = 'turn-1';
  constructor(readonly chunksText = false) {
    super();
  }
  sends: { text: string; flush: boolean }[] = [];
  ended = 0;
  send(text: string, options: { flush?: boolean } = {}): string {
    this.sends.push({ text, flush: options.flush === true });
    return 'turn-1';
  }
  async endTurn(): Promise<void> {
    this.ended++;
  }
  async cancelCurrent(): Promise<void> {}
}

async function reply(text: string, chunksText = false) {
  const tts = new RecordingTts(chunksText);
  const runner = new ReplyRunner(tts, { kind: 'llm', llm: new ScriptedLlm([text]), messages: [] }, () => 0);
  await runner.run();
  return {
    sends: tts.sends.map((s) => s.text),
    flushes: tts.sends.every((s) => s.flush),
    noFlush: tts.sends.every((s) => !s.flush),
    ended: tts.ended,
    text: runner.text,
  };
}

describe('a reply streamed into TTS', () => {
  it('hands each clause to TTS as soon as it is complete, flushed, so speech starts on the first clause', async () => {
    const r = await reply('The next train to York leaves at nine, from platform four. Shall I book it?');
    expect(r.sends).toEqual(['The next train to York leaves at nine,', ' from platform four.', ' Shall I book it?']);
    expect(r.flushes).toBe(true);
    expect(r.ended).toBe(1);
  });

  it('does not flush every clause when the TTS chunks text itself (KugelAudio), and keeps words apart in its buffer', async () => {
    const r = await reply('The next train to York leaves at nine, from platform four. Shall I book it?', true);
    expect(r.sends).toEqual(['The next train to York leaves at nine,', ' from platform four.', ' Shall I book it?']);
    expect(r.sends.join('')).toBe('The next train to York leaves at nine, from platform four. Shall I book it?');
    expect(r.noFlush).toBe(true);
    expect(r.ended).toBe(1);
  });

  it('does not speak a lone "Sure," or cut a number like 3.14', async () => {
    const r = await reply('Sure, pi is about 3.14 and that is all.');
    expect(r.sends).toEqual(['Sure, pi is about 3.14 and that is all.']);
  });

  it('keeps the whole reply as the turn text, single-spaced', async () => {
    const r = await reply('Yes, that one leaves at nine, I think. It is on time.');
    expect(r.text).toBe('Yes, that one leaves at nine, I think. It is on time.');
  });
});
