/**
 * npx tsx bench/bargein-fresh-text.ts: the fresh group (bargein-fresh.ts) through the word decision alone (the
 * backchannel model with the default lists), instantly, per half: what a streaming recognizer's interims and final
 * would make of each phrase, word by word. Wrong: a backchannel that some interim or the final stops on, an
 * interruption whose final does not stop. Let go early: an interruption whose interim, before its last word, is a
 * whole backchannel (the agent would go on mid-speech, "okay" of "okay, but…").
 * At each comma a recognizer may also give a final for the words so far (asked at the pause in the voice, which may go
 * on): those finals count as interims do, judged as finals while the voice may still go on.
 * `--set FILE`: also a set written as pause5's fresh-set-c.txt (`[backchannel]` / `[interruption]` lines), as group C.
 * `--no-model`: the rules alone, without the phrase model (backchannel/model/).
 * `--set-halves`: that set in its two halves (bargein-set.ts: odd lines of each section = C1, even = C2), to tune on one and hold out the other.
 */
import { ConversationSettingsSchema } from '../electron/contract/settings/conversation.js';
import { BackchannelClassifier } from '../electron/engine/turn/backchannel/classify.js';
import { loadBundledPhraseModel } from '../electron/engine/turn/backchannel/model/load.js';
import { consoleLogger } from '../electron/engine/logger.js';
import { checkPhrase } from './bargein-text-check.js';
import { FRESH_BACKCHANNELS, FRESH_INTERRUPTIONS, freshHalf } from './bargein-fresh.js';
import { readSet, setHalf } from './bargein-set.js';

const model = new BackchannelClassifier(
  ConversationSettingsSchema.parse({}),
  process.argv.includes('--no-model') ? null : await loadBundledPhraseModel(consoleLogger('bargein-fresh-text')),
);

const check = (text: string, backchannel: boolean) => checkPhrase(model, text, backchannel);

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
