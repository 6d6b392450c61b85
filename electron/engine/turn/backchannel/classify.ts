/**
 * Is what the person said over the agent a backchannel ("that makes sense", "oh wow", "right
 * right right") or a turn of their own ("what about the price", "could you repeat that")?
 * A small lexical model: the words are parsed into backchannel units (affirmations, fillers,
 * evaluations, thanks, laughter, surprise; with lead-ins such as "that's", "very", "sounds")
 * in any order and repetition; what is left over decides. It runs on every interim hypothesis
 * in microseconds, explains itself in words, and the user's own phrase lists come first.
 */
import { PhraseMatcher, wordsOf } from '../text.js';
import { CUES, IDIOMS, LEAD_INS, MULTI, SINGLE, WEAK, type BackchannelKind } from './lexicon.js';

export type Verdict =
  /** A turn of one's own: stop the agent. */
  | { kind: 'interrupt'; reason: string }
  /** Only backchannel so far: let the agent go on. `partial`: only if the last words become one ("I" -> "I see"). */
  | { kind: 'backchannel'; reason: string; partial?: boolean }
  /** Not enough words yet. */
  | { kind: 'unsure'; reason: string };

export interface UserLists {
  acknowledgementPhrases: readonly string[];
  interruptionPhrases: readonly string[];
}

const KIND_WORDS: Record<BackchannelKind, string> = {
  affirmation: 'agreement',
  filler: 'filler',
  evaluation: 'a short evaluation',
  thanks: 'thanks',
  laughter: 'laughter',
  surprise: 'surprise',
};

const IDIOM_TEXTS = new Set(IDIOMS.map((w) => w.join(' ')));

/** The words with each idiom written as one word ("oh no" -> "ohno"), so no listed phrase matches inside it. */
function joinIdioms(words: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const idiom = IDIOMS.find((p) => p.every((w, k) => words[i + k] === w));
    out.push(idiom ? idiom.join('') : words[i]!);
    if (idiom) i += idiom.length - 1;
  }
  return out.join(' ');
}

const quote = (words: string[]) => `"${words.join(' ')}"`;

export class BackchannelClassifier {
  private readonly acknowledgements: PhraseMatcher;
  private readonly force: PhraseMatcher;

  constructor(lists: UserLists) {
    this.acknowledgements = new PhraseMatcher(lists.acknowledgementPhrases);
    this.force = new PhraseMatcher(lists.interruptionPhrases);
  }

  /** `final`: the recognizer is done with these words (no benefit of the doubt for a trailing lead-in). */
  classify(text: string, final: boolean): Verdict {
    const words = wordsOf(text);
    if (words.length === 0) return { kind: 'unsure', reason: 'no words yet' };
    // The user's lists win over the model (a force word inside "oh no" is not one; "oh no" listed itself is).
    const listed = this.force.findIn(text);
    const force = listed !== null && IDIOM_TEXTS.has(listed) ? listed : this.force.findIn(joinIdioms(words));
    if (force !== null) return { kind: 'interrupt', reason: `"${force}" is in your always-interrupt phrases` };
    if (this.acknowledgements.coversAll(text)) return { kind: 'backchannel', reason: `${quote(words)} is in your never-interrupt phrases` };
    // "I" may be becoming "I see", or "I need a train": hold the veto, but do not act on it mid-speech.
    if (!final && this.acknowledgements.coversAll(text, { allowPartialTail: true })) {
      return { kind: 'backchannel', partial: true, reason: `${quote(words)} may become one of your never-interrupt phrases` };
    }
    const parse = parseUnits(words);
    const leftover = parse.leftover;
    if (leftover.length === 0 && parse.kinds.size > 0) {
      return { kind: 'backchannel', reason: `${quote(words)} is only ${describeKinds(parse.kinds, parse.repeated)}` };
    }
    // "yeah that ..." may become "yeah that's right" or "yeah that one is wrong": a partial veto.
    if (!final && parse.trailingLeadIns === leftover.length && leftover.length <= 2) {
      if (parse.kinds.size === 0) return { kind: 'unsure', reason: `${quote(words)} may lead into more` };
      return { kind: 'backchannel', partial: true, reason: `${quote(words)} is ${describeKinds(parse.kinds, parse.repeated)} so far` };
    }
    const cue = leftover.find((w) => CUES[w] !== undefined);
    if (cue !== undefined) return { kind: 'interrupt', reason: `"${cue}" ${cueWords(CUES[cue]!)}` };
    const strong = leftover.filter((w) => !WEAK.has(w));
    if (leftover.length >= 2 && strong.length >= 1)
      return { kind: 'interrupt', reason: `${quote(leftover)} is not something a listener says to keep you going` };
    if (final && strong.length >= 1) return { kind: 'interrupt', reason: `${quote(strong)} is a word of its own, not a backchannel` };
    if (parse.kinds.size > 0 && strong.length === 0) {
      return { kind: 'backchannel', reason: `${quote(words)} is ${describeKinds(parse.kinds, parse.repeated)} (with a short word that adds nothing)` };
    }
    return { kind: 'unsure', reason: `${quote(words)}: not enough to tell yet` };
  }
}

interface Parse {
  leftover: string[];
  kinds: Set<BackchannelKind>;
  repeated: boolean;
  /** How many of the leftover words are lead-ins at the very end (may still become "that's right"). */
  trailingLeadIns: number;
}

/** Greedy left-to-right parse into backchannel units; lead-ins are absorbed when a unit follows. */
function parseUnits(words: string[]): Parse {
  const kinds = new Set<BackchannelKind>();
  const leftover: string[] = [];
  const units: string[] = [];
  let pendingLeadIns: string[] = [];
  let i = 0;
  while (i < words.length) {
    const multi = MULTI.find(([p]) => p.every((w, k) => words[i + k] === w));
    const single = SINGLE[words[i]!];
    if (multi || single) {
      const [unit, kind] = multi ? [multi[0], multi[1]] : [[words[i]!], single!];
      kinds.add(kind);
      units.push(unit.join(' '));
      pendingLeadIns = [];
      i += unit.length;
      continue;
    }
    if (LEAD_INS.has(words[i]!)) {
      pendingLeadIns.push(words[i]!);
      i++;
      continue;
    }
    leftover.push(...pendingLeadIns, words[i]!);
    pendingLeadIns = [];
    i++;
  }
  leftover.push(...pendingLeadIns);
  const repeated = units.length >= 2 && new Set(units).size < units.length;
  return { leftover, kinds, repeated, trailingLeadIns: pendingLeadIns.length };
}

function describeKinds(kinds: Set<BackchannelKind>, repeated: boolean): string {
  const list = [...kinds].map((k) => KIND_WORDS[k]);
  const joined = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0]!;
  return `${joined}${repeated ? ', repeated' : ''}`;
}

function cueWords(kind: 'question' | 'request' | 'negation'): string {
  if (kind === 'question') return 'starts a question';
  if (kind === 'negation') return 'says no or disagrees';
  return 'starts a request or a turn of your own';
}
