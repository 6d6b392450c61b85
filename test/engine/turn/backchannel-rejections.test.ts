import { describe, expect, it } from 'vitest';
import { interims, kind, stopsAtWord, verdict } from './helpers/verdicts.js';

/**
 * What the class-based model (69a516f…7946385) let through that a user meets: rejections that start like an
 * assessment ("no good for me"), complaints worded as evaluations ("that's ridiculous", "terrible idea"), and "not …"
 * deciding a word later mid-speech. Found by a review comparing verdicts with 0b94ec7 (before the model).
 */

describe('a "no good …" refuses', () => {
  it.each([
    ['no good for me', 4],
    ['no good to me', 3],
    ['no good at all', 3],
    ['yeah no good at all', 4],
    ['no good enough', 3],
    ['nah good at all', 3],
  ] as const)('"%s" stops the agent by word %i, as before the model', (text, word) => {
    expect(kind(text)).toBe('interrupt');
    expect(stopsAtWord(text)).not.toBeNull();
    expect(stopsAtWord(text)!).toBeLessThanOrEqual(word);
  });
  it('a bare "no good" stays what it was before the model (a backchannel)', () => expect(kind('no good')).toBe('backchannel'));
});

describe('stance endings only after agreement, "at all" only after a litotes, "of you" only after kindness', () => {
  it.each(['good at all', 'typical of you', 'any good at all', 'nothing good to me'])('"%s" stops the agent', (text) => expect(kind(text)).toBe('interrupt'));
  it.each(['not bad at all', 'no problem at all', 'sounds good to me', 'fine by me', 'okay with me', 'nice of you', 'very kind of you'])(
    '"%s" is still a backchannel',
    (text) => expect(kind(text)).toBe('backchannel'),
  );
});

describe('a complaint takes the turn; sympathy does not', () => {
  it.each([
    "that's ridiculous",
    'this is ridiculous',
    'this is frustrating',
    "that's so annoying",
    'seriously this is ridiculous',
    "that's typical",
    'terrible idea',
    "that's a terrible idea",
    'awful idea',
    "no, that's ridiculous",
    "no, that's awful",
    'this is nuts',
  ])('"%s" stops the agent', (text) => expect(kind(text)).toBe('interrupt'));
  it.each(["that's sad", 'oh no that is awful', 'what a shame', "that's a pity", 'how awful', 'oh that is sad', 'that is tough'])(
    'sympathy: "%s" is a backchannel',
    (text) => expect(kind(text)).toBe('backchannel'),
  );
  it('says it is sympathy', () => expect(verdict("that's sad").reason).toBe('"thats sad" is only sympathy'));
});

describe('thanks that decline take the turn', () => {
  it('"thanks anyway" stops the agent, as before the model', () => expect(kind('thanks anyway')).toBe('interrupt'));
  it('"thanks loads" is still thanks', () => expect(kind('thanks loads')).toBe('backchannel'));
});

describe('mid-speech, "not …" decides as early as before the model', () => {
  it.each(['not now', 'not yet', 'not really', 'not that one', 'not much'])('"%s" stops the agent at "not"', (text) => expect(stopsAtWord(text)).toBe(1));
  it.each([
    ['maybe not', 2, 'a hedge then "not" answers no'],
    ['surely not', 2, 'certainty then "not" answers no'],
    ['I hope not', 3, 'a hedge then "not" answers no'],
    ['I hope not stop', 3, 'a hedge then "not" answers no'],
    ['probably not', 2, 'a hedge then "not" answers no'],
    ['yeah not that one', 3, '"yeah not" is unsure, then a content word'],
    ['okay not now', 3, '"okay not" is unsure, then a content word'],
    ['yeah not really', 3, '"yeah not" is unsure, then a content word'],
  ] as const)('"%s" stops the agent by word %i (%s)', (text, word, _why) => expect(stopsAtWord(text)).toBe(word));
  it.each(['yeah not', 'okay not', 'oh not'])('"%s" may still become a litotes ("… not bad"), but holds no veto over the other strategies', (text) =>
    expect(verdict(text, false).kind).toBe('unsure'),
  );
  it.each(['maybe later', 'hopefully tomorrow', 'maybe Tuesday'])('"%s": a content word after a hedge holds no veto mid-speech', (text) =>
    expect(verdict(text, false).kind).toBe('unsure'),
  );
  it('a litotes is still a backchannel once said', () => {
    expect(kind('not bad')).toBe('backchannel');
    expect(verdict('yeah not bad', false).kind).toBe('backchannel');
  });
});

describe('mid-speech, "a" and a sympathy adjective go on to a noun', () => {
  it('"that\'s a terrible idea" stops the agent at "terrible", as before the model', () => expect(stopsAtWord("that's a terrible idea")).toBe(3));
  it('"that\'s a shame" is whole', () => expect(interims("that's a shame").at(-1)!.kind).toBe('backchannel'));
});

describe('mid-speech, a lone question word asks, as before the model', () => {
  it('"who is driving" stops the agent at "who" (was one word later: "who" may become "who knew")', () => expect(stopsAtWord('who is driving')).toBe(1));
  it('"huh, who knew" is still a backchannel', () => {
    expect(interims('huh who knew').map((v) => v.kind)).not.toContain('interrupt');
    expect(kind('huh who knew')).toBe('backchannel');
  });
});
