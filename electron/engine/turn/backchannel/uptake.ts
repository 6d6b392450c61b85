/**
 * Round 3 of backchannels by class (set F's held-out half and set G's first half still stopped the agent on "oh my
 * word", "that explains it", "sounds like a plan", "I'd reckon so", "now I get it", "I'm with you"): exclamations in
 * several words, realising, accepting a plan, modal hedges with "so", following, and everyday idioms. Each is written
 * as the frame of its class (an oath word in "oh my …", "… me", "good …"; a verb of explaining with what it explains; a
 * modal and a verb of believing), not as those phrases. Words are in the form `wordsOf` gives ("that'll" -> "thatll").
 */
import type { BackchannelKind } from './lexicon.js';

const each = (heads: readonly string[], tails: readonly string[]) => heads.flatMap((h) => tails.map((t) => `${h} ${t}`.trim()));
const as =
  (kind: BackchannelKind) =>
  (p: string): [string, BackchannelKind] => [p, kind];

/** Oaths: "oh my word", "my days", "good lord", "dear god", "mercy me", "lord above", "god almighty". */
const OATHS = ['god', 'gosh', 'goodness', 'lord', 'heavens', 'word', 'days', 'stars', 'gawd'];
const EXCLAIMED = [
  ...each(['oh my', 'my'], OATHS),
  'oh my life',
  ...each(['good', 'dear'], ['god', 'lord', 'gosh', 'heavens', 'gracious', 'golly']),
  ...each(['goodness', 'heavens', 'mercy', 'gracious', 'lordy', 'lord'], ['me']),
  ...each(['lord', 'god', 'heavens'], ['above', 'almighty']),
  // An oath may end on "me" ("oh my goodness me", "goodness gracious me", "oh dear me").
  ...each(['oh my goodness', 'my goodness', 'goodness gracious', 'good gracious', 'oh dear', 'dear dear'], ['me']),
  // "well, how about that": surprise, which may open a question ("how about that one"), so it holds mid-speech (OPENING_UPTAKE).
  'how about that',
];
/** Exclamations of one word the core lists lack. */
export const EXCLAIMED_WORDS = ['lordy', 'mercy', 'cripes', 'jeepers', 'strewth', 'heck', 'wowee'];

/** Realising: "that explains it", "that would explain it", "now I get it", "that clears it up", "so that's how it works". */
const EXPLAINED = ['it', 'that', 'a lot', 'everything', 'things', 'so much', 'why'];
const REALISED = [
  // "that" and "it" lead in ("that explains it"); "now" before "I" (classify.ts: "now I get it").
  ...each(['explains', 'that would explain', 'thatd explain'], EXPLAINED),
  ...each(['clears', 'cleared'], ['it up', 'that up', 'things up']),
  ...each(['answers'], ['it', 'that', 'my question', 'everything']),
  ...each(['all'], ['makes sense', 'adds up', 'fits', 'checks out', 'good', 'clear']),
  ...each(['i', ''], ['see why', 'get why', 'understand why']),
  ...each(['settles', 'solves'], ['it', 'that']),
  ...each(['thats', 'that is'], ['why', 'how it works', 'how it is', 'what i thought', 'what i figured']),
  'mystery solved',
  'point taken',
  'duly noted',
  'message received',
  'lesson learned',
  'loud and clear',
  'crystal clear',
];
/** Disbelief said as a statement: "you're kidding", "you must be joking". */
const DISBELIEF = [
  ...each(['youre', 'you are', 'you must be'], ['kidding', 'joking', 'kidding me']),
  'youre having me on',
  // "you don't say": mid-speech "you don't…" waits a word ("you don't understand" is cut at its third word).
  ...each(['you dont', 'you do not'], ['say', 'say so']),
];

/**
 * Uptake that may open a turn of one's own ("that's why I called", "I see why you…", "I'm in a hurry", "you're kidding, that's double"): mid-speech only a
 * partial veto, which holds the agent paused.
 */
export const OPENING_UPTAKE = [
  'thats why',
  'that is why',
  ...each(['explains', 'see', 'get', 'understand'], ['why']),
  'im in',
  'im down',
  ...DISBELIEF,
  // "deal" accepts once said; mid-speech it may be "deal with it" (cut at "with"). "how about that" may go on to "…one".
  'deal',
  'how about that',
].map((p) => p.split(' '));

/** Accepting a plan: "sounds like a plan", "it's a deal", "that'll do", "that'd be lovely", "suits me", "I'm in". */
const GOOD = ['fine', 'great', 'perfect', 'lovely', 'brilliant', 'ideal', 'wonderful', 'grand', 'super', 'amazing', 'helpful', 'handy', 'good', 'nice'];
const ACCEPTED = [
  'a plan',
  'a deal',
  // Not a bare "deal": "deal with it" would stop a word later.
  'done deal',
  ...each(['thatll', 'thatd', 'itll', 'itd', 'that will'], ['do', 'do it', 'do nicely', 'work', 'work fine']),
  ...each(['thatd be', 'thatll be', 'itd be', 'itll be'], GOOD),
  ...each(['suits'], ['me', 'us', 'me fine', 'us fine', 'me perfectly']),
  'works for us',
  // Not "we're …" ("were" asks) nor "I am …" ("I am looking for…" would stop a word later).
  ...each(['im'], ['in', 'game', 'down', 'sold', 'easy', 'up for it', 'up for that', 'all for it', 'all for that', 'on board']),
  ...each(['im', ''], each(['happy', 'fine', 'good', 'okay', 'ok', 'cool', 'content', 'alright'], ['with that', 'with it', 'with this'])),
  'count me in',
  // Bare, it accepts only as a whole (OPENING_UPTAKE): "deal with it" is cut at "with".
  'deal',
  'count us in',
  'happy days',
  'music to my ears',
];

/** Modal hedges with "so": "I'd reckon so", "I should think so", "I'd have guessed so", "it would seem so", "so I hear". */
const BELIEVING = [
  'reckon',
  'think',
  'say',
  'imagine',
  'guess',
  'hope',
  'expect',
  'bet',
  'assume',
  'suppose',
  'wager',
  'presume',
  'gather',
  'figure',
  'trust',
  'believe',
  'suspect',
];
const BELIEVED = ['thought', 'said', 'guessed', 'imagined', 'expected', 'reckoned', 'assumed', 'figured', 'supposed', 'presumed', 'hoped'];
const HEDGED = [
  // Not "I would …": "I would prefer the morning train" stops the agent at "would".
  ...each(
    ['id', 'i should', 'i might'],
    BELIEVING.map((v) => `${v} so`),
  ),
  ...each(['i'], ['wager so', 'trust so', 'fancy so']),
  ...each(
    ['id have', 'i should have', 'i might have'],
    BELIEVED.map((v) => `${v} so`),
  ),
  ...each(['im'], ['guessing so', 'thinking so', 'hoping so', 'assuming so', 'told so']),
  ...each(['it would', 'it might', 'itd', 'it does'], ['seem so', 'appear so']),
  ...each(['so it'], ['would seem', 'would appear', 'seems', 'appears']),
  ...each(['so i', 'or so i'], ['hear', 'heard', 'gather', 'see', 'believe', 'understand', 'am told']),
  ...each(['so', 'or so'], ['they say', 'im told', 'it seems']),
];

/** Following: "I'm with you", "still with you", "I'm all ears", "right, I'm following". */
// Not a bare "with you" ("deal with it" stops at "with").
const FOLLOWING_YOU = [
  ...each(['im', 'still', 'im still'], ['with you', 'with you so far', 'following', 'following you', 'listening', 'all ears']),
  // Said without the "I'm" only with what makes it following ("with you so far"), not a bare "with you".
  ...each(['with you'], ['so far', 'there', 'on that', 'all the way']),
];

/** Everyday idioms of agreement ("okey doke", "cool beans", "sweet as", "easy peasy") and of no objection ("no complaints"). */
export const NO_OBJECTION = ['no complaints', 'no arguments', 'no argument', 'no objection', 'no objections', 'no argument there'];
const IDIOMATIC = ['okey doke', 'okie doke', 'cool beans', 'sweet as', 'easy peasy', 'good as gold', 'right as rain', ...NO_OBJECTION];

export const UPTAKE_UNITS: [string, BackchannelKind][] = [
  ...[...EXCLAIMED, ...DISBELIEF].map(as('surprise')),
  ...REALISED.map(as('realisation')),
  ...ACCEPTED.map(as('acceptance')),
  ...HEDGED.map(as('hedge')),
  // Not "following" or "listening" alone.
  ...FOLLOWING_YOU.filter((p) => p.includes(' ')).map(as('affirmation')),
  ...IDIOMATIC.map(as('affirmation')),
];
