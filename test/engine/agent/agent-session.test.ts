import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INTERRUPTED_NOTE } from '../../../electron/engine/agent/chat-history.js';
import { ConversationSettingsSchema } from '../../../electron/contract/settings/conversation.js';
import { loadBundledPhraseModel } from '../../../electron/engine/turn/backchannel/model/load.js';
import { sendInterrupt } from '../../../electron/engine/turn/manual-interrupt.js';
import { makeSession } from './helpers/session-harness.js';

const GREETING = 'Hello there, I can tell you all about the trains that leave from the central station today.';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('agent session', () => {
  it('goes listening -> speaking -> listening for a greeting that plays to the end', async () => {
    const h = makeSession();
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.states()).toEqual(['listening', 'thinking', 'speaking', 'listening']);
    expect(h.session.transcript.entries).toEqual([expect.objectContaining({ speaker: 'agent', text: GREETING, status: 'final' })]);
    expect(h.session.history.messages).toEqual([{ role: 'assistant', content: GREETING }]);
  });

  it('a user "stop" cuts the agent: nothing of the turn is heard after, memory holds only the heard part', async () => {
    const h = makeSession();
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1500);
    expect(h.session.state).toBe('speaking');
    void h.userSays('stop', 400);
    await vi.advanceTimersByTimeAsync(400);
    const interrupted = h.events.find((e) => e.type === 'interrupted');
    expect(interrupted?.payload).toMatchObject({ reason: 'voice', strategy: 'backchannelModel', cutMethod: 'wordTimestamps' });
    const { heardText, unheardText, tMs } = interrupted!.payload as { heardText: string; unheardText: string; tMs: number };
    expect(`${heardText} ${unheardText}`).toBe(GREETING);
    expect(heardText.split(' ').length).toBeGreaterThan(2);
    expect(heardText.split(' ').length).toBeLessThan(7);
    expect(h.audibleSamplesAfter(tMs)).toBe(0);

    await vi.advanceTimersByTimeAsync(3000);
    expect(h.audibleSamplesAfter(tMs + 600)).toBeGreaterThan(0); // the reply to "stop" plays (from the end of the turn, ~700 ms after the cut)
    const agentEntry = h.session.transcript.entries.find((e) => e.speaker === 'agent')!;
    expect(agentEntry).toMatchObject({ status: 'interrupted', text: heardText, unheardText });
    expect(h.llm.calls[0]).toEqual([
      { role: 'assistant', content: `${heardText} ${INTERRUPTED_NOTE}` },
      { role: 'user', content: 'stop' },
    ]);
    const latency = h.events.find((e) => e.type === 'metric' && (e.payload as { name: string }).name === 'bargeInLatencyMs');
    expect((latency!.payload as { valueMs: number }).valueMs).toBeLessThanOrEqual(300);
  });

  it('a backchannel pauses the agent, which then resumes and finishes its whole answer', async () => {
    const h = makeSession();
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1500);
    void h.userSays('okay', 500);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(h.events.some((e) => e.type === 'interrupted')).toBe(false);
    expect(h.events.find((e) => e.type === 'falseInterruption')?.payload).toMatchObject({ resumed: true });
    expect(h.session.transcript.entries.map((e) => [e.speaker, e.text, e.status])).toEqual([
      ['agent', GREETING, 'final'],
      ['user', 'okay', 'final'],
    ]);
    expect(h.llm.calls).toEqual([]);
    expect(h.session.history.messages).toEqual([{ role: 'assistant', content: GREETING }]);
  });

  it('a word no rule places ("banging") lets the agent finish, and the entry says why, as the phrase model reads it', async () => {
    vi.useRealTimers();
    expect(await loadBundledPhraseModel()).not.toBeNull();
    vi.useFakeTimers();
    const h = makeSession();
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1500);
    void h.userSays('banging', 500);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(h.events.some((e) => e.type === 'interrupted')).toBe(false);
    const user = h.session.transcript.entries.find((e) => e.speaker === 'user');
    expect(user).toMatchObject({ text: 'banging', status: 'final' });
    expect(user?.backchannel).toMatch(/^treated as a backchannel because "banging" reads as a backchannel, like "[^"]+", "[^"]+" \(model 0\.\d\d\)$/);
  });

  it('a withdrawn tentative onset dips the agent and restores it, with nothing lost from the answer', async () => {
    const h = makeSession();
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1500);
    const duck = vi.spyOn(h.playback, 'duck');
    const unduck = vi.spyOn(h.playback, 'unduck');
    h.vad.emit('speechLikely', { tMs: 1500 });
    expect(duck).toHaveBeenCalledWith(-12, 20);
    await vi.advanceTimersByTimeAsync(160);
    h.vad.emit('speechUnlikely', { tMs: 1660 });
    expect(unduck).toHaveBeenCalledWith(20);
    await vi.advanceTimersByTimeAsync(20_000);
    const marks = h.events.filter((e) => e.type === 'bargeIn').map((e) => e.payload);
    expect(marks).toEqual([expect.objectContaining({ type: 'ducked', tentative: true }), expect.objectContaining({ type: 'unducked', withdrawn: true })]);
    expect(h.events.some((e) => e.type === 'interrupted' || e.type === 'falseInterruption')).toBe(false);
    expect(h.session.transcript.entries).toEqual([expect.objectContaining({ speaker: 'agent', text: GREETING, status: 'final' })]);
  });

  it('a manual interrupt reports no barge-in latency from a tentative duck of an earlier turn', async () => {
    const h = makeSession();
    h.session.start();
    h.session.speak('Hello there.');
    await vi.advanceTimersByTimeAsync(400);
    h.vad.emit('speechLikely', { tMs: 400 });
    await vi.advanceTimersByTimeAsync(5000);
    h.vad.emit('speechUnlikely', { tMs: 5400 });
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.session.interruptNow('button')).toBe(true);
    expect(h.events.filter((e) => e.type === 'metric' && (e.payload as { name: string }).name === 'bargeInLatencyMs')).toEqual([]);
  });

  it('a user turn while listening gets a reply; time to first audio is reported', async () => {
    const h = makeSession({ preemptiveGeneration: false }, ['The next train is at nine.']);
    h.session.start();
    void h.userSays('when is the next train', 1200);
    await vi.advanceTimersByTimeAsync(1200 + 600 + 5000);
    expect(h.llm.calls[0]).toEqual([{ role: 'user', content: 'when is the next train' }]);
    expect(h.states()).toEqual(['listening', 'thinking', 'speaking', 'listening']);
    const ttfa = h.events.find((e) => e.type === 'metric' && (e.payload as { name: string }).name === 'timeToFirstAudioMs');
    expect((ttfa!.payload as { valueMs: number }).valueMs).toBeGreaterThan(0);
  });

  it('a final transcript arriving after the silence leaves one user entry, final', async () => {
    const h = makeSession({}, ['Sure.']);
    h.session.start();
    h.stt.endSegment = () => {}; // a per-segment recognizer that answers late
    void h.userSays('when is the next train', 1200);
    await vi.advanceTimersByTimeAsync(1200 + 1000);
    h.stt.emit('final', { text: 'when is the next train' });
    await vi.advanceTimersByTimeAsync(5000);
    const users = h.session.transcript.entries.filter((e) => e.speaker === 'user');
    expect(users.map((e) => [e.text, e.status])).toEqual([['when is the next train', 'final']]);
  });

  it('with interruptions off in append mode, speech over the agent joins the next turn', async () => {
    const h = makeSession({ interruptions: 'off', whenOff: 'append' }, ['Platform four.']);
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1500);
    void h.userSays('which platform', 800);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.events.some((e) => e.type === 'interrupted' || e.type === 'bargeIn')).toBe(false);
    expect(h.llm.calls[0]).toEqual([
      { role: 'assistant', content: GREETING },
      { role: 'user', content: 'which platform' },
    ]);
  });

  it('with interruptions off in ignore mode, speech over the agent is dropped', async () => {
    const h = makeSession({ interruptions: 'off', whenOff: 'ignore' });
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1500);
    void h.userSays('which platform', 800);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.llm.calls).toEqual([]);
    expect(h.session.transcript.entries.filter((e) => e.speaker === 'user')).toEqual([]);
  });
});

describe('live settings', () => {
  it('a strategy change applies to the next barge-in (no strategies: any speech interrupts)', async () => {
    const h = makeSession();
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1500);
    h.session.updateConversation(ConversationSettingsSchema.parse({ echoGuard: false, strategies: [] }));
    void h.userSays('okay', 500);
    await vi.advanceTimersByTimeAsync(600);
    expect(h.events.find((e) => e.type === 'interrupted')?.payload).toMatchObject({ strategy: 'anySpeech' });
  });
});

describe('manual interrupt on a session', () => {
  it('fails with "not currently streaming" before start', () => {
    const h = makeSession();
    expect(() => sendInterrupt(h.session)).toThrow('Failed to send interrupt command: not currently streaming');
  });

  it('is a no-op while the agent is silent', () => {
    const h = makeSession();
    h.session.start();
    expect(sendInterrupt(h.session)).toEqual({ interrupted: false, sessionId: 's1' });
    expect(h.events.filter((e) => e.type === 'interrupted')).toEqual([]);
  });

  it('stops a speaking agent at once and leaves it ready for new input', async () => {
    const h = makeSession();
    h.session.start();
    h.session.speak(GREETING);
    await vi.advanceTimersByTimeAsync(1000);
    const t = performance.now();
    expect(sendInterrupt(h.session)).toEqual({ interrupted: true, sessionId: 's1' });
    expect(h.session.state).toBe('listening');
    expect(h.events.find((e) => e.type === 'interrupted')?.payload).toMatchObject({ reason: 'api', strategy: null });
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.audibleSamplesAfter(t)).toBe(0);
    expect(h.tts.cancels).toBe(1);
  });
});
