/**
 * One word after a whole backchannel at the end of the voice ("cheers, love", "mm, yes, quite", "yes, indeedy"). A
 * streaming recognizer splits such a phrase at its comma into two finals; the last word is seldom a unit, and the whole
 * used to stop the agent as "a word of its own". A policy, not a word list of backchannels: the word keeps the
 * backchannel's verdict unless it carries evidence of a turn of one's own. The evidence is decided here, so it can be
 * read in one place: a cue or force word is caught before this (classify.ts); here a joining or leading word, a number,
 * a time or day, a name (capitalised mid-text by a recognizer that writes case), a one-word request, or a question mark.
 * Only after agreement, fillers and thanks (`standsAlone`).
 */
import { JOINS_OR_LEADS } from './joining.js';
import { CUES, type BackchannelKind } from './lexicon.js';

/** A number the agent may be asked about ("yes, twelve", "right, 9"). */
const NUMBERS = new Set(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million half quarter first second third fourth fifth last next'.split(
    ' ',
  ),
);

/** A time or day the agent may be asked about ("sure, tomorrow", "yes, Friday"). */
const TIMES = new Set(
  'now today tonight tomorrow yesterday later earlier soon morning afternoon evening night noon midnight weekend week month year oclock am pm monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november december here there'.split(
    ' ',
  ),
);

/** One-word requests about the agent's speech or the call ("okay, louder", "right, slower"). */
const REQUESTS = new Set([
  'louder',
  'slower',
  'faster',
  'quieter',
  'softer',
  'again',
  'more',
  'less',
  'cancel',
  'hello',
  'hi',
  'quiet',
  'hush',
  'shush',
  'hold',
  'hang',
  // "okay, enough" asks the agent to stop; "thanks anyway" declines.
  'enough',
  'anyway',
  // Verbs of what an agent is asked to do ("sure, save", "yes, book"): a yes and a bare verb is a request.
  ...'book buy pay send save find spot check call order print email text add remove delete change confirm reserve try start play pause search look'.split(' '),
]);

/**
 * Backchannels that take no complement: agreement, fillers and thanks ("yes, indeedy", "mm, yes, quite", "cheers,
 * love"). An evaluation, sympathy or surprise may take the next word as its own ("terrible idea", "no way too
 * expensive"), so one word after those is decided as before.
 */
const STANDS_ALONE = new Set<BackchannelKind>(['affirmation', 'filler', 'thanks']);

/** Whether a backchannel of these kinds stands alone, so one more word after it need not belong to it. */
export function standsAlone(kinds: ReadonlySet<BackchannelKind>): boolean {
  return kinds.size > 0 && [...kinds].every((k) => STANDS_ALONE.has(k));
}

/**
 * Why `word` (the last of `text`, in `wordsOf` form) may be a turn of one's own, or null when it carries no such evidence.
 * `text` is the recognizer's text as written: a question mark, or a capital mid-text (a name), counts.
 */
export function trailingEvidence(word: string, text: string): string | null {
  if (CUES[word] !== undefined) return 'asks, requests or says no';
  if (JOINS_OR_LEADS.has(word)) return 'leads into more';
  if (/\d/.test(word) || NUMBERS.has(word)) return 'is a number';
  if (TIMES.has(word)) return 'is a time or place';
  if (REQUESTS.has(word)) return 'is a request';
  const trimmed = text.trim();
  if (trimmed.endsWith('?')) return 'is asked';
  const written = trimmed.split(/\s+/).at(-1) ?? '';
  // A capital at the end of mixed-case text is a name ("okay, Edinburgh"); all-caps recognizers say nothing by case.
  if (/^[A-Z]/.test(written) && trimmed !== trimmed.toUpperCase() && trimmed.split(/\s+/).length > 1) return 'is a name';
  return null;
}
