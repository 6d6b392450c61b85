/**
 * Is what the person said over the agent a backchannel ("that makes sense", "oh wow", "right
 * right right") or a turn of their own ("what about the price", "could you repeat that")?
 * A small lexical model: the words are parsed into backchannel units (affirmations, fillers,
 * evaluations, thanks, laughter, surprise; with lead-ins such as "that's", "very", "sounds")
 * in any order and repetition; what is left over decides. It runs on every interim hypothesis
 * in microseconds, explains itself in words, and the user's own phrase lists come first.
 */
import { PhraseMatcher, wordsOf } from '../text.js';
import { agreeingNo } from './agreeing-no.js';
import { reaction } from './echo-questions.js';
import { OPENING_UPTAKE } from './uptake.js';
import { NEGATED_BY_NOT } from './classes.js';
import { handBack } from './hand-back.js';
import { CUES, IDIOMS, LEAD_INS, LEADS_ON, OPENERS, OPENING_VERBS, QUESTION_VERBS, SINGLE, SUBJECTS, WEAK, type BackchannelKind } from './lexicon.js';
import { isUnit, parseUnits } from './parse.js';
import { JOINING, LEADS_INTO_MORE } from './joining.js';
import { nothingNew, statesAfterSubject } from './no-turn.js';
import { standsAlone, trailingEvidence } from './trailing-word.js';
import { openWordsVerdict } from './model/open-words.js';
import type { PhraseModel } from './model/phrase-model.js';

export type Verdict =
  /** A turn of one's own: stop the agent. */
  | { kind: 'interrupt'; reason: string }
  /** Only backchannel so far: let the agent go on. `partial`: only if the last words become one ("I" -> "I see"). */
  | { kind: 'backchannel'; reason: string; partial?: boolean }
  /** Not enough words yet. `untilStopped`: a final that decides only once the voice has stopped ("got" of "got, it"). */
  | { kind: 'unsure'; reason: string; untilStopped?: boolean };

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
  hedge: 'a hedged agreement',
  sympathy: 'sympathy',
  realisation: 'a realisation',
  acceptance: 'acceptance',
  praise: 'praise',
  relief: 'relief',
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

  /**
   * `phrases`: the statistical model for words the rules cannot place (model/), or where to ask for it while it loads
   * (model/load.ts); null: the rules alone.
   */
  constructor(
    lists: UserLists,
    private readonly phrases: PhraseModel | null | (() => PhraseModel | null) = null,
  ) {
    this.acknowledgements = new PhraseMatcher(lists.acknowledgementPhrases);
    this.force = new PhraseMatcher(lists.interruptionPhrases);
  }

  /**
   * `final`: the recognizer is done with these words (no benefit of the doubt for a trailing lead-in). `voiceStopped`
   * (with `final`): the person has stopped too; false for a final asked at a pause in the voice that may still go on.
   */
  classify(text: string, final: boolean, voiceStopped = true): Verdict {
    const verdict = this.classifyWords(text, final, voiceStopped);
    if (verdict.kind !== 'backchannel' || verdict.partial === true || (final && voiceStopped)) return verdict;
    const last = wordsOf(text).at(-1);
    if (last === undefined || !LEADS_INTO_MORE.has(last)) return verdict;
    return { kind: 'backchannel', partial: true, reason: `"${text.trim()}" ends on "${last}": it may lead into more` };
  }

  private classifyWords(text: string, final: boolean, voiceStopped: boolean): Verdict {
    const verdict = this.judge(text, final, !(final && voiceStopped));
    if (!final || voiceStopped) return verdict;
    // A lone "so" (an opener that is no backchannel) decides nothing: what comes after it does ("so, um, my question").
    if (verdict.kind === 'unsure' && mayOpenTurn(wordsOf(text))) return { ...verdict, untilStopped: true };
    if (verdict.kind !== 'interrupt') return verdict;
    // A final at a pause in the voice that stops the agent only because it is final ("got" of "got it, thanks", "I"
    // of "I know, right", "no no" of "no no, go on"): the person may still go on; it decides when they stop.
    const open = this.judge(text, false, true);
    return open.kind === 'interrupt' ? verdict : { kind: 'unsure', untilStopped: true, reason: open.reason };
  }

  /** `voiceMayGoOn`: a lone opener ("okay", "um") is only a partial backchannel (it may open "okay, but…"). */
  private judge(text: string, final: boolean, voiceMayGoOn: boolean): Verdict {
    const words = wordsOf(text);
    if (words.length === 0) return { kind: 'unsure', reason: 'no words yet' };
    // The user's lists win over the model (a force word inside "oh no" is not one; "oh no" listed itself is), except
    // where the person gives the turn back ("no no, go on"), or may still be about to (hand-back.ts).
    const joined = joinIdioms(words);
    const joinedWords = joined.split(' ');
    const hasForce = (ws: string[]) => ws.length > 0 && this.force.findIn(ws.join(' ')) !== null;
    const back = handBack(joinedWords, final, hasForce);
    if (back?.kind === 'handsBack') return { kind: 'backchannel', reason: `${quote(words)} hands the turn back ("${back.continuer}")` };
    if (back?.kind === 'mayStill') return { kind: 'unsure', reason: `${quote(words)} may still go on to "no way" or "no, go on"` };
    const agreeing = agreeingNo(joinedWords, final, (ws) => parseUnits(ws, final), OPENERS, hasForce);
    if (agreeing?.kind === 'agrees') return backchannel(words, `${quote(words)}: the "no" agrees ("${agreeing.agreement}")`, voiceMayGoOn);
    if (agreeing?.kind === 'mayStill') return { kind: 'unsure', reason: `${quote(words)} may still go on to agree ("no, totally")` };
    const listed = this.force.findIn(text);
    const force = listed !== null && IDIOM_TEXTS.has(listed) ? listed : this.force.findIn(joined);
    if (force !== null) return { kind: 'interrupt', reason: `"${force}" is in your always-interrupt phrases` };
    if (this.acknowledgements.coversAll(text)) {
      const reason = `${quote(words)} is in your never-interrupt phrases`;
      return backchannel(words, reason, voiceMayGoOn);
    }
    // "did you now", "is that so", "are you serious": surprise handed back as a question (echo-questions.ts).
    const react = reaction(words, final, (ws) => {
      const p = parseUnits(ws, true);
      return p.leftover.length === 0 && p.kinds.size > 0;
    });
    if (react?.kind === 'mayStill') return { kind: 'unsure', reason: `${quote(words)} may be an echo question ("did you now")` };
    if (react?.kind === 'reacts') {
      const reason = `${quote(words)} is ${react.what}${react.what === 'a tag of agreement' ? '' : ': surprise'}, not a question for you`;
      // Held while the voice may go on: "is that so? then why…", "wow, is that… per person". A final at a pause in the
      // voice decides only when the person stops: an echo question opens a challenge often enough ("did you now? I
      // never asked for that") that going on in its pause let the agent be heard, then cut (set G1: 1.1-1.4 s).
      if (final && voiceMayGoOn) return { kind: 'unsure', untilStopped: true, reason };
      return voiceMayGoOn ? { kind: 'backchannel', partial: true, reason } : { kind: 'backchannel', reason };
    }
    const question = askedByWordOrder(words);
    if (question !== null) return { kind: 'interrupt', reason: `"${question}" starts a question` };
    // "I" may be becoming "I see", or "I need a train": hold the veto, but do not act on it mid-speech.
    if (!final && this.acknowledgements.coversAll(text, { allowPartialTail: true })) {
      return { kind: 'backchannel', partial: true, reason: `${quote(words)} may become one of your never-interrupt phrases` };
    }
    const parse = parseUnits(words, final);
    const leftover = parse.leftover;
    if (leftover.length === 0 && parse.kinds.size > 0) {
      const reason = `${quote(words)} is only ${describeKinds(parse.kinds, parse.repeated)}`;
      return backchannel(words, reason, voiceMayGoOn);
    }
    // Mid-speech, a "not" answers no ("not now", "maybe not", "I hope not"), as it did before litotes were units, unless
    // a yes or a filler comes first: "yeah not" may become "yeah not bad" or "yeah not that one", so it is unsure (the
    // other strategies may act), never a veto.
    const openNot = !final && parse.trailingOpen === leftover.length && leftover.includes('not');
    // Not a "not" inside what it opens after words of its own: "you're not…" may be "you're not wrong".
    const notAfterOwnWords = leftover.slice(0, -1).some((w) => !LEAD_INS.has(w));
    const saysNo = openNot && leftover.at(-1) === 'not' && !notAfterOwnWords && (parse.kinds.size === 0 || NEGATED_BY_NOT.has(parse.units.at(-1)!.at(-1)!));
    // Likewise a lone "who" asks ("who is driving"), though it may become "who knew"; "huh, who…" still may.
    const asks = !final && words.length === 1 && CUES[words[0]!] === 'question' && !LEAD_INS.has(words[0]!);
    // After a whole backchannel, a "what" or "how" asks as often as it exclaims ("…, what about tomorrow" / "what a view"):
    // no backchannel reading yet, so the agent going on after the backchannel pauses again at once (it was heard 560 ms).
    const questionLeadIn = CUES[leftover[0] ?? ''] === 'question' && LEAD_INS.has(leftover[0]!);
    if (!final && leftover.length === 1 && questionLeadIn && leftover[0] === words.at(-1) && words.length > 1) {
      const head = this.judge(words.slice(0, -1).join(' '), false, voiceMayGoOn);
      if (head.kind === 'backchannel' && head.partial !== true)
        return { kind: 'unsure', reason: `"${leftover[0]}" after ${quote(words.slice(0, -1))} may ask` };
    }
    if (openNot && !saysNo && parse.kinds.size > 0) return { kind: 'unsure', reason: `${quote(words)} may become "not bad", or say no` };
    // "yeah that ..." may become "yeah that's right" or "yeah that one is wrong": a partial veto.
    if (!saysNo && !asks && !final && parse.trailingOpen === leftover.length && parse.trailingLeadIns <= 2) {
      if (parse.kinds.size === 0) return { kind: 'unsure', reason: `${quote(words)} may lead into more` };
      return { kind: 'backchannel', partial: true, reason: `${quote(words)} is ${describeKinds(parse.kinds, parse.repeated)} so far` };
    }
    const strong = leftover.filter((w) => !WEAK.has(w));
    // "is" after its subject states ("that is a lot", "indeed it is"); first, it asks. Among short words alone ("this is
    // it") it still decides, as nothing else would.
    const states = parse.kinds.size > 0 || strong.some((w) => CUES[w] === undefined);
    const cue = leftover.find((w, k) => CUES[w] !== undefined && !(states && statesAfterSubject(leftover, k)));
    if (cue !== undefined) return { kind: 'interrupt', reason: `"${cue}" ${cueWords(CUES[cue]!)}` };
    // "I'm in trouble", "that's why everyone…": one word of its own after uptake that may open a turn makes it one
    // (waiting for a second word cut "I'm in trouble" only once the person had stopped).
    const ownWordLast = leftover.length === 1 && strong.length === 1 && leftover[0] === words.at(-1);
    if (!final && ownWordLast && endsOnOpeningUptake(words.slice(0, -1)))
      return { kind: 'interrupt', reason: `"${leftover[0]}" after ${quote(words.slice(0, -1))} is a turn of your own` };
    // Words with no sign of a turn ("same, honestly", "me neither", "tut, tut"): a backchannel once the person stops;
    // until then they hold the agent paused ("same, but…" may still come).
    const quiet = strong.length >= 1 && (leftover.length >= 2 || parse.kinds.size > 0) ? nothingNew(leftover, text) : null;
    if (quiet !== null) {
      const reason = `${quote(words)} ${quiet}`;
      return voiceMayGoOn ? { kind: 'unsure', untilStopped: true, reason } : { kind: 'backchannel', reason };
    }
    // Words of content with no sign of a turn: the phrase model may hear them as a backchannel ("that's bonkers").
    const open = () => openWordsVerdict(typeof this.phrases === 'function' ? this.phrases() : this.phrases, words, leftover, text, voiceMayGoOn);
    if (leftover.length >= 2 && strong.length >= 1)
      return open() ?? { kind: 'interrupt', reason: `${quote(leftover)} is not something a listener says to keep you going` };
    if (final && !voiceMayGoOn && ownWordLast) {
      const headParse = parseUnits(words.slice(0, -1), true);
      const head = headParse.leftover.length === 0 && standsAlone(headParse.kinds) ? this.judge(words.slice(0, -1).join(' '), true, false) : null;
      const evidence = trailingEvidence(leftover[0]!, text);
      // "cheers, love", "mm, yes, quite": one word after a whole backchannel keeps its verdict unless it is evidence of a turn.
      if (head?.kind === 'backchannel' && evidence === null)
        return { kind: 'backchannel', reason: `${head.reason}, and "${leftover[0]}" after it asks nothing` };
      if (head?.kind === 'backchannel') return { kind: 'interrupt', reason: `"${leftover[0]}" after ${quote(words.slice(0, -1))} ${evidence}` };
    }
    if (final && strong.length >= 1) return open() ?? { kind: 'interrupt', reason: `${quote(strong)} is a word of its own, not a backchannel` };
    if (parse.kinds.size > 0 && strong.length === 0) {
      // Mid-speech, a backchannel ending on a joining word leads into more ("yes, and then what", "cool, and where…").
      if (voiceMayGoOn && JOINING.has(words.at(-1)!)) return { kind: 'backchannel', partial: true, reason: `${quote(words)} leads on ("${words.at(-1)}")` };
      const reason = `${quote(words)} is ${describeKinds(parse.kinds, parse.repeated)} (with a short word that adds nothing)`;
      return backchannel(words, reason, voiceMayGoOn);
    }
    return { kind: 'unsure', reason: `${quote(words)}: not enough to tell yet` };
  }
}

/** "is that true", "oh, are you sure": a verb before who it is about, at the start (after fillers). */
function askedByWordOrder(words: string[]): string | null {
  const start = words.findIndex((w) => SINGLE[w] !== 'filler');
  const [verb, subject] = [words[start], words[start + 1]];
  return verb !== undefined && subject !== undefined && QUESTION_VERBS.has(verb) && SUBJECTS.has(subject) ? `${verb} ${subject}` : null;
}

/** A backchannel verdict; only partial while the voice may go on and the words may still open a turn ("okay, but…"). */
function backchannel(words: string[], reason: string, voiceMayGoOn: boolean): Verdict {
  return voiceMayGoOn && mayOpenTurn(words) ? { kind: 'backchannel', partial: true, reason } : { kind: 'backchannel', reason };
}

/**
 * A lone discourse marker ("okay", "yeah", "um", "well", "so um") or a bare "I think" may still open a turn of one's
 * own ("okay, but what about…", "um, actually…"). Several markers lead on only when they end hesitating or joining
 * ("okay well", "okay and"); "okay okay", "oh okay" are whole.
 */
function mayOpenTurn(words: string[]): boolean {
  if (endsOnOpeningUptake(words)) return true;
  if (words.length === 2 && words[0] === 'i' && OPENING_VERBS.has(words[1]!)) return true;
  const last = words.at(-1)!;
  if (words.length === 1) return OPENERS.has(last);
  // "mm hmm" is the continuer, not "mm" and a hesitation.
  if (isUnit(words)) return false;
  return words.slice(0, -1).every((w) => OPENERS.has(w)) && LEADS_ON.has(last);
}

/** "that's why" may be "that's why I called"; "you're kidding" may be "you're kidding, that's double". */
function endsOnOpeningUptake(words: string[]): boolean {
  return OPENING_UPTAKE.some((p) => p.length <= words.length && p.every((w, k) => words[words.length - p.length + k] === w));
}

function describeKinds(kinds: Set<BackchannelKind>, repeated: boolean): string {
  // A hedge with a yes is one thing, a hedged agreement ("maybe, yeah"), not a hedge and an agreement.
  const list = [...kinds].filter((k) => !(k === 'affirmation' && kinds.has('hedge'))).map((k) => KIND_WORDS[k]);
  const joined = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0]!;
  return `${joined}${repeated ? ', repeated' : ''}`;
}

function cueWords(kind: 'question' | 'request' | 'negation' | 'closing'): string {
  if (kind === 'closing') return 'says goodbye';
  if (kind === 'question') return 'starts a question';
  if (kind === 'negation') return 'says no or disagrees';
  return 'starts a request or a turn of your own';
}
