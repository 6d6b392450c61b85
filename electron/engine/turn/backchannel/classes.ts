/**
 * Backchannels by class rather than by phrase (set D's held-out half stopped the agent on "you betcha", "much
 * appreciated", "maybe, yeah", "probably, yeah", "oh, really now"): following ("I see what you mean"), news received,
 * hedged agreement, affirmation idioms, gratitude in other words, litotes ("not bad"), and the stance a listener may
 * add ("to me", "good to know"). Written from the usual
 * inventories of each class (hedges, epistemic verbs, thanking formulas), not from those phrases. Words are in the form
 * `wordsOf` gives ("I'd" -> "id").
 */
import type { BackchannelKind } from './lexicon.js';

/**
 * "I see", "I get it", "I think so", "I see what you mean": the listener says they follow. A first-person verb of
 * knowing or hearing, bare or with an object that points back at what the agent said.
 */
const FOLLOWING_VERBS = ['see', 'get', 'know', 'hear', 'understand', 'agree', 'guess', 'think', 'bet', 'believe', 'suppose', 'imagine', 'follow', 'gather'];
const FOLLOWING_OBJECTS = [
  '',
  'it',
  'you',
  'that',
  'so',
  'this',
  'what you mean',
  'what youre saying',
  'what you are saying',
  'your point',
  'where youre going',
];
/** Said without the "I" ("totally agree", "see what you mean"): only with an object, or verbs that stand alone. */
const BARE_FOLLOWING = ['agree', 'understand'];
export const FOLLOWING: [string, BackchannelKind][] = FOLLOWING_VERBS.flatMap((v) =>
  FOLLOWING_OBJECTS.flatMap((o): [string, BackchannelKind][] => [
    [`i ${v} ${o}`.trim(), 'affirmation'],
    ...(o !== '' || BARE_FOLLOWING.includes(v) ? [[`${v} ${o}`.trim(), 'affirmation'] as [string, BackchannelKind]] : []),
  ]),
);
/** News received: "I didn't know that", "I had no idea", "oh dear", "no way". */
export const NEWS: [string, BackchannelKind][] = [
  'i didnt know',
  'i didnt know that',
  'didnt know that',
  'i never knew',
  'i never knew that',
  'i had no idea',
  'i had no clue',
  'no clue',
  'i didnt realise',
  'i didnt realize',
  'who knew',
  'who would have thought',
  'whod have thought',
  'no way',
  'no kidding',
  'no wonder',
  'oh dear',
  'dear me',
  'oh boy',
  'oh man',
  'oh god',
  'oh gosh',
  'oh jeez',
  'oh lord',
  'good grief',
  'good lord',
].map((p) => [p, 'surprise']);

/** Hedges: said alone, or with agreement ("maybe, yeah", "probably so"), they agree with a reservation. */
export const HEDGES = [
  'maybe',
  'perhaps',
  'probably',
  'possibly',
  'likely',
  'presumably',
  'apparently',
  'hopefully',
  'supposedly',
  'seemingly',
  'evidently',
  'arguably',
  'conceivably',
  'plausibly',
  'potentially',
  'doubtless',
];

/** Exclamations of surprise or sympathy ("crikey", "aw, that's sweet", "oof"), and "goodness me". */
const EXCLAMATIONS = [
  'aw',
  'aww',
  'awww',
  'ahh',
  'ohh',
  'oof',
  'ouch',
  'yikes',
  'eek',
  'ugh',
  'phew',
  'whew',
  'gee',
  'geez',
  'golly',
  'crikey',
  'blimey',
  'heavens',
  'wowza',
  'wowzers',
  'dang',
  'darn',
  'sheesh',
  'cor',
  'yay',
  'woohoo',
  'hooray',
];
const EXCLAMATION_UNITS = ['goodness me', 'heavens me', 'dear dear', 'deary me', 'dearie me', 'my my', 'good heavens', 'goodness gracious'];

/** Spoken variants of yes and agreement idioms ("naturally", "by all means", "spot on", "you betcha"). */
const AFFIRMATION_WORDS = [
  'naturally',
  'obviously',
  'clearly',
  'surely',
  'undoubtedly',
  'likewise',
  'ditto',
  'bingo',
  'alrighty',
  'affirmative',
  'betcha',
  'totes',
];
const AFFIRMATION_IDIOMS = [
  'you betcha',
  'you got it',
  'you said it',
  'right you are',
  'there you go',
  'by all means',
  'fair play',
  'fair dos',
  'quite so',
  'just so',
  'righty ho',
  'righty oh',
  'no question',
  'without a doubt',
  'no doubt about it',
  // "X on": exactly right ("spot on", "dead on"); and "on the money".
  'spot on',
  'bang on',
  'dead on',
  'right on',
  'on the money',
  'on the nose',
  'on point',
];

/** Seeming and first-person hedges: "seems so", "I suspect so", "I'd imagine so", "I would agree". */
const SEEMING = ['seems so', 'seems like it', 'looks like it', 'sounds like it', 'appears so', 'looks that way', 'seems that way'];
/** Verbs of believing a listener hedges with, said with "so" ("I hope so") or bare at the end ("I reckon"). */
export const HEDGING_VERBS = ['reckon', 'hope', 'expect', 'suspect', 'figure', 'assume', 'presume', 'fear'];
const FIRST_PERSON_HEDGES = [
  ...HEDGING_VERBS.flatMap((v) => [`i ${v}`, `i ${v} so`]),
  // Not "I would …": it opens requests ("I would prefer the morning train"), which would wait a word longer.
  ...['say', 'think', 'imagine', 'guess', 'hope', 'expect', 'bet', 'assume', 'suppose'].map((v) => `id ${v} so`),
  'id agree',
  // The modal perfect: "I'd have thought so", "I'd have said so".
  ...['thought', 'said', 'guessed', 'imagined', 'expected'].map((v) => `id have ${v} so`),
];

/** Thanking in other words ("much appreciated", "bless you", "kind of you"); "nice of you" is an evaluation with "of you". */
const THANKS_WORDS = ['appreciated', 'obliged', 'thankyou', 'thx', 'merci', 'gracias'];
const THANKS_UNITS = [
  ...['it', 'that', 'this', 'you', 'it a lot'].flatMap((o) => [`i appreciate ${o}`, `appreciate ${o}`]),
  'i appreciate',
  'bless you',
  'kind of you',
  'thanks a bunch',
  'thanks a million',
  'thanks a ton',
  'thank you kindly',
];
/** What thanks may end with ("thanks loads", "thank you again", "thanks for that", "thank you for explaining"). */
export const THANKS_AFTER: readonly string[][] = [
  'loads',
  'heaps',
  'tons',
  'kindly',
  'muchly',
  'again',
  // Not "anyway": "thanks anyway" declines what was offered.
  'a bunch',
  'a million',
  'a ton',
  ...['that', 'this', 'it', 'everything', 'all that', 'the help', 'your help', 'the info', 'the update', 'the tip', 'letting me know'].map((o) => `for ${o}`),
  ...['explaining', 'sharing', 'clarifying', 'checking', 'helping', 'asking'].map((g) => `for ${g}`),
]
  .map((p) => p.split(' '))
  .sort((a, b) => b.length - a.length);

/** Amounts said as nouns ("a lot", "loads of", "heaps"): inside a unit ("makes loads of sense") or after one, they add nothing. */
export const AMOUNTS = ['lot', 'lots', 'load', 'loads', 'heap', 'heaps', 'bunch', 'ton', 'tons', 'bundle', 'million'];

/** Litotes: a negated negative evaluation is a positive one ("not bad", "not too shabby", "you're not wrong"). */
const LITOTES = ['not bad', 'not too bad', 'not half bad', 'not so bad', 'not shabby', 'not too shabby', 'not wrong', 'youre not wrong'];

/** News received with an idiom ("well I never", "fancy that"). */
const NEWS_IDIOMS = ['well i never', 'well i never did', 'fancy that', 'well well', 'would you believe it'];

/** Evaluations of what was heard: "good to know", "glad to hear it". */
const NEWS_EVALUATIONS = ['good', 'nice', 'great', 'glad', 'happy', 'pleased', 'relieved', 'interesting', 'useful', 'handy'].flatMap((e) =>
  ['to know', 'to hear', 'to hear it', 'to hear that', 'to see'].map((t) => `${e} ${t}`),
);

export const CLASS_SINGLES: [string, BackchannelKind][] = [
  ...HEDGES.map((w): [string, BackchannelKind] => [w, 'hedge']),
  ...AFFIRMATION_WORDS.map((w): [string, BackchannelKind] => [w, 'affirmation']),
  ...THANKS_WORDS.map((w): [string, BackchannelKind] => [w, 'thanks']),
  ...EXCLAMATIONS.map((w): [string, BackchannelKind] => [w, 'surprise']),
];

export const CLASS_UNITS: [string, BackchannelKind][] = [
  ...AFFIRMATION_IDIOMS.map((p): [string, BackchannelKind] => [p, 'affirmation']),
  ...[...SEEMING, ...FIRST_PERSON_HEDGES].map((p): [string, BackchannelKind] => [p, 'hedge']),
  ...THANKS_UNITS.map((p): [string, BackchannelKind] => [p, 'thanks']),
  ...[...LITOTES, ...NEWS_EVALUATIONS].map((p): [string, BackchannelKind] => [p, 'evaluation']),
  ...[...NEWS_IDIOMS, ...EXCLAMATION_UNITS].map((p): [string, BackchannelKind] => [p, 'surprise']),
];

/** The stance an agreeing listener may add: "makes sense to me", "fine by me", "okay with me"; not "no good to me". */
const STANCE_AFTER: readonly string[][] = ['to me', 'for me', 'by me', 'with me', 'to us', 'for us', 'by us', 'with us'].map((p) => p.split(' '));
/** Evaluations that agree, and so take a stance ending ("sounds good to me"); not "weird to me", "sad for me". */
const AGREEING_EVALUATIONS = new Set([
  'good',
  'great',
  'fine',
  'cool',
  'perfect',
  'nice',
  'lovely',
  'fair',
  'excellent',
  'brilliant',
  'makes',
  'reasonable',
  'sensible',
  'logical',
  'ideal',
]);
/** Kindness takes "of you" ("nice of you", "sweet of you"); not "typical of you". */
const KINDNESS = new Set(['nice', 'kind', 'good', 'sweet', 'lovely', 'generous', 'thoughtful', 'considerate']);

/**
 * What a unit may end with to give the listener's stance: after agreement, "to me", "for me"…; after kindness, "of
 * you"; after a negated unit ("not bad", "no problem"), "at all". "good at all", "no good for me" are not backchannels.
 */
export function stanceEndings(words: readonly string[], kind: BackchannelKind): readonly string[][] {
  const endings: string[][] = [];
  if (kind === 'affirmation' || kind === 'hedge' || kind === 'acceptance' || (kind === 'evaluation' && AGREEING_EVALUATIONS.has(words[0]!)))
    endings.push(...STANCE_AFTER);
  if (words.length === 1 && KINDNESS.has(words[0]!)) endings.push(['of', 'you']);
  if (words.includes('not') || words[0] === 'no') endings.push(['at', 'all']);
  return endings;
}

/** Hedges and certainty that a "not" turns into a no ("maybe not", "I hope not", "surely not", "of course not"). */
export const NEGATED_BY_NOT = new Set([
  ...HEDGES,
  ...HEDGING_VERBS,
  ...['think', 'guess', 'suppose', 'believe', 'imagine', 'bet'],
  ...['absolutely', 'definitely', 'certainly', 'surely', 'obviously', 'clearly', 'naturally', 'totally', 'course'],
]);

/** Assessments that take "enough" ("true enough", "sure enough"); not "okay, enough" or "yeah, enough", which stop. */
export const ENOUGH_TAKERS = new Set(['true', 'sure', 'fair', 'good', 'funny']);

/**
 * Adverbs that end a news receipt or an agreement ("oh, really now", "got it now", "alrighty then", "no complaints
 * here"): only as the last word of a final; mid-speech they may lead into more ("now book it", "there's a problem").
 */
export const FINAL_PARTICLES = new Set(['now', 'then', 'here', 'there']);

/** Intensifiers before a unit: "many thanks", "most likely", "greatly appreciated" ("much" only before thanks: "how much" asks). */
export const MORE_LEAD_INS = ['many', 'most', 'greatly', 'truly', 'deeply', 'ever', 'very', 'seems', 'seem', 'looks', 'look', 'feels', 'feel', 'appears'];
