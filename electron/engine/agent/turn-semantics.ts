/**
 * The end-of-turn settings as the session applies them: eagerness picks the silence and the
 * longest wait; the semantic check holds the turn after a trailing hold word ("and", "um"),
 * except after a question mark: "Which platform does it leave from?" is a finished question,
 * though it ends in a hold word, and holding it cost the full maxWaitMs (3 s) in the latency
 * benchmark. (A recognizer that ends every text with "." does not trigger this.)
 */
import { endOfTurnTimings, type ConversationSettings } from '../../contract/settings/conversation.js';
import { trailingHoldWordCheck, type EndOfTurnOptions, type SemanticCheck } from '../turn/end-of-turn.js';

export function semanticCheckFor(c: Pick<ConversationSettings, 'semanticEndOfTurn' | 'holdWords'>): SemanticCheck | null {
  if (!c.semanticEndOfTurn) return null;
  const holdWords = trailingHoldWordCheck(c.holdWords);
  return (text) => (/\?["')\]]*\s*$/.test(text) ? 'complete' : holdWords(text));
}

export function endOfTurnOptions(c: ConversationSettings): EndOfTurnOptions {
  return { ...endOfTurnTimings(c), semanticCheck: semanticCheckFor(c) };
}
