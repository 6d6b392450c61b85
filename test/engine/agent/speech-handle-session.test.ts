/**
 * In the session each reply's TTS turn is one SpeechHandle: the barge-in controller ends it, the
 * transcript and the model's memory take their cut from it, and a reply dropped unheard goes
 * through the controller like any other cancel (one owner).
 */
import { describe, expect, it, vi } from 'vitest';
import { INTERRUPTED_NOTE } from '../../../electron/engine/agent/chat-history.js';
import { useFakeTimersPerTest } from '../turn/helpers/fakes.js';
import { SpeechHandle } from '../../../electron/engine/turn/speech-handle.js';
import { makeSession } from './helpers/session-harness.js';

useFakeTimersPerTest();

/** A session 1.5 s into a greeting of 16 words (ScriptedTts: 300 ms a word). */
async function agentSpeaking() {
  const h = makeSession();
  h.session.start();
  h.session.speak('Hello there, I can tell you all about the trains that leave from the central station today.');
  await vi.advanceTimersByTimeAsync(1500);
  return h;
}

describe('the agent utterance as a handle, in the session', () => {
  it('a voice interruption ends the handle; transcript and memory hold exactly what it says was heard', async () => {
    const h = await agentSpeaking();
    const speech = h.session.controller.speaking!;
    expect(speech.turnId).toBe('turn-1');
    void h.userSays('stop', 400);
    await vi.advanceTimersByTimeAsync(400);

    expect(speech.outcome).toEqual({ kind: 'interrupted', source: 'voice' });
    expect(h.session.controller.speaking).toBeNull();
    const heard = speech.heard();
    expect(heard.heardText.split(' ').length).toBeGreaterThan(2);
    expect(h.session.transcript.entries.find((e) => e.speaker === 'agent')).toMatchObject({
      status: 'interrupted',
      text: heard.heardText,
      unheardText: heard.unheardText,
    });
    expect(h.session.history.messages.at(-1)).toEqual({ role: 'assistant', content: `${heard.heardText} ${INTERRUPTED_NOTE}` });
    // The cleared turn's playbackFinished came after the cut: it did not turn the outcome into "played out".
    await vi.advanceTimersByTimeAsync(3000);
    expect(speech.outcome).toEqual({ kind: 'interrupted', source: 'voice' });
  });

  it('what the person has heard so far follows the handle while it plays', async () => {
    const h = await agentSpeaking();
    const early = h.session.heardSoFar()!;
    await vi.advanceTimersByTimeAsync(1000);
    const later = h.session.heardSoFar()!;
    expect(early.turnId).toBe('turn-1');
    expect(later.heardText.startsWith(early.heardText)).toBe(true);
    expect(later.heardText.length).toBeGreaterThan(early.heardText.length);
    expect(later.heardText).toBe(h.session.controller.speaking!.heard().heardText);
  });

  it('a reply played to the end ends its handle as played out', async () => {
    const h = await agentSpeaking();
    const speech = h.session.controller.speaking!;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(speech.outcome).toEqual({ kind: 'playedOut' });
    expect(h.session.history.messages).toEqual([{ role: 'assistant', content: speech.text }]);
    expect(speech.text).toMatch(/^Hello there.*today\.$/);
  });

  it('an early answer the user talked on over is dropped through the controller: its turn is cleared, cancelled once, never heard', async () => {
    const h = makeSession({}, ['The early answer nobody should hear.', 'The train to York leaves at nine.']);
    const clears: string[] = [];
    const clear = h.playback.clear.bind(h.playback);
    h.playback.clear = (turnId: string) => {
      clears.push(turnId);
      clear(turnId);
    };
    h.session.start();
    void h.userSays('when is the next train', 1200);
    await vi.advanceTimersByTimeAsync(1300); // the words are in: the early answer is being made, unheard
    expect(h.llm.calls).toHaveLength(1);
    void h.userSays('to York please', 800);
    await vi.advanceTimersByTimeAsync(800 + 5000);

    expect(clears).toEqual(['turn-1']); // the dropped early turn: anything of it arriving later is dropped by the queue too
    expect(h.tts.cancels).toBe(1);
    expect(h.session.history.messages.at(-1)).toEqual({ role: 'assistant', content: 'The train to York leaves at nine.' });
  });

  it('a reply whose TTS turn brought no audio at all ends its handle, and the agent listens again instead of thinking forever', async () => {
    const h = makeSession();
    const emit = h.tts.emit.bind(h.tts);
    // A voice that makes nothing of the text (an emoji, a lone "…"): the turn's final comes with no audio before it.
    h.tts.emit = ((event: string, ...args: unknown[]) => event === 'audio' || emit(event as 'final', ...(args as [{ turnId: string }]))) as typeof h.tts.emit;
    const ends = vi.spyOn(SpeechHandle.prototype, 'end');
    h.session.start();
    h.session.speak('…');
    await vi.advanceTimersByTimeAsync(1000);

    expect(h.session.state).toBe('listening');
    expect(ends.mock.calls).toEqual([[{ kind: 'playedOut' }]]);
    expect((ends.mock.contexts[0] as SpeechHandle).playedMs).toBe(0);
  });
});
