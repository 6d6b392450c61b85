import { describe, expect, it } from 'vitest';
import { interims, kind, verdict } from './helpers/verdicts.js';

/**
 * Phrasings of set D (bench/bargein-fresh-set-d.txt, its tuning half D1) that the model got wrong, each rule checked on
 * variants written for this test too: a "no" that agrees ("yeah, no, totally"), evaluations and address words the
 * lexicon lacked ("that's wild", "cheers, mate"), and a backchannel that ends joining on ("yes, and then…").
 */

describe('a "no" that agrees is a backchannel', () => {
  it.each([
    'yeah no totally',
    'no totally',
    'no exactly',
    "no you're right",
    'no I agree',
    'no no that is right',
    'yeah no for sure',
    'nah that is fair',
    'no absolutely',
    'no I know',
  ])('"%s" never stops the agent on the way, and is a backchannel at the end', (text) => {
    expect(interims(text).map((v) => v.kind)).not.toContain('interrupt');
    expect(kind(text)).toBe('backchannel');
  });

  it('says why in words', () => {
    expect(verdict('yeah no totally').reason).toBe('"yeah no totally": the "no" agrees ("totally")');
  });

  it.each(['no that is wrong', "no that's not it", 'no thanks', 'no the other one', "nah I don't think so", 'no really stop', 'no', 'nah', 'no no'])(
    'a "no" that disagrees or refuses still stops the agent: "%s"',
    (text) => expect(kind(text)).toBe('interrupt'),
  );

  it('a "no" followed by the start of an agreement waits for the next word ("no I" may be "no I agree" or "no I said")', () => {
    expect(kind('no I', false)).toBe('unsure');
    expect(kind("no you're", false)).toBe('unsure');
    expect(kind('no I said Tuesday')).toBe('interrupt');
    expect(kind("no you're wrong")).toBe('interrupt');
  });
});

describe('evaluations and address words the lists do not name', () => {
  it.each([
    "that's wild",
    "that's incredible",
    "thanks that's helpful",
    'heh classic',
    'dead right',
    'love that',
    'I love it',
    'I like that',
    'cheers mate',
    'thanks man',
    'cool dude',
    'I guess that works',
    'works for me',
    'that is crazy',
    'so useful',
  ])('"%s" is a backchannel, and never stops the agent on the way', (text) => {
    expect(interims(text).map((v) => v.kind)).not.toContain('interrupt');
    expect(kind(text)).toBe('backchannel');
  });

  it.each(['I love Paris', 'love the second one', 'mate can you repeat that', 'that works on Sunday', 'dead wrong'])(
    'the same words opening a turn of one\'s own still stop it: "%s"',
    (text) => expect(kind(text)).toBe('interrupt'),
  );
});

describe('a backchannel that ends joining on', () => {
  it.each(['yes and then', 'cool and', 'exactly so', 'thanks and', 'okay then'])(
    'mid-speech, "%s" is only a backchannel so far (the joining word leads into more)',
    (text) => expect(verdict(text, false)).toMatchObject({ kind: 'backchannel', partial: true }),
  );

  it.each(['yes and then', 'okay then', 'thanks and'])('at the end of the speech, "%s" is a whole backchannel', (text) =>
    expect(verdict(text)).toEqual({ kind: 'backchannel', reason: expect.any(String) }),
  );
});
