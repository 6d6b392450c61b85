/**
 * The parse of what was said into backchannel units (lexicon.ts, classes.ts, uptake.ts…): fixed units with room
 * inside for a verb's words ("makes perfect sense"), single words with what may end them ("thanks loads", "nice
 * one"), lead-ins absorbed before a unit ("that's", "so", "sounds like"), and what is left over. classify.ts judges
 * the parse. Words are in the form `wordsOf` gives ("that's" -> "thats").
 */
import { SYMPATHY_NOUNS } from './assessments.js';
import { PRAISED_NOUNS } from './praise.js';
import { ENOUGH_TAKERS, FINAL_PARTICLES, THANKS_AFTER, stanceEndings } from './classes.js';
import { AFTER_UNITS, DEGREE, GENERIC_NOUNS, INSIDE_UNITS, LEAD_INS, MULTI, SINGLE, SUBJECTS, type BackchannelKind } from './lexicon.js';

/** Words that make "good one" a choice, not an assessment ("the good one"). */
const DETERMINERS = new Set(['the', 'this', 'these', 'those', 'other', 'another', 'which', 'your', 'my', 'our']);

export interface Parse {
  leftover: string[];
  kinds: Set<BackchannelKind>;
  repeated: boolean;
  /** The units found, each as its words. */
  units: string[][];
  /** How many leftover words at the very end may still become part of a unit (a lead-in, or "oh my" on the way to "oh my god"). */
  trailingOpen: number;
  /** How many of those are lead-ins ("yeah that ..."). */
  trailingLeadIns: number;
}

interface Unit {
  /** Words consumed. */
  length: number;
  words: string[];
  kind: BackchannelKind;
}

/** The fixed units by their first word (longest first), so a word is checked only against the units it can start. */
const MULTI_BY_FIRST = new Map<string, [string[], BackchannelKind][]>();
for (const entry of MULTI) MULTI_BY_FIRST.set(entry[0][0]!, [...(MULTI_BY_FIRST.get(entry[0][0]!) ?? []), entry]);

/** Only a verb and what it takes have room inside ("makes perfect sense", "I totally agree", "you're probably right"), not "me too" or "thank you". */
const takesInside = (unit: string[]) => INSIDE_FIRST.has(unit[0]!);
/** "I totally agree", "makes perfect sense", "you're probably right", "you are absolutely right". */
const INSIDE_FIRST = new Set(['i', 'makes', 'youre', 'you']);

/**
 * How many words the fixed unit takes at `start`, with up to three INSIDE_UNITS words between its words ("makes
 * perfect sense"): 0 when it is not there, -1 when the words end on the way to it ("makes total").
 */
function matchMulti(words: string[], start: number, unit: string[]): number {
  let i = start;
  for (let k = 0; k < unit.length; k++) {
    let inside = 0;
    while (k > 0 && INSIDE_UNITS.has(words[i] ?? '') && words[i] !== unit[k] && inside < 3 && takesInside(unit)) {
      i++;
      inside++;
    }
    if (i >= words.length) return -1;
    // A unit that points back with "it" may point back with "that" ("got that", "that explains that"); not "this" ("I got this").
    if (words[i] !== unit[k] && !(unit[k] === 'it' && words[i] === 'that')) return 0;
    i++;
  }
  return i - start;
}

/** The backchannel unit at `start`, with what may end it ("very much", "too") or a generic noun ("nice one"). */
function unitAt(words: string[], start: number): Unit | null {
  let unit: Unit | null = null;
  // "holy cow", "holy moly", "holy smokes": "holy" and whatever word it exclaims.
  if (words[start] === 'holy' && start + 1 < words.length) return { length: 2, words: words.slice(start, start + 2), kind: 'surprise' };
  for (const [p, kind] of unitsAt(words, start)) {
    const length = matchMulti(words, start, p);
    if (length > 0) {
      unit = { length, words: p, kind };
      break;
    }
  }
  const single = SINGLE[words[start]!];
  // "that's a terrible…" goes on to what is terrible ("…idea"); "that's a shame" is whole.
  const adjectiveAfterA = single === 'sympathy' && words[start - 1] === 'a' && !SYMPATHY_NOUNS.has(words[start]!);
  if (unit === null && single !== undefined && !adjectiveAfterA) {
    // "nice one" assesses; "the nice one" picks one ("the good one, not the cheap one").
    const next = words[start + 1] ?? '';
    const noun =
      (single === 'evaluation' || single === 'affirmation') &&
      GENERIC_NOUNS.has(next) &&
      !DETERMINERS.has(words[start - 1] ?? '') &&
      !verbOfRequest(single, next, words[start + 2]);
    unit = { length: noun ? 2 : 1, words: words.slice(start, start + (noun ? 2 : 1)), kind: single };
  }
  if (unit === null) return null;
  let end = start + unit.length;
  // A hedge takes "so" ("probably so"); thanks take their own endings ("thanks loads", "thank you for that").
  if (unit.kind === 'hedge' && words[end] === 'so' && unit.words.at(-1) !== 'so') end++;
  if (words[end] === 'enough' && unit.length === 1 && ENOUGH_TAKERS.has(unit.words[0]!)) end++;
  const thanksAfter = unit.kind === 'thanks' ? THANKS_AFTER.find((a) => a.every((w, k) => words[end + k] === w)) : undefined;
  if (thanksAfter) end += thanksAfter.length;
  // Degree words count only before an ending ("thank you so very much"), not alone ("exactly so…" leads on).
  let degreeEnd = end;
  while (DEGREE.has(words[degreeEnd] ?? '')) degreeEnd++;
  const after = [...AFTER_UNITS, ...stanceEndings(unit.words, unit.kind)].find((a) => a.every((w, k) => words[degreeEnd + k] === w));
  return { ...unit, length: (after ? degreeEnd + after.length : end) - start };
}

/** True when the words from `start` to the end are on the way to a longer fixed unit ("oh my", "i see what you", "makes total"). */
function opensUnit(words: string[], start: number): boolean {
  if (words[start] === 'holy' && start === words.length - 1) return true;
  return unitsAt(words, start).some(([p]) => matchMulti(words, start, p) === -1);
}

/**
 * The fixed units that may start at `start`. Those that open with a word of a turn of one's own ("with you so far",
 * "can't argue with that", "couldn't agree more") only first or after a yes or a filler ("yeah, with you there"):
 * after other words, that word goes on with them ("deal with it" is cut at "with", "that can't be right" at "can't").
 */
function unitsAt(words: string[], start: number): [string[], BackchannelKind][] {
  const units = MULTI_BY_FIRST.get(words[start]!) ?? [];
  const before = SINGLE[words[start - 1] ?? ''];
  return OWN_FIRST_WORDS.has(words[start]!) && start > 0 && before !== 'affirmation' && before !== 'filler' ? [] : units;
}
const OWN_FIRST_WORDS = new Set(['with', 'cant', 'cannot', 'couldnt']);

/** Verbs of seeming that "like" may follow as a lead-in ("sounds like a plan"). */
const SEEMING_VERBS = new Set(['sounds', 'sound', 'looks', 'look', 'seems', 'seem', 'feels', 'feel']);

/** Greedy left-to-right parse into backchannel units; lead-ins are absorbed when a unit follows. */
export function parseUnits(words: string[], final: boolean): Parse {
  const kinds = new Set<BackchannelKind>();
  const leftover: string[] = [];
  const units: string[][] = [];
  let pendingLeadIns: string[] = [];
  let lastWasUnit = false;
  let i = 0;
  while (i < words.length) {
    const found = unitAt(words, i);
    // "I see why you did that", "that explains why the price went up": "why" with a clause after it is no realisation;
    // "you don't say that to people": "say" with words of its own after it is no disbelief.
    const unit = found !== null && takesClause(words, i + found.length) ? null : found;
    // Mid-speech, "oh my" is not "oh" then a request ("my ..."): it may become "oh my god". A whole unit to the end stays whole.
    if (!final && (unit === null || i + unit.length < words.length) && opensUnit(words, i)) {
      leftover.push(...pendingLeadIns, ...words.slice(i));
      // A whole unit on the way to a longer one ("thanks a" of "thanks a lot", "good for" of "good for you") is that unit
      // so far: held, not a reading lost ("thanks a" read unsure, and the agent going on after "thanks" paused again).
      if (unit !== null) kinds.add(unit.kind);
      return { leftover, kinds, units, repeated: isRepeated(units), trailingOpen: pendingLeadIns.length + words.length - i, trailingLeadIns: 0 };
    }
    if (unit) {
      kinds.add(unit.kind);
      units.push(unit.words);
      pendingLeadIns = [];
      i += unit.length;
      lastWasUnit = true;
      continue;
    }
    // "oh, really now", "got it now": an adverb that ends a final right after a unit adds nothing.
    if (final && i === words.length - 1 && pendingLeadIns.length === 0 && units.length > 0 && FINAL_PARTICLES.has(words[i]!) && lastWasUnit) break;
    lastWasUnit = false;
    // "sounds like a plan", "looks like a good idea": "like" leads in only after a verb of seeming.
    const likeAfterSeeming = words[i] === 'like' && SEEMING_VERBS.has(pendingLeadIns.at(-1) ?? '');
    // "now I get it", "now I see why": realising; a lone "now" leads on ("now book it", "so what now").
    const nowBeforeI = words[i] === 'now' && words[i + 1] === 'i';
    if (LEAD_INS.has(words[i]!) || likeAfterSeeming || nowBeforeI || (words[i] === 'much' && SINGLE[words[i + 1] ?? ''] === 'thanks')) {
      pendingLeadIns.push(words[i]!);
      i++;
      continue;
    }
    leftover.push(...pendingLeadIns, words[i]!);
    pendingLeadIns = [];
    i++;
  }
  leftover.push(...pendingLeadIns);
  return { leftover, kinds, units, repeated: isRepeated(units), trailingOpen: pendingLeadIns.length, trailingLeadIns: pendingLeadIns.length };
}

/**
 * A unit ending on "why" or "say" at `end` is followed by a clause or an object (a subject, or a word that starts no
 * unit: "you don't say that", "I see why it broke"), not by "yeah" ("you don't say, wow").
 */
function takesClause(words: string[], end: number): boolean {
  const next = words[end];
  return (words[end - 1] === 'why' || words[end - 1] === 'say') && next !== undefined && (SUBJECTS.has(next) || unitAt(words, end) === null);
}

/** Words that start an object: after "find", "save"… they make it the verb of a request ("good, find me a cab"). */
const OBJECT_STARTS = new Set(['it', 'that', 'this', 'them', 'me', 'us', 'him', 'her', 'the', 'a', 'an', 'my', 'your', 'our', 'some', 'those', 'these']);

/**
 * A praised noun that is also a verb ("find", "save"…) praises only after an evaluation ("good find") and without an
 * object after it: after a yes, or with an object, it is a request ("sure, save it", "great, save the receipt").
 */
function verbOfRequest(kind: BackchannelKind, noun: string, after: string | undefined): boolean {
  return PRAISED.has(noun) && (kind !== 'evaluation' || OBJECT_STARTS.has(after ?? ''));
}
const PRAISED = new Set(PRAISED_NOUNS);

/** The words are exactly one fixed unit ("mm hmm", "uh huh"). */
export function isUnit(words: string[]): boolean {
  return (MULTI_BY_FIRST.get(words[0]!) ?? []).some(([p]) => p.length === words.length && p.every((w, k) => words[k] === w));
}

function isRepeated(units: string[][]): boolean {
  return units.length >= 2 && new Set(units.map((u) => u.join(' '))).size < units.length;
}
