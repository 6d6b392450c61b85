/**
 * The labelled barge-in set for bench:bargein: utterances over the agent in several synthetic
 * voices (flite kal16/awb/rms, espeak-ng variants) and real recordings, plus coughs, laughs,
 * noise and echo. Part of it is held out (other voices AND other phrasings) to check that
 * defaults chosen on the tuning part carry over.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { synthesizeTexts } from '../electron/engine/agent/simulate/synthesize.js';
import { readWavFile } from '../electron/engine/audio/wav-reader.js';
import { downmixToMono } from '../electron/engine/audio/channels.js';
import { resampleAll, type ResamplerFactory } from '../electron/engine/audio/resampler.js';
import { freshCases } from './bargein-fresh.js';
import { REAL_CLIPS, realSpeechFile } from './bargein-real-clips.js';
import { cough, noise } from './bargein-sounds.js';

type KeepTalkingLabel = 'backchannel-in' | 'backchannel-out' | 'laugh' | 'cough' | 'noise' | 'echo';
export type Label = KeepTalkingLabel | 'force' | 'request' | 'question' | 'two-word' | 'one-word' | 'real' | 'echo+user';

export const KEEP_TALKING: readonly Label[] = ['backchannel-in', 'backchannel-out', 'laugh', 'cough', 'noise', 'echo'];
export const BACKCHANNELS: readonly Label[] = ['backchannel-in', 'backchannel-out'];

export interface Case {
  name: string;
  label: Label;
  /** fresh-a / fresh-b: the fresh group's halves (bargein-fresh.ts), only with `fresh`; set-1 / set-2: a `--set` file's halves (bargein-set.ts). */
  set: 'tune' | 'holdout' | 'fresh-a' | 'fresh-b' | 'set-1' | 'set-2';
  voice: string;
  /** Whether a correct system interrupts. */
  shouldInterrupt: boolean;
  /** Words in the text (0 for non-speech). */
  words: number;
  scenario: Record<string, unknown>;
}

/** In the default acknowledgement list. */
const BC_IN = [
  'okay',
  'yeah',
  'mm hmm',
  'uh huh',
  'right',
  'sure',
  'got it',
  'yeah sure',
  'okay got it',
  'thank you',
  'i see',
  'alright',
  'yes',
  'cool',
  'great',
];
/** Backchannels the default lists do not name (affirmations, evaluations, repeats, combinations). */
const BC_OUT = [
  'that makes sense',
  'oh wow',
  'sounds good',
  'exactly',
  'right right right',
  'makes sense',
  'oh really',
  'wow',
  'interesting',
  'fair enough',
  'perfect',
  'absolutely',
  'of course',
  'gotcha',
  'yeah yeah',
  'okay okay',
  'oh nice',
  'true',
];
const FORCE = ['stop', 'wait', 'hold on', 'no no', 'wait a second', 'hang on', 'sorry', 'excuse me please', 'no that is wrong', 'stop talking please'];
const REQUEST = [
  'could you repeat the last part',
  'actually can you tell me about the return trip',
  'I need a train that leaves a bit earlier',
  'can we talk about something else',
  'let me ask you something',
  'tell me about the weekend trains',
];
const QUESTION = [
  'what about the price',
  'how much does it cost',
  'is there a direct train',
  'what time does it arrive',
  'why is it so late',
  'where do I change trains',
];
const TWO = ['no thanks', 'which platform', 'how much', 'what time', 'go back', 'too fast', 'repeat that', 'why not'];

/** Held out: other phrasings (never looked at while choosing defaults). */
const HO_BC_IN = ['ok', 'yep', 'mhm', 'all right', 'thanks', 'nice'];
const HO_BC_OUT = [
  'sounds great',
  'oh okay',
  'very true',
  'totally',
  'yeah that makes sense',
  'oh interesting',
  'sure sure',
  'definitely',
  'oh I see',
  'uh huh right',
  'good point',
  'oh no',
  'ah okay',
  'okay cool',
  'that is great',
  'mm',
];
const HO_FORCE = ['wait wait', 'hold on a sec', 'stop stop', 'sorry to interrupt', 'no stop', 'hang on a minute', 'no wait'];
const HO_REQUEST = [
  'does it have wifi on board',
  'what platform is that again',
  'I would prefer the morning train',
  'can I bring my bike',
  'give me the cheapest option',
  'tell me more about that',
  'sorry what was that',
  'can you slow down',
  'actually never mind',
];
const HO_TWO = ['too expensive', 'what platform', 'say again', 'slow down'];

const LAUGHS = ['ha ha', 'ha ha ha', 'hehe'];

/** The corpus's written phrases by what a correct system does (backchannels and laughter keep the agent talking). */
export function corpusPhrases(): { backchannels: string[]; interruptions: string[] } {
  const tune = [...BC_IN, ...BC_OUT, ...FORCE, ...REQUEST, ...QUESTION, ...TWO, ...LAUGHS];
  const all = [...new Set([...tune, ...HO_BC_IN, ...HO_BC_OUT, ...HO_FORCE, ...HO_REQUEST, ...HO_TWO])];
  const keeps = (t: string) => KEEP_TALKING.includes(labelOf(t));
  return { backchannels: all.filter(keeps), interruptions: all.filter((t) => !keeps(t)) };
}

function labelOf(text: string): Label {
  if (BC_IN.includes(text) || HO_BC_IN.includes(text)) return 'backchannel-in';
  if (BC_OUT.includes(text) || HO_BC_OUT.includes(text)) return 'backchannel-out';
  if (FORCE.includes(text) || HO_FORCE.includes(text)) return 'force';
  if (QUESTION.includes(text)) return 'question';
  if (TWO.includes(text) || HO_TWO.includes(text)) return 'two-word';
  if (LAUGHS.includes(text)) return 'laugh';
  return 'request';
}

export function writeWav(path: string, samples: Float32Array, rate: number): void {
  const w = new wavefile.WaveFile();
  w.fromScratch(
    1,
    rate,
    '16',
    Int16Array.from(samples, (s) => Math.round(Math.max(-1, Math.min(1, s)) * 32767)),
  );
  writeFileSync(path, w.toBuffer());
}

function hasEspeak(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function buildCorpus(dir: string, root: string, options: { fresh?: boolean } = {}): Promise<{ cases: Case[]; voices: string[] }> {
  const cases: Case[] = [];
  const voices: string[] = [];
  let slot = 0;
  const add = (voice: string, set: Case['set'], text: string, wav: string) => {
    const label = labelOf(text);
    cases.push({
      name: `${voice}: "${text}"`,
      label,
      set,
      voice,
      shouldInterrupt: !KEEP_TALKING.includes(label),
      words: text.trim().split(/\s+/).length,
      scenario: { user: [{ wav, atMs: 1500 + (slot++ % 5) * 500, text }] },
    });
  };
  const tuneTexts = [...BC_IN, ...BC_OUT, ...FORCE, ...REQUEST, ...QUESTION, ...TWO, ...LAUGHS];
  const holdoutTexts = [...HO_BC_IN, ...HO_BC_OUT, ...HO_FORCE, ...HO_REQUEST, ...HO_TWO, ...LAUGHS.slice(0, 1)];
  const flite = async (voice: 'kal16' | 'awb' | 'rms', texts: string[], set: Case['set']) => {
    voices.push(`flite ${voice}${set === 'holdout' ? ' (held out)' : ''}`);
    const speech = await synthesizeTexts(texts, voice);
    texts.forEach((text, i) => {
      const s = speech.get(text)!;
      const wav = join(dir, `${voice}-${i}.wav`);
      writeWav(wav, s.samples, s.sampleRate);
      add(`flite ${voice}`, set, text, wav);
    });
  };
  await flite('kal16', tuneTexts, 'tune');
  await flite('awb', tuneTexts, 'tune');
  await flite('rms', holdoutTexts, 'holdout');
  if (hasEspeak()) {
    const espeak = (voice: string, rate: string, texts: string[], set: Case['set']) => {
      voices.push(`espeak-ng ${voice}${set === 'holdout' ? ' (held out)' : ''}`);
      texts.forEach((text, i) => {
        const wav = join(dir, `espeak-${voice}-${i}.wav`);
        execFileSync('espeak-ng', ['-v', voice, '-s', rate, '-w', wav, text]);
        add(`espeak-ng ${voice}`, set, text, wav);
      });
    };
    espeak('en-us', '175', tuneTexts, 'tune');
    espeak('en-gb-x-rp+f3', '190', holdoutTexts, 'holdout');
    espeak('en-gb-scotland+m4', '165', holdoutTexts, 'holdout');
  }

  voices.push('real speech fixtures');
  const { real, realHoldout } = REAL_CLIPS;
  for (const [i, [file, start, len, text]] of [...real, ...realHoldout].entries()) {
    const wav = join(dir, `real-${i}.wav`);
    const source = realSpeechFile(root, file);
    if (source === undefined) {
      const note = `(${file} not found: its clips are left out)`;
      if (!voices.includes(note)) voices.push(note);
      continue;
    }
    const decoded = await readWavFile(source);
    const from = Math.round(start * decoded.sampleRate) * decoded.channels;
    writeWav(wav, decoded.samples.slice(from, from + Math.round(len * decoded.sampleRate) * decoded.channels), decoded.sampleRate);
    cases.push({
      name: `real ${file}@${start}s`,
      label: 'real',
      set: i < real.length ? 'tune' : 'holdout',
      voice: 'real',
      shouldInterrupt: true,
      words: text.split(' ').length,
      scenario: { user: [{ wav, atMs: 2000, text, gainDb: 6 }] },
    });
  }
  // The espeak-made clips of test/fixtures/bargein, as the tests use them.
  const clipDir = join(root, 'test/fixtures/bargein');
  for (const [file, text] of [
    ['okay.wav', 'okay'],
    ['yeah-sure.wav', 'yeah sure'],
    ['mm-hmm.wav', 'mm hmm'],
    ['yes-thats-right.wav', "yes that's right"],
    ['stop.wav', 'stop'],
    ['wait-a-second.wav', 'wait a second'],
    ['tell-me-more.wav', 'tell me more'],
  ] as const) {
    const label: Label = ['okay', 'yeah sure', 'mm hmm'].includes(text)
      ? 'backchannel-in'
      : text === "yes that's right"
        ? 'backchannel-out'
        : text === 'tell me more'
          ? 'request'
          : 'force';
    cases.push({
      name: `fixture ${file}`,
      label,
      set: 'tune',
      voice: 'fixture',
      shouldInterrupt: !KEEP_TALKING.includes(label),
      words: text.split(' ').length,
      scenario: { user: [{ wav: join(clipDir, file), atMs: 2500, text }] },
    });
  }
  cases.push({
    name: 'fixture cough.wav',
    label: 'cough',
    set: 'tune',
    voice: 'fixture',
    shouldInterrupt: false,
    words: 0,
    scenario: { user: [{ wav: join(clipDir, 'cough.wav'), atMs: 2500, text: '' }] },
  });
  [1, 2, 3, 2].forEach((bursts, i) => {
    const wav = join(dir, `cough-${i}.wav`);
    writeWav(wav, cough(bursts, 11 + i), 16_000);
    cases.push({
      name: `cough x${bursts} #${i}`,
      label: 'cough',
      set: i < 2 ? 'tune' : 'holdout',
      voice: 'synthetic',
      shouldInterrupt: false,
      words: 0,
      scenario: { user: [{ wav, atMs: 2000 + i * 300, text: '' }] },
    });
  });
  [150, 250, 400].forEach((ms, i) => {
    const wav = join(dir, `noise-${i}.wav`);
    writeWav(wav, noise(ms, i % 2 ? 'white' : 'brown', 7 + i), 16_000);
    cases.push({
      name: `noise burst ${ms} ms`,
      label: 'noise',
      set: 'tune',
      voice: 'synthetic',
      shouldInterrupt: false,
      words: 0,
      scenario: { user: [{ wav, atMs: 2000, text: '' }] },
    });
  });
  for (const gainDb of [-10, -20, -30]) {
    for (const delayMs of [20, 50, 80, 120]) {
      cases.push({
        name: `echo ${gainDb} dB ${delayMs} ms`,
        label: 'echo',
        set: 'tune',
        voice: 'agent',
        shouldInterrupt: false,
        words: 0,
        scenario: { echo: { gainDb, delayMs } },
      });
    }
    cases.push({
      name: `echo ${gainDb} dB 40 ms, room RT60 400 ms`,
      label: 'echo',
      set: 'tune',
      voice: 'agent',
      shouldInterrupt: false,
      words: 0,
      scenario: { echo: { gainDb, delayMs: 40, rt60Ms: 400 } },
    });
    cases.push({
      name: `real speech over echo ${gainDb} dB`,
      label: 'echo+user',
      set: 'tune',
      voice: 'real',
      shouldInterrupt: true,
      words: 7,
      scenario: {
        echo: { gainDb, delayMs: 50 },
        user: [{ wav: join(dir, 'real-5.wav'), atMs: 3000, text: 'can you tell me about the return trip', gainDb: 6 }],
      },
    });
  }
  if (options.fresh) {
    cases.push(...(await freshCases(dir, hasEspeak(), writeWav)));
    voices.push('fresh group: flite rms, espeak-ng en-029+f2, en-us-nyc+m3, en-gb-x-gbclan+f4');
  }
  return { cases, voices };
}

/** A case's user clip as the mic gets it: 16 kHz mono, with its gain (bench:bargein-features and bench:bargein-voice-rule). */
export async function caseClip(c: Case, resamplers: ResamplerFactory): Promise<Float32Array> {
  const clip = (c.scenario.user as { wav: string; gainDb?: number }[])[0]!;
  const wav = await readWavFile(clip.wav);
  let samples = downmixToMono(wav.samples, wav.channels);
  if (wav.sampleRate !== 16_000) samples = resampleAll(resamplers, samples, wav.sampleRate, 16_000);
  return clip.gainDb ? samples.map((s) => s * 10 ** (clip.gainDb! / 20)) : samples;
}
