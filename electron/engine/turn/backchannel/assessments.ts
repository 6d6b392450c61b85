/**
 * More of what a listener says to assess what they just heard, beyond lexicon.ts's core: evaluative adjectives
 * ("that's wild", "so useful"), liking ("love that", "I like it"), fit ("that works", "works for me"), and the words of
 * address a backchannel may end with ("cheers, mate", "thanks, man"). Found missing on set D's tuning half
 * (bench/bargein-fresh-set-d.txt), and written as kinds of words, not as those phrases.
 */
import type { BackchannelKind } from './lexicon.js';

/** Evaluative adjectives (said alone or after "that's", "so", "how"). */
export const MORE_EVALUATIONS = [
  'incredible',
  'unbelievable',
  'wild',
  'crazy',
  'insane',
  'helpful',
  'useful',
  'handy',
  'classic',
  'hilarious',
  'terrific',
  'superb',
  'splendid',
  'marvellous',
  'marvelous',
  'outstanding',
  'remarkable',
  'exciting',
  'cute',
  'ideal',
  // Positive assessments and the news-receipt adjectives from the usual inventories of evaluative adjectives ("how
  // delightful", "how weird"). Sympathy with bad news is its own kind (SYMPATHY); words a complaint aims at the agent
  // ("that's ridiculous", "so annoying", "typical") are none: the person is taking the turn.
  'kind',
  'glad',
  'gorgeous',
  'stunning',
  'delightful',
  'charming',
  'grand',
  'fab',
  'fabulous',
  'glorious',
  'peachy',
  'dandy',
  'swell',
  'groovy',
  'rad',
  'epic',
  'wicked',
  'ace',
  'nifty',
  'fancy',
  'solid',
  'decent',
  'reasonable',
  'logical',
  'reassuring',
  'lucky',
  'weird',
  'strange',
  'odd',
  'bizarre',
  'surprising',
  'shocking',
  'scary',
  'relief',
  // Evaluations of other registers (British, dated, informal): "smashing", "cracking", "brill".
  'smashing',
  'cracking',
  'tremendous',
  'magnificent',
  'magic',
  'brill',
  'spiffing',
  'stellar',
];

/**
 * Sympathy with bad news ("that's sad", "oh no, how awful", "what a shame"): alone or after "that's", "how", "what a".
 * It takes no noun ("terrible idea" judges the agent's idea) and no "no" before it ("no, that's awful" disagrees).
 */
export const SYMPATHY = ['sad', 'terrible', 'awful', 'horrible', 'dreadful', 'tragic', 'tough', 'rough', 'shame', 'pity', 'bummer'];
/** Of those, the nouns ("that's a shame"); after "a" the adjectives go on to a noun ("that's a terrible idea"). */
export const SYMPATHY_NOUNS = new Set(['shame', 'pity', 'bummer']);

/** Liking what was said: a verb of liking and a word that points back at it, with or without the "I". */
const LIKING: string[] = ['love', 'like', 'adore'].flatMap((v) => ['it', 'that', 'this'].flatMap((o) => [`${v} ${o}`, `i ${v} ${o}`]));
/** What was said suits the listener ("works", "that works", "I guess that works", "works for me"). */
const FIT = ['works', 'works for me', 'that helps', 'figures', 'checks out', 'adds up', 'tracks', 'stands to reason', 'rings true'];

export const ASSESSMENT_UNITS: [string, BackchannelKind][] = [...LIKING, ...FIT].map((p) => [p, 'evaluation']);

/** Words of address a backchannel may end with ("cheers, mate", "cool, dude"); alone or first they are ordinary words. */
export const ADDRESS_WORDS = ['mate', 'man', 'dude', 'buddy', 'pal', 'bro', 'friend', 'sir', 'maam', 'madam'];
