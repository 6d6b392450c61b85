/**
 * The fresh held-out group of bench:bargein: backchannels and interruptions written down (pause5, session 5) before
 * the backchannel model or its lists were read, as a person would say them, in voices the tuning set does not use.
 * Split by line order: the 1st, 3rd, 5th… phrase of each list is half A, the others half B. The first round of
 * fixes was chosen looking at half A only, and half B measured whether it carried over; a second round then used
 * half B too (pause5's note has the figures of each step). Each phrase is spoken in one of four voices,
 * in turn, so every kind of phrase is heard in all of them.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { synthesizeTexts } from '../electron/engine/agent/simulate/synthesize.js';
import { ConversationSettingsSchema } from '../electron/contract/settings/conversation.js';
import { PhraseMatcher, wordsOf } from '../electron/engine/turn/text.js';
import type { Case, Label } from './bargein-corpus.js';

export const FRESH_BACKCHANNELS = [
  'uh huh yeah',
  'no no, go on',
  'right, right',
  'oh, okay',
  'gotcha',
  'fair enough',
  'wow, really',
  'I hear you',
  'yep yep',
  'ah I see',
  'haha',
  'aye',
  'cheers',
  'mm yeah',
  'yeah yeah yeah',
  'okay okay',
  'sure thing',
  'oh nice',
  "that's cool",
  'cool cool',
  'got it, thanks',
  'makes total sense',
  'oh interesting',
  'true, true',
  'I know, right',
  'no way',
  'oh my god',
  'huh, neat',
  "oh that's great",
  'good point',
  'sounds about right',
  'yeah, totally',
  'definitely',
  'of course',
  'for sure',
  'mhm mhm',
  "oh wow, that's amazing",
  'hmm, interesting',
  'right on',
  'indeed',
  'ah, got you',
  'okay, cool',
  'brilliant',
  'lovely',
  'nice one',
  'oh dear',
  'oh no',
  'ha, funny',
  'yeah I get it',
  "that's true",
  'I see what you mean',
  'totally agree',
  'yes, exactly',
  'alright',
  'OK sure',
  'very good',
  'perfect',
  'wonderful',
  'gosh',
  'oh right',
  'really?',
  'sure, sure, go ahead',
  'keep going',
  'go on',
  'uh-huh, and then?',
  'lol',
  'hehe',
  'aye aye',
  'righto',
  'yup',
  'understood',
  'noted',
  'mm, okay',
  'oh okay, yeah',
  'well, yeah',
  'I guess so',
  'you bet',
  'no kidding',
  'heh',
  'yeah, no, totally',
  'sweet',
  "oh I didn't know that",
  'interesting, yeah',
  'right, okay, got it',
];

export const FRESH_INTERRUPTIONS = [
  "sorry, but that's not what I asked",
  'hang on a sec',
  'can I ask something',
  "that's wrong",
  'no, I meant the other one',
  'okay but what about the weekend',
  'wait what',
  'um, actually, I need to go',
  'uh, can you repeat that',
  'excuse me',
  'one moment',
  'hold up',
  'never mind',
  'let me stop you there',
  'how much does it cost',
  'what time is it',
  'could you slow down',
  'speak louder please',
  'skip this part',
  'go back',
  'change the subject',
  'tell me about the weather instead',
  "I don't think so",
  "that's not right",
  'nope, wrong city',
  'yeah but how',
  'right, but why',
  "okay so what's next",
  'actually, cancel that',
  'forget it',
  'enough',
  'shut up',
  'be quiet',
  'pause',
  'quiet please',
  "let's talk about something else",
  'I have a question',
  'quick question',
  'can you say that again',
  'what did you say',
  'sorry, what',
  'pardon',
  'huh, what do you mean',
  'why',
  'how come',
  'where is that',
  'who said that',
  'is that true',
  'are you sure about that',
  'wrong answer',
  'not that one',
  'the second option please',
  'book it',
  'send it now',
  'give me the short version',
  'too long',
  'just the summary please',
  'can we switch to Spanish',
  'well, I disagree',
  'so, um, my question is',
  'er, what about dinner',
  'oh wait, I forgot something',
  'yes, but the flight is at nine',
  'okay, stop there',
  'alright, next question',
  "mm, no, that's incorrect",
  'uh, hold on',
  'listen',
  'look, I need help with something else',
  'can I interrupt',
  "I'm confused",
  "that doesn't make sense",
  'repeat please',
  'not now',
  'I changed my mind',
  'let me think',
  "what's the difference",
  'really? how?',
  'why not',
  'tell me more about the second one',
];

/** Half A (tuning) or B (held out), by the phrase's place in its list. */
export const freshHalf = (index: number): 'A' | 'B' => (index % 2 === 0 ? 'A' : 'B');

/** Voices no tuning case uses: flite rms and three espeak-ng accents with other speaker variants. */
const ESPEAK_VOICES = [
  ['en-029+f2', '170'],
  ['en-us-nyc+m3', '185'],
  ['en-gb-x-gbclan+f4', '160'],
] as const;

const words = (text: string) => wordsOf(text).length;
const lists = ConversationSettingsSchema.parse({});
const acknowledgements = new PhraseMatcher(lists.acknowledgementPhrases);
const force = new PhraseMatcher(lists.interruptionPhrases);

function interruptionLabel(text: string): Label {
  if (force.findIn(text) !== null) return 'force';
  if (words(text) === 1) return 'one-word';
  return words(text) === 2 ? 'two-word' : 'request';
}

/** A written phrase's label: a backchannel in or out of the default lists, or the kind of interruption. */
export function phraseLabel(text: string, backchannel: boolean): Label {
  return backchannel ? (acknowledgements.coversAll(text) ? 'backchannel-in' : 'backchannel-out') : interruptionLabel(text);
}

/** The fresh group's cases (set 'fresh-a' / 'fresh-b'), their clips written to `dir`. */
export async function freshCases(dir: string, espeak: boolean, writeWav: (path: string, samples: Float32Array, rate: number) => void): Promise<Case[]> {
  const texts = [...FRESH_BACKCHANNELS, ...FRESH_INTERRUPTIONS];
  const flite = await synthesizeTexts(
    texts.filter((_, i) => (i + Math.floor(i / 4)) % 4 === 0),
    'rms',
  );
  return texts.flatMap((text, i): Case[] => {
    const backchannel = i < FRESH_BACKCHANNELS.length;
    const index = backchannel ? i : i - FRESH_BACKCHANNELS.length;
    const wav = join(dir, `fresh-${i}.wav`);
    let voice = 'flite rms';
    // Every 4th phrase (as --quick takes them) still goes round all four voices.
    const turn = (i + Math.floor(i / 4)) % 4;
    if (turn !== 0) {
      if (!espeak) return [];
      const [v, rate] = ESPEAK_VOICES[turn - 1]!;
      execFileSync('espeak-ng', ['-v', v, '-s', rate, '-w', wav, text]);
      voice = `espeak-ng ${v}`;
    } else {
      const s = flite.get(text.trim())!;
      writeWav(wav, s.samples, s.sampleRate);
    }
    const half = freshHalf(index);
    return [
      {
        name: `fresh ${half} ${voice}: "${text}"`,
        label: phraseLabel(text, backchannel),
        set: half === 'A' ? 'fresh-a' : 'fresh-b',
        voice,
        shouldInterrupt: !backchannel,
        words: words(text),
        scenario: { user: [{ wav, atMs: 1500 + (i % 5) * 500, text }] },
      },
    ];
  });
}
