import { describe, expect, it } from 'vitest';
import { expectBackchannel, kind, pauseFinal, stopsAtWord, verdict } from './helpers/verdicts.js';

/**
 * A policy, not phrases (issue 15 part 3): words outside the backchannel units used to stop the agent as soon as two
 * of them were heard ("not something a listener says"), so every phrasing nobody listed did (set H, held out: 38 of 182
 * backchannels). Now what is left over must show a sign of a turn of one's own: a question, request, negation, force
 * word, a number, time or name, or a word of content the agent would have to answer. Words that only point back at what
 * was said ("me", "that"), align with it ("same", "neither"), weigh it ("a lot", "honestly") carry none. Phrases here are this file's own, not set H's.
 */
const backchannel = expectBackchannel;
const interrupts = (text: string) => expect(kind(text)).toBe('interrupt');

describe('words with no sign of a turn keep the agent talking', () => {
  it.each(['frankly, same', 'me either', 'nor me', 'us neither', 'same, truly', 'wow, that is loads', 'gosh, that is a lot'])('"%s"', backchannel);
  it('says why', () =>
    expect(verdict('me either').reason).toBe('"me either" has no sign of a turn of your own (no question, request, no, or anything new to answer)'));
  it('while the voice may go on they hold the agent paused until the person stops ("same, but…")', () => {
    expect(verdict('frankly same', false)).toMatchObject({ kind: 'unsure', untilStopped: true });
    expect(pauseFinal('frankly, same')).toMatchObject({ kind: 'unsure', untilStopped: true });
  });
});

describe('a word said over and over decides as the word does ("hear, hear" is a backchannel, "shh, shh" is not)', () => {
  it.each(['louder, louder', 'wait, wait', 'next, next', 'no, no, no', 'again, again', 'shh, shh, shh', 'oi, oi'])('"%s" stops the agent', interrupts);
});

describe("a turn of one's own still stops the agent", () => {
  it.each([
    ['same train tomorrow', 2],
    ['me first please', 2],
    ["that's a lot of money", 5],
    ['honestly, that is wrong', 4],
    ['frankly, cancel it', 2],
    ['me neither, but why', 3],
    ['neither of those, the other one', 2],
    ['same again for the return trip', 2],
  ])('"%s" at word %i', (text, word) => {
    interrupts(text);
    expect(stopsAtWord(text)).toBe(word);
  });
  it.each(['same seat', 'my bag', 'the printer', 'seat sixteen', 'it broke'])('two words of content: "%s"', interrupts);
});

describe('a unit that points back with "it" may point back with "that"', () => {
  it.each(['okay, got that, cheers', 'yep, got that'])('"%s"', backchannel);
  it.each(['got that wrong', 'got that, but why'])('not with words of its own after it: "%s"', interrupts);
});

describe('an amount inside a unit adds nothing ("makes a lot of sense")', () => {
  it.each(['that makes heaps of sense', 'makes loads of sense'])('"%s"', backchannel);
});

describe('an echo question after a backchannel of several words', () => {
  it.each(['no kidding, did they', 'oh my god, did she'])('"%s"', backchannel);
  it.each(['no kidding, did they cancel it', 'no, did they'])('a question or a "no" still stops the agent: "%s"', interrupts);
});

describe('every auxiliary hands a statement back, and its negative is a tag of agreement', () => {
  it.each(['oh, does she', 'do they really', "yeah, isn't it", "oh, don't they", "wasn't it just"])('"%s"', backchannel);
  it('says why', () => expect(verdict("yeah, isn't it").reason).toBe('"yeah isnt it" is a tag of agreement, not a question for you'));
  it.each([
    ['does it have a toilet', 3],
    ["don't do that", 2],
    ["isn't that too expensive", 3],
    ['do it now', 2],
  ] as const)('a question or an order past it is cut at its first word past the echo: "%s" at word %i', (text, word) => {
    interrupts(text);
    expect(stopsAtWord(text)).toBe(word);
  });
});

describe('what only looks like it', () => {
  it.each(['neither, really', "that's a lot?", 'either, honestly'])('a choice or a question: "%s"', interrupts);
});

describe('"is" after its subject states, but among short words alone it still decides', () => {
  it('"this is it" stops at word 2', () => expect(stopsAtWord('this is it')).toBe(2));
  it('"that is that" stops once the person stops', () => interrupts('that is that'));
});
