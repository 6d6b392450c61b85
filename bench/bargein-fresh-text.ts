/**
 * npx tsx bench/bargein-fresh-text.ts: the fresh group (bargein-fresh.ts) through the word decision alone (the
 * backchannel model with the default lists), instantly, per half: what a streaming recognizer's interims and final
 * would make of each phrase, word by word. Wrong: a backchannel that some interim or the final stops on, an
 * interruption whose final does not stop. Let go early: an interruption whose interim, before its last word, is a
 * whole backchannel (the agent would go on mid-speech, "okay" of "okay, but…").
 */
import { ConversationSettingsSchema } from '../electron/contract/settings/conversation.js';
import { BackchannelClassifier } from '../electron/engine/turn/backchannel/classify.js';
import { wordsOf } from '../electron/engine/turn/text.js';
import { FRESH_BACKCHANNELS, FRESH_INTERRUPTIONS, freshHalf } from './bargein-fresh.js';

const model = new BackchannelClassifier(ConversationSettingsSchema.parse({}));

function check(text: string, backchannel: boolean): { wrong: string | null; early: boolean } {
  const words = wordsOf(text);
  const interims = words.map((_, i) => model.classify(words.slice(0, i + 1).join(' '), false));
  const final = model.classify(text, true);
  if (backchannel) {
    const stop = interims.findIndex((v) => v.kind === 'interrupt');
    if (stop >= 0) return { wrong: `stops on "${words.slice(0, stop + 1).join(' ')}": ${interims[stop]!.reason}`, early: false };
    return { wrong: final.kind === 'interrupt' ? `final stops: ${final.reason}` : null, early: false };
  }
  const early = interims.slice(0, -1).some((v) => v.kind === 'backchannel' && v.partial !== true);
  return { wrong: final.kind === 'interrupt' ? null : `final does not stop (${final.kind}): ${final.reason}`, early };
}

for (const half of ['A', 'B'] as const) {
  let wrong = 0;
  let early = 0;
  const lines: string[] = [];
  for (const [list, backchannel] of [
    [FRESH_BACKCHANNELS, true],
    [FRESH_INTERRUPTIONS, false],
  ] as const) {
    list.forEach((text, i) => {
      if (freshHalf(i) !== half) return;
      const r = check(text, backchannel);
      if (r.wrong) lines.push(`  ${backchannel ? 'backchannel ' : 'interruption'} "${text}": ${r.wrong}`);
      if (r.early) lines.push(`  interruption "${text}": let go early`);
      wrong += r.wrong ? 1 : 0;
      early += r.early ? 1 : 0;
    });
  }
  const n = FRESH_BACKCHANNELS.filter((_, i) => freshHalf(i) === half).length + FRESH_INTERRUPTIONS.filter((_, i) => freshHalf(i) === half).length;
  console.log(`half ${half}: ${wrong} wrong of ${n}, ${early} interruptions let go early`);
  for (const line of lines) console.log(line);
}
