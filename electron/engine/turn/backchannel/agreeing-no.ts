/**
 * "yeah, no, totally", "no, you're right", "nah, that's fair": a "no" that agrees. Said after the agent's point, the
 * "no" dismisses a doubt rather than what the agent said, and agreement follows it. So a "no" (after backchannel words
 * or none) followed only by agreement or an evaluation is a backchannel, even though "no" is in the always-interrupt
 * list; followed by anything else ("no thanks", "no, that's wrong", "no, the other one") it is the "no" it always was.
 */
import type { BackchannelKind } from './lexicon.js';

/** The words of a "no". */
export const NO_WORDS = new Set(['no', 'nope', 'nah']);
/**
 * Kinds of what may follow a "no" that agrees: agreement, evaluation, realising ("no thanks" refuses; "no, really"
 * protests; "no deal" refuses the plan).
 */
const AGREEING: ReadonlySet<BackchannelKind> = new Set(['affirmation', 'evaluation', 'realisation']);

/** What the model makes of some words on their own (classify.ts's parse into units). */
export interface RestParse {
  /** Words that are no part of a backchannel unit. */
  leftover: string[];
  kinds: Set<BackchannelKind>;
  /** Leftover words at the end that may still become part of a unit ("I" -> "I agree", "you're" -> "you're right"). */
  trailingOpen: number;
}

export type AgreeingNo =
  /** The "no" agrees: what follows it is agreement (`agreement`, as said). */
  | { kind: 'agrees'; agreement: string }
  /** Mid-speech, what follows the "no" may still become agreement ("no I" -> "no I agree"): wait for the next word. */
  | { kind: 'mayStill' }
  | null;

/**
 * `words`: with idioms joined ("oh no" -> "ohno": no "no" here). `parse`: the model's parse of some words. `openers`:
 * words that alone do not yet agree ("no, okay, but…"). `hasForce`: whether words hold an always-interrupt phrase.
 */
export function agreeingNo(
  words: string[],
  final: boolean,
  parse: (ws: string[]) => RestParse,
  openers: ReadonlySet<string>,
  hasForce: (ws: string[]) => boolean,
): AgreeingNo {
  const first = words.findIndex((w) => NO_WORDS.has(w));
  if (first < 0) return null;
  let last = first;
  while (NO_WORDS.has(words[last + 1] ?? '')) last++;
  const before = words.slice(0, first);
  const rest = words.slice(last + 1);
  if (rest.length === 0 || hasForce(rest)) return null;
  // "no good for me", "no good at all", "no good enough": "no good" refuses. Bare "no good" agrees, as it did before.
  if (rest[0] === 'good' && rest.length > 1) return null;
  // Before the "no", only backchannel words ("yeah no", "oh, no no"): "stop, no, totally" stops on "stop".
  if (before.length > 0) {
    const b = parse(before);
    if (b.leftover.length > 0 || hasForce(before)) return null;
  }
  const r = parse(rest);
  if (r.leftover.length === 0 && r.kinds.size > 0) {
    if (![...r.kinds].every((k) => AGREEING.has(k))) return null;
    if (!rest.every((w) => openers.has(w))) return { kind: 'agrees', agreement: rest.join(' ') };
    // Only "no, yeah" or "no, okay": it may still go on to agreement ("no, yeah, totally") or to a turn ("no, okay, but…").
    return final ? null : { kind: 'mayStill' };
  }
  // "no I", "no you're", "no that is": on the way to a unit, perhaps agreement.
  if (!final && r.trailingOpen > 0 && r.trailingOpen === r.leftover.length) return { kind: 'mayStill' };
  return null;
}
