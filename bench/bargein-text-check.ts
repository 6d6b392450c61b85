/**
 * One written phrase through the word decision alone, as a streaming recognizer would show it: every interim word by
 * word, a final at each comma (asked at a pause in the voice, which may go on), and the final. Shared by
 * bench/bargein-fresh-text.ts and bench/backchannel-model-train.ts.
 * Wrong: a backchannel that some interim or the final stops on, an interruption whose final does not stop. Let go
 * early: an interruption whose interim, before its last word, is a whole backchannel ("okay" of "okay, but…").
 */
import type { BackchannelClassifier } from '../electron/engine/turn/backchannel/classify.js';
import { wordsOf } from '../electron/engine/turn/text.js';

export interface TextCheck {
  wrong: string | null;
  early: boolean;
  /** Interruptions: the number of words heard when it first stops (the word count + 1 when only never). */
  stopsAtWord: number;
}

export function checkPhrase(model: BackchannelClassifier, text: string, backchannel: boolean): TextCheck {
  const words = wordsOf(text);
  // Where a comma pause ends a stretch of speech: after the word count of each comma-ended part.
  const commaEnds = new Set(
    text
      .split(',')
      .slice(0, -1)
      .map((_, i, parts) => wordsOf(parts.slice(0, i + 1).join(' ')).length),
  );
  const interims = words.map((_, i) => model.classify(words.slice(0, i + 1).join(' '), commaEnds.has(i + 1), false));
  const final = model.classify(text, true);
  const stop = interims.findIndex((v) => v.kind === 'interrupt');
  const stopsAtWord = stop >= 0 ? stop + 1 : final.kind === 'interrupt' ? words.length : words.length + 1;
  if (backchannel) {
    if (stop >= 0) return { wrong: `stops on "${words.slice(0, stop + 1).join(' ')}": ${interims[stop]!.reason}`, early: false, stopsAtWord };
    return { wrong: final.kind === 'interrupt' ? `final stops: ${final.reason}` : null, early: false, stopsAtWord };
  }
  const early = interims.slice(0, -1).some((v) => v.kind === 'backchannel' && v.partial !== true);
  return { wrong: final.kind === 'interrupt' ? null : `final does not stop (${final.kind}): ${final.reason}`, early, stopsAtWord };
}
