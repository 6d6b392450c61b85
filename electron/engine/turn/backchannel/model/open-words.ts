/**
 * Where the phrase model may speak (classify.ts): the rules would stop the agent on words of content, and nothing in
 * those words is a sign of a turn of one's own. Cue and force words are decided before; here a number, time or day, a
 * name, a one-word request, a joining word, or a question mark (trailing-word.ts's evidence, for every left-over word)
 * keeps the rules' verdict. Then the model hears a backchannel only when it is sure (its threshold); while the voice
 * may go on it holds the paused agent until the person stops ("that's bonkers, but…" may still come), as no-turn.ts does.
 */
import type { Verdict } from '../classify.js';
import { LEAD_INS, WEAK } from '../lexicon.js';
import { trailingEvidence } from '../trailing-word.js';
import type { PhraseModel } from './phrase-model.js';

/** A capital inside mixed-case text is a name ("York and Newcastle"); not the first word, nor "I". */
function namesSomeone(text: string): boolean {
  const written = text.trim().split(/\s+/);
  if (text !== text.toLowerCase() && text === text.toUpperCase()) return false;
  return written.slice(1).some((w) => /^[A-Z]/.test(w) && !/^I($|['\u2019])/.test(w));
}

export function openWordsVerdict(model: PhraseModel | null, words: string[], leftover: readonly string[], text: string, voiceMayGoOn: boolean): Verdict | null {
  if (model === null || namesSomeone(text) || leftover.some((w) => trailingEvidence(w, text) !== null)) return null;
  // A word of content it has no vector for ("shh", "oi") it cannot place: the rules decide. Short words and lead-ins
  // ("thats", rare in its newswire as one word) say nothing of the content.
  if (leftover.some((w) => !model.knows(w) && !WEAK.has(w) && !LEAD_INS.has(w))) return null;
  const judged = model.judge(words);
  if (!judged.backchannel) return null;
  const like = judged.like.map((t) => `"${t}"`).join(', ');
  const reason = `"${words.join(' ')}" reads as a backchannel, like ${like} (model ${judged.probability.toFixed(2)})`;
  return voiceMayGoOn ? { kind: 'unsure', untilStopped: true, reason } : { kind: 'backchannel', reason };
}
