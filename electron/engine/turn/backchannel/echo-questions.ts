/**
 * Echo questions and disbelief: "did you now", "is that so", "oh, is it?", "are they really", "are you serious" (said as a
 * statement, "you're kidding" is a unit of uptake.ts). A listener hands the speaker's own statement back as a question with nothing new in it (an auxiliary and a
 * pronoun that agree, and at most "really", "now" or "so"): it says surprise and asks for nothing. With anything after
 * it, it is a question or a challenge ("is that true", "are you sure", "are you serious right now", "is that so? then
 * why…") and the usual rules decide. Words are in the form `wordsOf` gives ("you're" -> "youre").
 */

/** Auxiliaries and the pronouns each takes in a question ("do it" orders, "does it" asks). */
const PLURAL = ['you', 'they', 'we'];
const SINGULAR = ['it', 'that', 'he', 'she'];
/**
 * Every auxiliary of a statement handed back, and its negative, the tag of agreement ("oh, do they", "does it really",
 * "isn't it", "yeah, don't they"): a policy by the class, not the phrases. Questions they start ("does it have wifi", "do
 * you have a lift", "don't do that") are cut at the first word past the echo, with the agent paused until then: two
 * words later than when "do" and "does" stopped it at once. "do it" orders. Not "can", "could", "will", "would" ("can
 * I bring my bike", "would you…": requests that stop the agent at their first word), nor "is there" ("is there a direct
 * train", at its second).
 */
const AUXILIARY_SUBJECTS: [string, readonly string[]][] = [
  ['is', SINGULAR],
  ['was', SINGULAR],
  ['are', PLURAL],
  ['were', PLURAL],
  ['did', [...PLURAL, ...SINGULAR]],
  ['has', SINGULAR],
  ['have', PLURAL],
  ['does', SINGULAR],
  ['do', PLURAL],
];
const ECHO_AUXILIARIES: Record<string, ReadonlySet<string>> = Object.fromEntries(
  AUXILIARY_SUBJECTS.flatMap(([aux, subjects]) => [
    [aux, new Set(subjects)],
    [aux === 'do' ? 'dont' : `${aux}nt`, new Set(subjects)],
  ]),
);
/** What an echo question may end with ("did you now", "is it really", "is that so"). */
const ECHO_ENDINGS = new Set(['really', 'now', 'so', 'indeed']);
/** "are you serious", "are you kidding (me)": disbelief, after "are you" or "were you". */
const DISBELIEF_AFTER_ARE_YOU = ['serious', 'kidding', 'joking', 'kidding me', 'for real'].map((p) => p.split(' '));
export type Reaction =
  /** An echo question or disbelief; while the voice may go on it only holds the agent ("is that so? then why…"). */
  | { kind: 'reacts'; what: 'an echo question' | 'a tag of agreement' | 'disbelief' }
  /** Mid-speech, on the way to one ("did", "did you", "you must"): the next word decides. */
  | { kind: 'mayStill' }
  | null;

/** Whether `tail` is `p`, or (`open`) its first words. */
const matches = (tail: string[], p: readonly string[], open: boolean) =>
  (open ? tail.length <= p.length : tail.length === p.length) && tail.every((w, k) => p[k] === w);

function judgeTail(tail: string[], final: boolean): Reaction {
  const [aux, subject, ...rest] = tail;
  const subjects = ECHO_AUXILIARIES[aux!];
  if (subjects === undefined) return null;
  if (subject === undefined) return final ? null : { kind: 'mayStill' };
  if (!subjects.has(subject)) return null;
  // "are you serious": disbelief, which may open a challenge ("are you serious? that's double").
  if ((aux === 'are' || aux === 'were') && subject === 'you') {
    for (const p of DISBELIEF_AFTER_ARE_YOU) {
      if (matches(rest, p, false) && rest.length > 0) return { kind: 'reacts', what: 'disbelief' };
      if (!final && rest.length > 0 && matches(rest, p, true)) return { kind: 'mayStill' };
    }
  }
  // "so" only hands back a statement about a thing ("is that so"), not about a person ("did you so").
  // A tag of agreement may end on "just" ("isn't it just").
  const ending =
    rest.length === 1 && (ECHO_ENDINGS.has(rest[0]!) || (rest[0] === 'just' && aux!.endsWith('nt'))) && (rest[0] !== 'so' || aux === 'is' || aux === 'was');
  const what = aux!.endsWith('nt') ? 'a tag of agreement' : 'an echo question';
  if (ending) return { kind: 'reacts', what };
  // Bare ("oh, did you?"): one once said; mid-speech it may still become "did you book it". Not "is that?", "was that?":
  // no one hands a statement back so; it is a question cut off ("is that… included?"), as before round 3.
  if (rest.length === 0) return !final ? { kind: 'mayStill' } : subject === 'that' ? null : { kind: 'reacts', what };
  return null;
}

/**
 * `words`: as said. `isBackchannel`: whether some words are only backchannel units ("oh", "really", "oh wow"), which may
 * come first ("really? are you serious"). Null when the words are no echo question or disbelief, nor on the way to one.
 */
export function reaction(words: string[], final: boolean, isBackchannel: (ws: string[]) => boolean): Reaction {
  for (let start = 0; start < words.length; start++) {
    const verdict = judgeTail(words.slice(start), final);
    // Only after words that are all backchannel; a shorter prefix may not be one when a longer is ("no" of "no way, is it").
    // Asked only where the tail is one (a parse of the prefix at every word cost a 120-word turn 15 ms a classification).
    if (verdict !== null && (start === 0 || isBackchannel(words.slice(0, start)))) return verdict;
  }
  return null;
}
