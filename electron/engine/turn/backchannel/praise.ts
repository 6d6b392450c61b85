/**
 * Round 4 of backchannels by class (set G still stopped the agent on "you're a lifesaver", "fair play to you", "thank
 * goodness", "can't argue with that", "I couldn't agree more", "you're not wrong there"): praise of the speaker,
 * relief, and agreement said through a negation. Each is written as the frame of its class (a praise noun after
 * "you're a"; "thank" and an oath; a verb of disputing after "can't"), not as those phrases. Words are in the form
 * `wordsOf` gives ("can't" -> "cant").
 */
import type { BackchannelKind } from './lexicon.js';

const each = (heads: readonly string[], tails: readonly string[]) => heads.flatMap((h) => tails.map((t) => `${h} ${t}`.trim()));

/** Nouns that praise the one spoken to ("you're a lifesaver", "you're a gem"); not "you're a bit fast". */
const PRAISE_NOUNS = ['lifesaver', 'legend', 'gem', 'genius', 'hero', 'saint', 'star', 'champ', 'diamond', 'angel', 'treasure', 'godsend', 'wizard'];
const PRAISE = [
  ...each(['youre a', 'you are a', 'youre an', 'you are an', 'youre such a', 'what a'], PRAISE_NOUNS),
  // Praise for what the speaker did or said: "good for you", "fair play to you", "hats off to you", "well done".
  ...each(['good', 'fair play', 'hats off', 'kudos', 'props', 'more power'], ['to you', 'for you', 'on you']).filter((p) => !p.startsWith('good to')),
  'good on ya',
  'kudos',
  'bravo',
  'well done',
  'well done you',
  'well said',
  'nicely done',
  'nicely put',
];

/** Relief: "thank goodness", "thank god for that", "thank heavens". */
const RELIEF = each(['thank'], each(['goodness', 'god', 'heavens', 'the lord', 'christ'], ['', 'for that']));

/**
 * Agreement through a negation: nothing to dispute ("can't argue with that", "can't fault it"), agreement beyond
 * degree ("I couldn't agree more"). Mid-speech "can't…", "I couldn't…" wait a word: "can't hear you" is cut at "hear".
 */
const NEGATED_AGREEMENT = [
  ...each(
    ['cant', 'cannot', 'i cant', 'i cannot', 'you cant'],
    each(['argue', 'disagree', 'fault', 'complain about', 'beat'], ['with that', 'with it', 'that', 'it', 'there']),
  ),
  ...each(['cant', 'cannot', 'i cant', 'i cannot'], ['argue', 'disagree', 'complain', 'fault it', 'say fairer than that']),
  'no arguing with that',
  'no arguing there',
  // Not a bare "could not…": "could" asks ("could you repeat that") at its first word.
  ...each(['i couldnt', 'couldnt', 'i could not'], ['agree more', 'agree with you more', 'have said it better', 'put it better']),
];

/** Nouns a praise takes after an evaluation ("good thinking", "great find", "nice going"), beside lexicon.ts's GENERIC_NOUNS. */
export const PRAISED_NOUNS = ['thinking', 'spot', 'find', 'going', 'save'];

export const PRAISE_UNITS: [string, BackchannelKind][] = [
  ...PRAISE.map((p): [string, BackchannelKind] => [p, 'praise']),
  ...RELIEF.map((p): [string, BackchannelKind] => [p, 'relief']),
  ...NEGATED_AGREEMENT.map((p): [string, BackchannelKind] => [p, 'affirmation']),
];
