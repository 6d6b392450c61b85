/**
 * A phrase file for bench:bargein (`--set FILE`) and bench/bargein-fresh-text.ts: `[backchannel]` and `[interruption]`
 * sections, one phrase a line, `#` comments (as bench/bargein-fresh-set-d.txt). In bench:bargein each phrase is spoken
 * in two voices no other case uses (espeak-ng West Midlands with the Andy variant, US English with Annie), and the set
 * is reported in two halves: odd lines of each section (half 1) and even lines (half 2), so one can be tuned on and
 * the other held out.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wordsOf } from '../electron/engine/turn/text.js';
import type { Case } from './bargein-corpus.js';
import { phraseLabel } from './bargein-fresh.js';

export interface PhraseSet {
  backchannels: string[];
  interruptions: string[];
}

export function readSet(path: string): PhraseSet {
  const out: PhraseSet = { backchannels: [], interruptions: [] };
  let into: string[] | null = null;
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line === '[backchannel]') into = out.backchannels;
    else if (line === '[interruption]') into = out.interruptions;
    else if (into === null) throw new Error(`${path}: "${line}" comes before any [backchannel] or [interruption] line.`);
    else into.push(line);
  }
  if (out.backchannels.length + out.interruptions.length === 0) throw new Error(`${path} has no phrases ([backchannel] / [interruption] lines).`);
  return out;
}

/** Half 1 or 2 of a set, by the phrase's place in its section (odd lines are half 1). */
export const setHalf = (index: number): 1 | 2 => (index % 2 === 0 ? 1 : 2);

/** Voices no tuning, held-out or fresh case uses: espeak-ng accents and speaker variants of their own. */
const SET_VOICES = [
  ['en-gb-x-gbcwmd+Andy', '170'],
  ['en-us+Annie', '160'],
] as const;

/** The set's cases (set 'set-1' / 'set-2'), every phrase in both voices, their clips written to `dir`. */
export function setCases(path: string, dir: string): Case[] {
  const set = readSet(path);
  const phrases = [
    ...set.backchannels.map((text, i) => ({ text, i, backchannel: true })),
    ...set.interruptions.map((text, i) => ({ text, i, backchannel: false })),
  ];
  return phrases.flatMap(({ text, i, backchannel }, n) =>
    SET_VOICES.map(([voice, rate], v): Case => {
      const wav = join(dir, `set-${n}-${v}.wav`);
      execFileSync('espeak-ng', ['-v', voice, '-s', rate, '-w', wav, text]);
      const half = setHalf(i);
      return {
        name: `set ${half} espeak-ng ${voice}: "${text}"`,
        label: phraseLabel(text, backchannel),
        set: half === 1 ? 'set-1' : 'set-2',
        voice: `espeak-ng ${voice}`,
        shouldInterrupt: !backchannel,
        words: wordsOf(text).length,
        scenario: { user: [{ wav, atMs: 1500 + ((n + v) % 5) * 500, text }] },
      };
    }),
  );
}
