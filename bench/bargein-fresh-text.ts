/**
 * npx tsx bench/bargein-fresh-text.ts: the fresh group (bargein-fresh.ts) through the word decision alone (the
 * backchannel model with the default lists), instantly, per half: what a streaming recognizer's interims and final
 * would make of each phrase, word by word. Wrong: a backchannel that some interim or the final stops on, an
 * interruption whose final does not stop. Let go early: an interruption whose interim, before its last word, is a
 * whole backchannel (the agent would go on mid-speech, "okay" of "okay, but…").
 * At each comma a recognizer may also give a final for the words so far (asked at the pause in the voice, which may go
 * on): those finals count as interims do, judged as finals while the voice may still go on.
 * `--set FILE`: also a set written as pause5's fresh-set-c.txt (`[backchannel]` / `[interruption]` lines), as group C.
 * `--set-halves`: that set in its two halves (bargein-set.ts: odd lines of each section = C1, even = C2), to tune on one and hold out the other.
 */
import { ConversationSettingsSchema } from '../electron/contract/settings/conversation.js';
import { BackchannelClassifier } from '../electron/engine/turn/backchannel/classify.js';
import { wordsOf } from '../electron/engine/turn/text.js';
import { FRESH_BACKCHANNELS, FRESH_INTERRUPTIONS, freshHalf } from './bargein-fresh.js';
import { readSet, setHalf } from './bargein-set.js';

const model = new BackchannelClassifier(ConversationSettingsSchema.parse({}));

function check(text: string, backchannel: boolean): { wrong: string | null; early: boolean } {
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
  if (backchannel) {
    const stop = interims.findIndex((v) => v.kind === 'interrupt');
    if (stop >= 0) return { wrong: `stops on "${words.slice(0, stop + 1).join(' ')}": ${interims[stop]!.reason}`, early: false };
    return { wrong: final.kind === 'interrupt' ? `final stops: ${final.reason}` : null, early: false };
  }
  const early = interims.slice(0, -1).some((v) => v.kind === 'backchannel' && v.partial !== true);
  return { wrong: final.kind === 'interrupt' ? null : `final does not stop (${final.kind}): ${final.reason}`, early };
}

const setAt = process.argv.indexOf('--set');
const extra = setAt >= 0 ? readSet(process.argv[setAt + 1]!) : null;
const halves = process.argv.includes('--set-halves');
const groups = ['A', 'B', ...(extra ? (halves ? ['C1', 'C2'] : ['C']) : [])] as const;
for (const half of groups) {
  const isSet = half.startsWith('C');
  let wrong = 0;
  let early = 0;
  const lines: string[] = [];
  const inGroup = (i: number) => (isSet ? half === 'C' || half === `C${setHalf(i)}` : freshHalf(i) === half);
  for (const [list, backchannel] of [
    [isSet ? extra!.backchannels : FRESH_BACKCHANNELS, true],
    [isSet ? extra!.interruptions : FRESH_INTERRUPTIONS, false],
  ] as const) {
    list.forEach((text, i) => {
      if (!inGroup(i)) return;
      const r = check(text, backchannel);
      if (r.wrong) lines.push(`  ${backchannel ? 'backchannel ' : 'interruption'} "${text}": ${r.wrong}`);
      if (r.early) lines.push(`  interruption "${text}": let go early`);
      wrong += r.wrong ? 1 : 0;
      early += r.early ? 1 : 0;
    });
  }
  const n = isSet
    ? extra!.backchannels.filter((_, i) => inGroup(i)).length + extra!.interruptions.filter((_, i) => inGroup(i)).length
    : FRESH_BACKCHANNELS.filter((_, i) => freshHalf(i) === half).length + FRESH_INTERRUPTIONS.filter((_, i) => freshHalf(i) === half).length;
  console.log(`${isSet ? 'set' : 'half'} ${half}: ${wrong} wrong of ${n}, ${early} interruptions let go early`);
  for (const line of lines) console.log(line);
}
