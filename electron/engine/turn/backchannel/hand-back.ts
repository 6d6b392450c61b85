/**
 * "No no, go on", "sorry, go ahead": the person gives the turn back. The "no" or "sorry" of the always-interrupt
 * list is then not a request to stop, and "no" also starts "no way", "no kidding". So while the words so far are only
 * such a word (with fillers), the next word decides, or the final: the agent stays paused meanwhile, which is all a
 * stop would have done before the next word anyway (the cut only throws the rest away).
 */
import { CONTINUERS, HOLD_WORDS, YIELDERS } from './lexicon.js';

export type HandBack =
  /** Yielding words, then a continuer: the whole is a backchannel. */
  | { kind: 'handsBack'; continuer: string }
  /** Only yielding words so far (with a "no" or "sorry"), perhaps the start of a continuer: wait for the next word. */
  | { kind: 'mayStill' }
  | null;

const onlyYielders = (words: string[]) => words.every((w) => YIELDERS.has(w));

/** How many of the last words are the first words of continuer `c` (fewer than all of it, and not all the words). */
function startsOf(c: readonly string[], words: string[]): number {
  for (let n = Math.min(c.length - 1, words.length - 1); n > 0; n--) if (words.slice(-n).every((w, k) => c[k] === w)) return n;
  return 0;
}

/**
 * `words`: with idioms joined ("oh no" -> "ohno"), so a "no" inside one is no yielding word. `hasForce`: whether words
 * hold an always-interrupt phrase (one before the yielding words decides as usual: "stop, no" stops).
 */
export function handBack(words: string[], final: boolean, hasForce: (words: string[]) => boolean): HandBack {
  for (const c of CONTINUERS) {
    const head = words.length - c.length;
    if (head > 0 && c.every((w, k) => words[head + k] === w) && onlyYielders(words.slice(0, head))) return { kind: 'handsBack', continuer: c.join(' ') };
  }
  if (final) return null;
  // The yielding words at the end, perhaps with a continuer's first words after them ("sorry, go" -> "sorry, go ahead").
  const opening = Math.max(0, ...CONTINUERS.map((c) => startsOf(c, words)));
  let start = words.length - opening;
  while (start > 0 && YIELDERS.has(words[start - 1]!)) start--;
  const holding = words.slice(start).some((w) => HOLD_WORDS.has(w));
  return holding && !hasForce(words.slice(0, start)) ? { kind: 'mayStill' } : null;
}
