import { describe, expect, it } from 'vitest';
import { BackchannelClassifier } from '../../../electron/engine/turn/backchannel/classify.js';
import { defaults } from './helpers/fakes.js';

const model = new BackchannelClassifier(defaults);
const kind = (text: string, final = true) => model.classify(text, final).kind;

describe('the backchannel model', () => {
  it.each([
    'that makes sense',
    'oh wow',
    'sounds good',
    'I see',
    'thank you',
    'exactly',
    'right right right',
    'oh really',
    'fair enough',
    'very true',
    "yes that's right",
    'ha ha',
    'of course',
    'yeah yeah',
    'so cool',
  ])('"%s" is a backchannel, in or out of the lists', (text) => expect(kind(text)).toBe('backchannel'));

  it.each([
    'could you repeat the last part',
    'what about the price',
    'is there a direct train',
    'I need a train that leaves earlier',
    'too fast',
    'which platform',
    'go back',
    'tell me more',
    'why not',
  ])('"%s" is a turn of its own', (text) => expect(kind(text)).toBe('interrupt'));

  it('says why, in words', () => {
    expect(model.classify('oh wow', true).reason).toBe('"oh wow" is only filler and surprise');
    expect(model.classify('exactly exactly', true).reason).toBe('"exactly exactly" is only agreement, repeated');
    expect(model.classify('could you repeat that', false).reason).toBe('"could" starts a request or a turn of your own');
  });

  it("the user's lists win: a force phrase inside a backchannel interrupts, a listed phrase never does", () => {
    expect(model.classify('yeah no', true)).toEqual({ kind: 'interrupt', reason: '"no" is in your always-interrupt phrases' });
    const custom = new BackchannelClassifier({ acknowledgementPhrases: ['tell me more'], interruptionPhrases: ['exactly'] });
    expect(custom.classify('tell me more', true).kind).toBe('backchannel');
    expect(custom.classify('exactly', true).kind).toBe('interrupt');
  });

  it('"oh no" is dismay, not a "no": it lets the agent go on, while a force word after it still stops it', () => {
    expect(model.classify('oh no', true)).toEqual({ kind: 'backchannel', reason: '"oh no" is only surprise' });
    expect(model.classify('oh no, stop', true)).toEqual({ kind: 'interrupt', reason: '"stop" is in your always-interrupt phrases' });
    expect(model.classify('no', true).kind).toBe('interrupt');
    const listed = new BackchannelClassifier({ acknowledgementPhrases: [], interruptionPhrases: ['oh no'] });
    expect(listed.classify('oh no', true)).toEqual({ kind: 'interrupt', reason: '"oh no" is in your always-interrupt phrases' });
  });

  it('on interim words it waits for a lead-in to finish, and decides on a question word at once', () => {
    expect(kind('that', false)).toBe('unsure');
    expect(model.classify('I', false)).toMatchObject({ kind: 'backchannel', partial: true }); // "I see" or "I need a train"
    expect(kind('I need', false)).toBe('interrupt');
    expect(kind('that makes', false)).toBe('unsure');
    expect(kind('that makes sense', false)).toBe('backchannel');
    expect(kind('could', false)).toBe('interrupt');
    expect(kind('price', false)).toBe('unsure');
    expect(kind('price', true)).toBe('interrupt');
  });

  it('decides within tens of milliseconds: 10 000 interim hypotheses well under a second', () => {
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) model.classify(i % 2 ? 'yeah that makes sense right' : 'could you tell me about the return trip', false);
    expect((performance.now() - t0) / 10_000).toBeLessThan(1);
  });
});
