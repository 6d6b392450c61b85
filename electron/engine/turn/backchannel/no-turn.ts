/**
 * A policy, not phrases: what is left over after the backchannel units ("same, honestly", "me neither", "that's a lot")
 * stops the agent only if it shows a sign of a turn of one's own. Until round 4 any two such words did
 * ("not something a listener says"), so every phrasing nobody had listed stopped the agent: 38 of 182 held-out
 * backchannels of set H, after four rounds of new phrases had each fixed mostly their own design set.
 * The signs of a turn are decided elsewhere and come first: force and cue words (a question, request, negation,
 * goodbye; classify.ts), a number, time, name or one-word request (trailing-word.ts). Here: a word of content the agent
 * would have to answer. Content is an open class, so it is told by what it is not: words that only point back at what
 * was said ("me", "that", "it is"), align with it ("same", "neither", "too"), or weigh it ("a lot", "honestly"), which
 * are closed classes. Not "them", "those", "these" ("neither of those" picks one), nor "the" (it brings a noun). Not a
 * word said over and over: "hear, hear" is a backchannel, "shh, shh" and "oi, oi" are not, and nothing but the word tells. Words are in the form `wordsOf` gives ("that's" -> "thats").
 */
import { AMOUNTS } from './classes.js';
import { SUBJECTS } from './lexicon.js';

/** Pointing back at what the agent said, or at oneself agreeing ("me neither", "indeed it is"; a bare "that it is" is short words alone and still stops it). */
const POINTING_BACK = ['me', 'us', 'it', 'that', 'thats', 'this', 'its'];
/** Aligning with it: "same", "me too", "me as well"; "neither", "either", "nor" only with "me" or "us" (a lone "neither" picks). */
const ALIGNING = ['same', 'too', 'also', 'likewise', 'as', 'well'];
const ALIGNING_WITH_ME = new Set(['neither', 'either', 'nor']);
/** Weighing it: amounts said as nouns ("a lot", "loads": AMOUNTS) and stance adverbs ("honestly", "truly"); not manner ("slowly"). */
const STANCE = [
  'honestly',
  'frankly',
  'truly',
  'genuinely',
  'literally',
  'personally',
  'admittedly',
  'basically',
  'really',
  'indeed',
  'very',
  'so',
  'quite',
  'just',
  'pretty',
];
const NOTHING_NEW = new Set([...POINTING_BACK, ...ALIGNING, 'a', 'of', ...AMOUNTS, ...STANCE]);

/** "is", "was" after who or what they are about ("that is a lot", "indeed it is") state; first, they ask ("is it…"). */
const COPULAS = new Set(['is', 'was', 'are', 'were']);
export function statesAfterSubject(words: readonly string[], i: number): boolean {
  return COPULAS.has(words[i]!) && i > 0 && SUBJECTS.has(words[i - 1]!);
}

/**
 * Why `leftover` brings nothing for the agent to answer, or null when it may. Cue and force words are decided before
 * this. `text` as written: a question mark asks ("that's a lot?").
 */
export function nothingNew(leftover: readonly string[], text: string): string | null {
  if (leftover.length === 0 || text.trim().endsWith('?')) return null;
  const withMe = leftover.includes('me') || leftover.includes('us');
  if (leftover.every((w, k) => NOTHING_NEW.has(w) || statesAfterSubject(leftover, k) || (withMe && ALIGNING_WITH_ME.has(w))))
    return 'has no sign of a turn of your own (no question, request, no, or anything new to answer)';
  return null;
}
