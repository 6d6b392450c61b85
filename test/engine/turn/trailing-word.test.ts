import { describe, expect, it, vi } from 'vitest';
import { BackchannelClassifier } from '../../../electron/engine/turn/backchannel/classify.js';
import { defaults, now, pausedByUser, useFakeTimersPerTest } from './helpers/fakes.js';
import { kind, verdict } from './helpers/verdicts.js';

/**
 * A whole backchannel and one more word at the end of the voice ("cheers, love", "mm, yes, quite"): a streaming
 * recognizer splits it at the comma into two finals, the second word alone is no unit, and the whole used to stop the
 * agent when the person stopped ("love" is a word of its own). A policy, not new words: one trailing word that carries
 * no evidence of a turn of one's own (no force or cue word, no joining word, no number, time or name, no question mark)
 * keeps the backchannel's verdict. Set H (held out) false stops of this form, realistic lag: "cheers, love", "ta, love",
 * "mm, yes, quite", "yes, indeedy".
 */
useFakeTimersPerTest();

const pauseFinal = (text: string) => new BackchannelClassifier(defaults).classify(text, true, false);

describe('a whole backchannel and one trailing word, once the person has stopped', () => {
  it.each(['cheers, love', 'thanks, mate', 'mm, yes, quite', 'yes, indeedy', 'oh wow, seriously'])('"%s" is a backchannel', (text) => {
    expect(kind(text)).toBe('backchannel');
  });

  it('says why', () => expect(verdict('cheers, love').reason).toBe('"cheers" is only thanks, and "love" after it asks nothing'));

  it('at a pause in the voice it still waits for the person to stop (the voice may go on: "cheers, love, but…")', () => {
    expect(pauseFinal('cheers, love')).toMatchObject({ kind: 'unsure', untilStopped: true });
  });

  describe('what still stops the agent', () => {
    it.each([
      ['okay, stop', 'a force word'],
      ['right, why', 'a question word'],
      ['thanks, but no', 'a negation after a joining word'],
      ['cheers, now tell me more', 'more than one word of its own'],
      ['sure, tomorrow?', 'a time, asked'],
      ['yes, Friday', 'a day the agent may be asked about (2 words: it stops)'],
      ['okay, Edinburgh', 'a name'],
      ['yes, twelve', 'a number'],
      ['right, 9', 'a number in digits'],
      ['okay, louder', 'a one-word request'],
      ['great, what', 'a question lead-in'],
      ['cheers, love?', 'a question mark'],
      ['okay, enough', 'a one-word request'],
      ['sure, save', 'a bare verb of a request'],
      ['yes, book', 'a bare verb of a request'],
      ['thanks anyway', 'a decline'],
      ['terrible idea', 'an evaluation takes the word as its own'],
      ['lovely, dear', 'after an evaluation, decided as before'],
    ])('"%s" (%s)', (text) => expect(kind(text)).toBe('interrupt'));
  });

  it('a word alone is still a word of its own ("love")', () => expect(kind('love')).toBe('interrupt'));
  it('two words after the backchannel are still a turn ("cheers, book it")', () => expect(kind('cheers, book it')).toBe('interrupt'));
});

describe('the split finals of one voice run are judged together (streaming words, fake clock)', () => {
  /** `first` final at the comma pause, the agent goes on in the gap, the voice comes back with `second` (interim or final). */
  function splitAtComma(first: string, second: string, secondFinal: boolean) {
    const h = pausedByUser();
    h.controller.onVoicePause(now());
    h.controller.onTranscript(first, true);
    h.controller.onSpeechGap(now());
    vi.advanceTimersByTime(100);
    h.controller.onSpeechGapEnd(now());
    h.controller.onVoiceResume(now());
    vi.advanceTimersByTime(440);
    h.controller.onTranscript(second, secondFinal);
    return h;
  }

  it('"cheers," | "love": the agent is not cut when the person stops; it goes on', () => {
    const { controller, types } = splitAtComma('cheers,', 'love', true);
    vi.advanceTimersByTime(300);
    controller.onSpeechEnd(now(), false);
    vi.advanceTimersByTime(0);
    expect(types()).not.toContain('interrupted');
    expect(controller.phase).toBe('agentSpeaking');
  });

  it('"okay," | "stop": cut at once, as before', () => {
    expect(splitAtComma('okay,', 'stop', false).types()).toContain('interrupted');
  });

  it('"yes," | "Friday": cut when the person stops (2 words: a day is an answer)', () => {
    const h = splitAtComma('yes,', 'Friday', true);
    h.controller.onSpeechEnd(now(), false);
    expect(h.types()).toContain('interrupted');
  });
});
