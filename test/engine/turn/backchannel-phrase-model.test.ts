import { describe, expect, it } from 'vitest';
import { BackchannelClassifier } from '../../../electron/engine/turn/backchannel/classify.js';
import { loadBundledPhraseModel } from '../../../electron/engine/turn/backchannel/model/load.js';
import { wordsOf } from '../../../electron/engine/turn/text.js';
import { defaults } from './helpers/fakes.js';

/**
 * Backchannels beyond the rules (issue 15 part 3): where the rules would stop the agent on words of content with no
 * sign of a turn, a small statistical model of word vectors (turn/backchannel/model/) may hear a backchannel. Phrases
 * here are in none of the benchmark sets, the lexicon or the other tests.
 */
const model = await loadBundledPhraseModel();
const withModel = new BackchannelClassifier(defaults, model);
const rulesAlone = new BackchannelClassifier(defaults);
const interims = (c: BackchannelClassifier, text: string) => wordsOf(text).map((_, i, ws) => c.classify(ws.slice(0, i + 1).join(' '), false));

describe('the phrase model ships with the app', () => {
  it('loads from resources/models', () => expect(model).not.toBeNull());
});

describe('open-class reactions nobody listed keep the agent talking', () => {
  it.each(['banging', 'lush, ta', 'sick, cheers', 'fuming'])('"%s"', (text) => {
    expect(rulesAlone.classify(text, true).kind).toBe('interrupt');
    expect(interims(withModel, text).map((v) => v.kind)).not.toContain('interrupt');
    expect(withModel.classify(text, true).kind).toBe('backchannel');
  });

  it('says why, by the nearest backchannels it learned from', () =>
    expect(withModel.classify('banging', true).reason).toMatch(/^"banging" reads as a backchannel, like "[^"]+", "[^"]+" \(model 0\.\d\d\)$/));

  it('while the voice may go on it only holds the agent paused until the person stops ("banging, but…")', () => {
    expect(withModel.classify('banging lush', false)).toMatchObject({ kind: 'unsure', untilStopped: true });
    expect(withModel.classify('lush, ta', true, false)).toMatchObject({ kind: 'unsure', untilStopped: true });
  });
});

describe("a turn of one's own still stops the agent", () => {
  it.each([
    // Statements with something new to answer.
    'your voice keeps cutting out',
    'pick the cheaper hotel',
    'different hotel',
    'that is outdated',
    // Likely by the regression alone (0.88), but most of its nearest phrases are corrections: not let go.
    "that's inaccurate",
    // A word it has no vector for is left to the rules.
    'shh',
    // A number, time or name is a sign of a turn; the model is not asked.
    'gorgeous, Tuesday',
    'fab, seven',
  ])('"%s"', (text) => expect(withModel.classify(text, true).kind).toBe('interrupt'));
});

describe("the user's lists win over the model", () => {
  it('a word in the always-interrupt phrases stops the agent', () => {
    const lists = { ...defaults, interruptionPhrases: [...defaults.interruptionPhrases, 'banging'] };
    expect(new BackchannelClassifier(lists, model).classify('banging', true)).toMatchObject({
      kind: 'interrupt',
      reason: '"banging" is in your always-interrupt phrases',
    });
  });
  it('a phrase in the never-interrupt phrases is a backchannel whatever the model says', () => {
    const lists = { ...defaults, acknowledgementPhrases: [...defaults.acknowledgementPhrases, 'pick the cheaper hotel'] };
    expect(new BackchannelClassifier(lists, model).classify('pick the cheaper hotel', true).kind).toBe('backchannel');
  });
});

describe('it decides within an interim', () => {
  it('a 10-word interim the model hears as a backchannel takes under 2 ms at the median', () => {
    const text = 'banging banging banging lush lush lush banging banging lush lush';
    expect(withModel.classify(text, false).reason).toContain('reads as a backchannel');
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      withModel.classify(text, false);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // About 0.5 ms on this 2-core machine at load 13 (a regression and 1,500 nearest-phrase comparisons); the median,
    // as a loaded CI machine's tail is its scheduler's. bench/backchannel-model-train.ts prints p50/p99.
    expect(times[100]!).toBeLessThan(2);
  });
});
