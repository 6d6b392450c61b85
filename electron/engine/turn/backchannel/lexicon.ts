/**
 * The vocabulary of backchanneling (what a listener says to keep the speaker going), by kind,
 * from the usual inventories of conversational English (acknowledgements, continuers,
 * assessments, laughter), and the cue words that start a turn of one's own (questions,
 * requests, negations). Words are in the form `wordsOf` gives ("that's" -> "thats").
 */

export type BackchannelKind = 'affirmation' | 'filler' | 'evaluation' | 'thanks' | 'laughter' | 'surprise';

/** One-word units and the kind of each. */
export const SINGLE: Record<string, BackchannelKind> = Object.fromEntries([
  ...['yes', 'yeah', 'yep', 'yup', 'yah', 'ya', 'ok', 'okay', 'okey', 'kay', 'alright', 'right', 'sure', 'true', 'exactly', 'absolutely', 'definitely',
    'totally', 'indeed', 'certainly', 'correct', 'gotcha', 'agreed', 'precisely', 'uhhuh', 'mhm', 'mmhmm', 'mmhm', 'aha', 'ahha', 'yes', 'roger']
    .map((w) => [w, 'affirmation' as const]),
  ...['um', 'uh', 'er', 'erm', 'hm', 'hmm', 'mm', 'mmm', 'huh', 'ah', 'oh', 'ooh', 'eh', 'well'].map((w) => [w, 'filler' as const]),
  ...['cool', 'nice', 'great', 'good', 'perfect', 'fine', 'awesome', 'lovely', 'brilliant', 'excellent', 'sweet', 'interesting', 'wonderful',
    'fantastic', 'amazing', 'neat', 'super', 'fair', 'fun', 'funny', 'beautiful', 'impressive', 'sensible', 'smart', 'clever', 'fascinating']
    .map((w) => [w, 'evaluation' as const]),
  ...['thanks', 'cheers', 'ta'].map((w) => [w, 'thanks' as const]),
  ...['ha', 'haha', 'hahaha', 'hah', 'heh', 'hehe', 'lol'].map((w) => [w, 'laughter' as const]),
  ...['wow', 'whoa', 'woah', 'really', 'gosh', 'jeez', 'seriously', 'damn'].map((w) => [w, 'surprise' as const]),
]);

/** Fixed multi-word units (longest match first). */
export const MULTI: [string[], BackchannelKind][] = (
  [
    ['uh huh', 'affirmation'], ['mm hmm', 'affirmation'], ['mm hm', 'affirmation'], ['all right', 'affirmation'], ['of course', 'affirmation'],
    ['i see', 'affirmation'], ['i know', 'affirmation'], ['i bet', 'affirmation'], ['i agree', 'affirmation'], ['got it', 'affirmation'],
    ['got you', 'affirmation'], ['for sure', 'affirmation'], ['you bet', 'affirmation'], ['me too', 'affirmation'], ['same here', 'affirmation'],
    ['fair enough', 'evaluation'], ['good point', 'evaluation'], ['fair point', 'evaluation'], ['good idea', 'evaluation'], ['makes sense', 'evaluation'],
    ['thank you', 'thanks'], ['thank you so much', 'thanks'], ['thanks a lot', 'thanks'], ['oh my god', 'surprise'], ['oh my gosh', 'surprise'],
    ['my goodness', 'surprise'], ['go on', 'affirmation'], ['keep going', 'affirmation'], ['i understand', 'affirmation'], ['understood', 'affirmation'],
    ['you are right', 'affirmation'], ['youre right', 'affirmation'], ['thats it', 'affirmation'],
  ] as [string, BackchannelKind][]
).map(([p, k]) => [p.split(' '), k]);

/**
 * Words that only lead into a backchannel ("that is right", "it sounds good", "very true",
 * "so cool"): absorbed when a backchannel unit follows, otherwise they count as ordinary words.
 */
export const LEAD_INS = new Set(['that', 'thats', 'it', 'its', 'is', 'sounds', 'sound', 'very', 'so', 'really', 'pretty', 'quite', 'totally', 'super', 'just', 'how', 'what', 'a', 'oh', 'ah', 'makes', 'that', 'too', 'real']);

/** Words that open a turn of one's own: a question, a request, a negation. */
export const CUES: Record<string, 'question' | 'request' | 'negation'> = Object.fromEntries([
  ...['what', 'which', 'who', 'whom', 'whose', 'where', 'when', 'why', 'how', 'whats', 'wheres', 'hows'].map((w) => [w, 'question' as const]),
  ...['can', 'could', 'would', 'will', 'should', 'shall', 'may', 'might', 'do', 'does', 'did', 'is', 'are', 'was', 'were', 'tell', 'give', 'show',
    'repeat', 'say', 'go', 'let', 'lets', 'please', 'explain', 'skip', 'help', 'stop', 'wait', 'actually', 'listen', 'hey', 'excuse', 'pardon', 'sorry',
    'i', 'im', 'id', 'ill', 'we', 'my', 'speak', 'slow', 'again', 'back']
    .map((w) => [w, 'request' as const]),
  ...['no', 'not', 'dont', 'doesnt', 'didnt', 'cant', 'cannot', 'wont', 'never', 'nope', 'nah', 'wrong', 'isnt', 'arent', 'but'].map((w) => [w, 'negation' as const]),
]);

/**
 * Short function words a recognizer often inserts or confuses: one of them alone (in a
 * backchannel) is not evidence of a turn of one's own.
 */
export const WEAK = new Set(['the', 'a', 'an', 'and', 'of', 'to', 'in', 'it', 'that', 'is', 'on', 'at', 'this', 'then', 'so', 'just', 'yes']);
