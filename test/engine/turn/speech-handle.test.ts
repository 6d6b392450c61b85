/**
 * The agent's utterance as one object: how far it played, what of its text was heard, and how it
 * ended. The cut is the handle's own, fixed at the moment it ended.
 */
import { describe, expect, it } from 'vitest';
import { SpeechHandle } from '../../../electron/engine/turn/speech-handle.js';

const TEXT = 'The train leaves at nine from platform four.';
/** 300 ms per word, as TTS word timings report them. */
const WORDS = TEXT.split(' ').map((word, i) => ({ word, startMs: i * 300, endMs: i * 300 + 300 }));

/** An utterance playing on a queue whose position the test moves; `forget` is the queue dropping a cleared turn. */
function playing() {
  let positionMs = 0;
  let known = true;
  const speech = new SpeechHandle('turn-1', () => (known ? positionMs : 0));
  speech.setText(TEXT);
  speech.addWords(WORDS);
  return {
    speech,
    playTo: (ms: number) => (positionMs = ms),
    forget: () => (known = false),
  };
}

describe('an utterance of the agent (SpeechHandle)', () => {
  it('interrupted mid-word: what was heard stops before the word that was cut', () => {
    const { speech, playTo } = playing();
    playTo(1_000); // "The train leaves" heard; "at" (900-1200 ms) only one third played
    speech.end({ kind: 'interrupted', source: 'voice' });
    expect(speech.interrupted).toBe(true);
    expect(speech.heard()).toEqual({ heardText: 'The train leaves', unheardText: 'at nine from platform four.', method: 'wordTimestamps' });
  });

  it('a word counts as heard once its middle was played', () => {
    const { speech, playTo } = playing();
    playTo(1_049);
    expect(speech.heard().heardText).toBe('The train leaves');
    playTo(1_050);
    expect(speech.heard().heardText).toBe('The train leaves at');
  });

  it('the cut stays where it was when the queue forgets the cleared turn, or time goes on', () => {
    const { speech, playTo, forget } = playing();
    playTo(1_500);
    speech.end({ kind: 'interrupted', source: 'hotkey' });
    forget();
    playTo(9_000);
    expect(speech.playedMs).toBe(1_500);
    expect(speech.heard().heardText).toBe('The train leaves at nine');
  });

  it('the first outcome wins: a cut utterance that later reports played out stays cut', async () => {
    const { speech } = playing();
    expect(speech.end({ kind: 'interrupted', source: 'button' })).toBe(true);
    expect(speech.end({ kind: 'playedOut' })).toBe(false);
    expect(speech.outcome).toEqual({ kind: 'interrupted', source: 'button' });
    await expect(speech.waitForEnd()).resolves.toEqual({ kind: 'interrupted', source: 'button' });
  });

  it('waiting for the end resolves when it plays out; it was not interrupted', async () => {
    const { speech } = playing();
    const ended = speech.waitForEnd();
    expect(speech.done).toBe(false);
    speech.end({ kind: 'playedOut' });
    await expect(ended).resolves.toEqual({ kind: 'playedOut' });
    expect(speech.interrupted).toBe(false);
  });

  it('without word timings, the audio share played decides once all of it arrived', () => {
    const speech = new SpeechHandle('turn-2', () => 1_000);
    speech.setText('one two three four');
    speech.addAudio(32_000, 16_000); // 2 s of audio
    speech.markAudioComplete();
    expect(speech.heard()).toMatchObject({ heardText: 'one two', method: 'proportional' });
  });
});
