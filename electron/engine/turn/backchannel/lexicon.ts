/**
 * The vocabulary of backchanneling (what a listener says to keep the speaker going), by kind,
 * from the usual inventories of conversational English (acknowledgements, continuers,
 * assessments, laughter), and the cue words that start a turn of one's own (questions,
 * requests, negations). Words are in the form `wordsOf` gives ("that's" -> "thats").
 */

import { ADDRESS_WORDS, ASSESSMENT_UNITS, MORE_EVALUATIONS, SYMPATHY } from './assessments.js';
import { AMOUNTS, CLASS_SINGLES, CLASS_UNITS, FOLLOWING, NEWS, HEDGES, HEDGING_VERBS, MORE_LEAD_INS } from './classes.js';
import { PRAISED_NOUNS, PRAISE_UNITS } from './praise.js';
import { EXCLAIMED_WORDS, NO_OBJECTION, UPTAKE_UNITS } from './uptake.js';

export type BackchannelKind =
  'affirmation' | 'filler' | 'evaluation' | 'thanks' | 'laughter' | 'surprise' | 'hedge' | 'sympathy' | 'realisation' | 'acceptance' | 'praise' | 'relief';

/** One-word units and the kind of each. */
export const SINGLE: Record<string, BackchannelKind> = Object.fromEntries([
  ...[
    'yes',
    'yeah',
    'yep',
    'yup',
    'yah',
    'ya',
    'ok',
    'okay',
    'okey',
    'kay',
    'alright',
    'right',
    'sure',
    'true',
    'exactly',
    'absolutely',
    'definitely',
    'totally',
    'indeed',
    'certainly',
    'correct',
    'gotcha',
    'agreed',
    'precisely',
    'uhhuh',
    'mhm',
    'mmhmm',
    'mmhm',
    'aha',
    'ahha',
    'roger',
    // Spoken and regional variants of yes / all right.
    'righto',
    'rightio',
    'righty',
    'yessir',
    'yea',
    'yeh',
    'okie',
    'mkay',
    'mmkay',
    'aye',
    'noted',
  ].map((w) => [w, 'affirmation' as const]),
  ...['um', 'uh', 'er', 'erm', 'hm', 'hmm', 'mm', 'mmm', 'huh', 'ah', 'oh', 'ooh', 'eh', 'well'].map((w) => [w, 'filler' as const]),
  ...[
    'cool',
    'nice',
    'great',
    'good',
    'perfect',
    'fine',
    'awesome',
    'lovely',
    'brilliant',
    'excellent',
    'sweet',
    'interesting',
    'wonderful',
    'fantastic',
    'amazing',
    'neat',
    'super',
    'fair',
    'fun',
    'funny',
    'beautiful',
    'impressive',
    'sensible',
    'smart',
    'clever',
    'fascinating',
    ...MORE_EVALUATIONS,
  ].map((w) => [w, 'evaluation' as const]),
  ...SYMPATHY.map((w) => [w, 'sympathy' as const]),
  ...['thanks', 'cheers', 'ta'].map((w) => [w, 'thanks' as const]),
  ...['ha', 'haha', 'hahaha', 'hah', 'heh', 'hehe', 'lol'].map((w) => [w, 'laughter' as const]),
  ...['wow', 'whoa', 'woah', 'really', 'gosh', 'jeez', 'seriously', 'damn', 'goodness', ...EXCLAIMED_WORDS].map((w) => [w, 'surprise' as const]),
  ...CLASS_SINGLES,
]);

/** What hands the turn back to the speaker: after a "no" or "sorry" ("no no, go on"), the whole is a backchannel. */
export const CONTINUERS: readonly string[][] = ['go on', 'go ahead', 'carry on', 'keep going', 'continue', 'please continue', 'please go on', 'go for it'].map(
  (p) => p.split(' '),
);
/** Words that may come before a continuer when someone gives the turn back ("oh sorry, carry on", "no no, please go on"). */
export const YIELDERS = new Set(['no', 'nope', 'nah', 'sorry', 'oh', 'ah', 'uh', 'um', 'er', 'please']);
/** Of those, the ones the always-interrupt list may hold: while only these are said, the next word decides. */
export const HOLD_WORDS = new Set(['no', 'nope', 'nah', 'sorry']);
/**
 * A question by its word order: a form of "be" first, then who it is about ("is that true", "are you sure"). Other
 * verbs that open a question ("can", "did") are cue words already; "is" alone is also a lead-in ("that is right").
 */
export const QUESTION_VERBS = new Set(['is', 'isnt', 'are', 'arent', 'was', 'were']);
export const SUBJECTS = new Set(['that', 'it', 'this', 'there', 'you', 'he', 'she', 'they', 'we', 'i']);

/** Fixed multi-word units, longest first (so "thank you so much" beats "thank you"). */
export const MULTI: [string[], BackchannelKind][] = (
  [
    ...FOLLOWING,
    ...NEWS,
    ...ASSESSMENT_UNITS,
    ...CLASS_UNITS,
    ...UPTAKE_UNITS,
    ...PRAISE_UNITS,
    ...CONTINUERS.map((c): [string, BackchannelKind] => [c.join(' '), 'affirmation']),
    ['no worries', 'affirmation'],
    ['no problem', 'affirmation'],
    ['no doubt', 'affirmation'],
    ['copy that', 'affirmation'],
    ['roger that', 'affirmation'],
    ['will do', 'affirmation'],
    ['pretty much', 'affirmation'],
    ['more or less', 'affirmation'],
    ['kind of', 'affirmation'],
    ['sort of', 'affirmation'],
    ['okie dokie', 'affirmation'],
    ['okey dokey', 'affirmation'],
    ['uh huh', 'affirmation'],
    ['mm hmm', 'affirmation'],
    ['mm hm', 'affirmation'],
    ['all right', 'affirmation'],
    ['of course', 'affirmation'],
    ['got it', 'affirmation'],
    ['got you', 'affirmation'],
    ['for sure', 'affirmation'],
    ['you bet', 'affirmation'],
    ['me too', 'affirmation'],
    ['same here', 'affirmation'],
    ['fair enough', 'evaluation'],
    ['good point', 'evaluation'],
    ['fair point', 'evaluation'],
    ['good idea', 'evaluation'],
    ['makes sense', 'evaluation'],
    ['thank you', 'thanks'],
    ['thank you so much', 'thanks'],
    ['thanks a lot', 'thanks'],
    ['oh no', 'surprise'],
    ['oh my god', 'surprise'],
    ['oh my gosh', 'surprise'],
    ['my goodness', 'surprise'],
    ['understood', 'affirmation'],
    ['you are right', 'affirmation'],
    ['youre right', 'affirmation'],
    ['thats it', 'affirmation'],
  ] as [string, BackchannelKind][]
)
  .map(([p, k]): [string[], BackchannelKind] => [p.split(' '), k])
  .sort((a, b) => b[0].length - a[0].length);

/**
 * Words that may stand inside a verb's unit without changing it ("makes perfect sense", "makes a lot of sense",
 * "I totally agree"), at most three in a row.
 */
export const INSIDE_UNITS = new Set([
  ...AMOUNTS,
  'perfect',
  'total',
  'complete',
  'a',
  'lot',
  'of',
  'so',
  'much',
  'good',
  'more',
  'such',
  'totally',
  'really',
  'completely',
  'absolutely',
  'just',
  'very',
  // Hedges and certainty inside an agreement: "you're probably right", "you're quite right", "I definitely agree".
  'quite',
  'definitely',
  'certainly',
  'probably',
  'maybe',
  'possibly',
]);

/** Words a unit may end with that add nothing: "too", "as well", "indeed", "(so, very, really) much" or "a lot" ("thank you so very much"), a word of address ("thanks, mate"). */
export const AFTER_UNITS: readonly string[][] = [['too'], ['as', 'well'], ['indeed'], ['much'], ['a', 'lot'], ...ADDRESS_WORDS.map((w) => [w])];
/** Degree words that may come before "much" / "a lot" at the end of a unit. */
export const DEGREE = new Set(['so', 'very', 'really', 'ever']);

/**
 * Generic nouns an evaluation or agreement may take ("nice one", "sure thing", "good stuff", "great job"): the pair
 * evaluates what was said, it does not bring in anything new.
 */
export const GENERIC_NOUNS = new Set([
  'one',
  'thing',
  'stuff',
  'job',
  'work',
  'call',
  'choice',
  'idea',
  'plan',
  'shout',
  'play',
  'news',
  'move',
  'catch',
  'effort',
  ...PRAISED_NOUNS,
]);

/**
 * Interjections that hold a word of the always-interrupt list without its force: "oh no" is
 * dismay ("the 9:15 is cancelled" - "oh no"), not a "no" to the agent. A force word inside one
 * does not interrupt; the same word elsewhere ("oh no, stop") still does.
 */
export const IDIOMS: readonly string[][] = [
  'oh no',
  'no way',
  'no kidding',
  'no wonder',
  'no worries',
  'no problem',
  'no doubt',
  'no idea',
  'no clue',
  ...NO_OBJECTION,
].map((p) => p.split(' '));

/**
 * Words that only lead into a backchannel ("that is right", "it sounds good", "very true",
 * "so cool"): absorbed when a backchannel unit follows, otherwise they count as ordinary words.
 */
export const LEAD_INS = new Set([
  'that',
  'thats',
  'it',
  'its',
  'is',
  'sounds',
  'sound',
  'very',
  'so',
  'really',
  'pretty',
  'quite',
  'totally',
  'super',
  'just',
  'how',
  'what',
  'a',
  'oh',
  'ah',
  'makes',
  'that',
  'too',
  'real',
  // Hedges: "sounds about right", "that is kind of cool", "fairly good".
  'about',
  'kind',
  'sort',
  'kinda',
  'sorta',
  'of',
  'fairly',
  'rather',
  'completely',
  'fully',
  'entirely',
  // British degree words: "dead right", "dead easy".
  'dead',
  ...MORE_LEAD_INS,
]);

/**
 * Discourse markers that open a turn of one's own as often as they end a backchannel ("okay, but…", "um, actually…",
 * "well, I…", "right, so…", "oh wait…"): alone, and while the voice goes on, they are not yet a backchannel. Hesitations,
 * the plain yes words, news tokens and "mm"; not the continuers "mm-hmm", "uh-huh", nor "yep", "cool" (closing tokens).
 */
export const OPENERS = new Set([
  'um',
  'uh',
  'er',
  'erm',
  'hm',
  'hmm',
  'well',
  'so',
  'okay',
  'ok',
  'okey',
  'kay',
  'alright',
  'yeah',
  'yes',
  'yea',
  'yeh',
  'right',
  'sure',
  // News tokens that lead a question or a correction about as often as they stand alone, and a thinking "mm" ("oh
  // wait…", "huh, what…", "really? since when", "mm, no…": set D's tuning half). Not "wow", "ah" (bench:bargein --quick:
  // "wow" and "wow, really" paused 80-380 ms longer, and no interruption of set D's tuning half starts with either).
  'oh',
  'huh',
  'really',
  'mm',
  'mmm',
  // A lone hedge opens a turn as often ("maybe we could…", "probably not") as it hedges an agreement.
  ...HEDGES,
]);
/** After other markers, words of someone still leading on: hesitations and a joining "and" ("so um", "okay well", "okay and"). */
export const LEADS_ON = new Set(['um', 'uh', 'er', 'erm', 'hm', 'hmm', 'well', 'so', 'and']);
/** A bare "I think", "I guess", "I mean" opens a clause more often than it ends one. */
export const OPENING_VERBS = new Set(['think', 'guess', 'mean', ...HEDGING_VERBS]);

/** Words that open a turn of one's own: a question, a request, a negation. */
export const CUES: Record<string, 'question' | 'request' | 'negation' | 'closing'> = Object.fromEntries([
  ...['what', 'which', 'who', 'whom', 'whose', 'where', 'when', 'why', 'how', 'whats', 'wheres', 'hows'].map((w) => [w, 'question' as const]),
  ...[
    'can',
    'could',
    'would',
    'will',
    'should',
    'shall',
    'may',
    'might',
    'do',
    'does',
    'did',
    'is',
    'are',
    'was',
    'were',
    'tell',
    'give',
    'show',
    'repeat',
    'say',
    'go',
    'let',
    'lets',
    'please',
    'explain',
    'skip',
    'help',
    'stop',
    'wait',
    'actually',
    'listen',
    'hey',
    'excuse',
    'pardon',
    'sorry',
    'i',
    'im',
    'id',
    'ill',
    'we',
    'my',
    'speak',
    'slow',
    'again',
    'back',
  ].map((w) => [w, 'request' as const]),
  ...['no', 'not', 'dont', 'doesnt', 'didnt', 'cant', 'cannot', 'wont', 'never', 'nope', 'nah', 'wrong', 'isnt', 'arent', 'but'].map((w) => [
    w,
    'negation' as const,
  ]),
  // Leaving: "thanks, bye" ends the call, a turn of one's own ("all good thanks bye" used to end unsure).
  ...['bye', 'goodbye', 'byebye', 'cheerio', 'ciao'].map((w) => [w, 'closing' as const]),
]);

/**
 * Short function words a recognizer often inserts or confuses: one of them alone (in a
 * backchannel) is not evidence of a turn of one's own.
 */
export const WEAK = new Set(['the', 'a', 'an', 'and', 'of', 'to', 'in', 'it', 'that', 'is', 'on', 'at', 'this', 'then', 'so', 'just', 'yes']);
