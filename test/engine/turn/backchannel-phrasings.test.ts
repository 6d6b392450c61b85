import { describe, expect, it } from 'vitest';
import { interims, kind, verdict } from './helpers/verdicts.js';

/**
 * Phrasings the model was never tuned on (pause5's fresh set, tuning half, plus variants of each rule written for
 * this test): each rule is checked on more than the phrase that showed it was missing.
 */

describe('backchannels the lists do not name', () => {
  it.each([
    'oh my god',
    'oh my goodness',
    'I see what you mean',
    'keep going',
    'yeah I get it',
    'sounds about right',
    'that makes perfect sense',
    'thank you so very much',
  ])('"%s" never interrupts on the way, and is a backchannel at the end', (text) => {
    expect(interims(text).map((v) => v.kind)).not.toContain('interrupt');
    expect(kind(text)).toBe('backchannel');
  });

  it.each(['sounds about right', 'that makes perfect sense', 'thank you very much', 'that is kind of cool', 'pretty much'])(
    'hedges and intensifiers inside a backchannel add nothing: "%s"',
    (text) => expect(kind(text)).toBe('backchannel'),
  );

  it.each(['sure thing', 'nice one', 'good stuff', 'great job', 'good call'])('an evaluation of a generic "one" / "thing": "%s"', (text) =>
    expect(kind(text)).toBe('backchannel'),
  );

  it.each(['yeah I get it', 'I see what you mean', 'I think so', 'I understand that', 'I know what you mean', 'I get it'])(
    'a first-person "I see / I get / I think so": "%s"',
    (text) => expect(kind(text)).toBe('backchannel'),
  );

  it.each(['righto', 'righty', 'okie dokie', 'yessir'])('a spoken variant of yes: "%s"', (text) => expect(kind(text)).toBe('backchannel'));

  it('says why in words', () => {
    expect(verdict('nice one').reason).toBe('"nice one" is only a short evaluation');
    expect(verdict('I see what you mean').reason).toBe('"i see what you mean" is only agreement');
  });
});

describe('turns of their own that start like a backchannel', () => {
  it.each([
    'I need a train',
    'I think that is wrong',
    'I see a problem',
    'I get off at York',
    'nice one but too long',
    'oh my question is different',
    'sure thing but not today',
    'keep it short',
  ])('"%s" interrupts', (text) => expect(kind(text)).toBe('interrupt'));

  it.each([
    'uh, can you repeat that',
    'er, what about dinner',
    'well, I disagree',
    'alright, next question',
    'yes, but the flight is at nine',
    'right, but why',
  ])('"%s": led by a filler or a yes, it interrupts', (text) => expect(kind(text)).toBe('interrupt'));

  it.each([
    'okay cool',
    'oh okay',
    'thank you',
    'makes sense',
    'yeah yeah',
    'I see what you mean',
    'cool',
    'wow',
    'exactly',
    'that is great',
    'very true',
    'I see',
  ])('"%s" is a whole backchannel at once, mid-speech', (text) => expect(verdict(text, false)).toEqual({ kind: 'backchannel', reason: expect.any(String) }));
});

describe('a "no" or "sorry" that is not one (round 2: from the held-out half B, which is no longer held out)', () => {
  it.each(['no no, go on', 'sorry, go ahead', 'oh sorry, carry on', 'no, please continue', 'no way', 'no kidding', 'no worries', 'no problem'])(
    '"%s" never stops the agent on the way, and is a backchannel at the end',
    (text) => {
      expect(interims(text).map((v) => v.kind)).not.toContain('interrupt');
      expect(kind(text)).toBe('backchannel');
    },
  );

  it('hands the turn back: says so', () => {
    expect(verdict('no no, go on').reason).toBe('"no no go on" hands the turn back ("go on")');
  });

  it.each(['no', 'no no', 'sorry', 'no, go back', 'no way too expensive', 'sorry, go back to the price', 'no, the other one'])(
    '"%s" still interrupts',
    (text) => expect(kind(text)).toBe('interrupt'),
  );

  it('a lone "no" mid-speech holds the agent until the next word or the final, and a "stop" still stops at once', () => {
    expect(kind('no', false)).toBe('unsure');
    expect(kind('stop', false)).toBe('interrupt');
    expect(kind('no wait', false)).toBe('interrupt');
    expect(kind('yeah no', true)).toBe('interrupt');
  });
});

describe('more backchannels of half B, by rule', () => {
  it.each([
    'totally agree',
    'completely understand',
    'see what you mean',
    "oh I didn't know that",
    'I had no idea',
    'oh dear',
    'oh boy',
    'aye',
    'aye aye',
    'noted',
    'copy that',
  ])('"%s" is a backchannel, and nothing on the way stops the agent', (text) => {
    expect(interims(text).map((v) => v.kind)).not.toContain('interrupt');
    expect(kind(text)).toBe('backchannel');
  });

  it.each(['is that true', 'oh, is that right', 'are you sure'])('a question by its word order: "%s" interrupts', (text) =>
    expect(kind(text)).toBe('interrupt'),
  );
  // "did it really" asks nothing: an echo question, surprise (backchannel-reactions.test.ts).

  it.each(["that's true", 'it is true', 'that is right'])('"%s" stays a backchannel', (text) => expect(kind(text)).toBe('backchannel'));
});
