/**
 * Where the listener stopped hearing the agent: the text of a turn cut at the played position.
 * With word timestamps a word counts as heard once its middle was played; without, the
 * position is estimated from the share of the turn's audio played (or a speaking rate while
 * the audio is still arriving). The cut is always at a word boundary of the original text.
 */
import type { WordTiming } from '../tts/types.js';

/** ~14 characters per second: a typical TTS rate (about 150 words per minute). */
export const ESTIMATED_CHARS_PER_MS = 0.014;

export interface HeardCut {
  heardText: string;
  unheardText: string;
  method: 'wordTimestamps' | 'proportional' | 'speakingRate';
}

export function cutAtPlayed(text: string, playedMs: number, info: { words?: readonly WordTiming[]; totalAudioMs?: number; audioComplete?: boolean }): HeardCut {
  const tokens = tokenize(text);
  let heardWords: number;
  let method: HeardCut['method'];
  if (info.words && info.words.length > 0) {
    method = 'wordTimestamps';
    const heard = info.words.filter((w) => (w.startMs + w.endMs) / 2 <= playedMs);
    // With the server's char offsets the cut is exact even where its words are not ours ("42" said as "forty two").
    const exact = heard.filter((w) => w.textTokens !== undefined);
    heardWords = exact.length === heard.length && exact.length > 0 ? Math.max(...exact.map((w) => w.textTokens!)) : heard.length;
  } else if (info.audioComplete && info.totalAudioMs && info.totalAudioMs > 0) {
    method = 'proportional';
    heardWords = wordsBeforeChar(tokens, text.length * Math.min(1, playedMs / info.totalAudioMs));
  } else {
    method = 'speakingRate';
    heardWords = wordsBeforeChar(tokens, playedMs * ESTIMATED_CHARS_PER_MS);
  }
  heardWords = Math.max(0, Math.min(tokens.length, heardWords));
  const cut = heardWords === 0 ? 0 : tokens[heardWords - 1]!.end;
  return { heardText: text.slice(0, cut).trim(), unheardText: text.slice(cut).trim(), method };
}

interface Token {
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Words whose middle lies before `chars`. */
function wordsBeforeChar(tokens: Token[], chars: number): number {
  return tokens.filter((t) => (t.start + t.end) / 2 <= chars).length;
}
