// bench:bargein's real-speech clips are stretches cut out of recordings by start and length. A
// stretch that misses the voice is not an interruption at all, yet it counts as a missed one
// (two_cities@0s was 0.8 s of room tone before the reader's first word at 1.2 s).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REAL_CLIPS, realSpeechFile } from '../../bench/bargein-real-clips';
import { downmixToMono } from '../../electron/engine/audio/channels';
import { readWavFile } from '../../electron/engine/audio/wav-reader';

// fileURLToPath, not .pathname: a checkout path with a space would read '%20', find no file and pass every clip unchecked.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A 20 ms frame at -40 dBFS or louder is voice here: these recordings' room tone sits near -58 dBFS. */
const VOICE_RMS = 0.01;
/** The shortest clip is a 0.8 s phrase; it must hold at least 300 ms of voice. */
const MIN_VOICE_MS = 300;

async function voicedMs(file: string, startS: number, lengthS: number): Promise<number> {
  const wav = await readWavFile(file);
  const mono = downmixToMono(wav.samples, wav.channels);
  const frame = Math.round(wav.sampleRate * 0.02);
  const from = Math.round(startS * wav.sampleRate);
  const to = Math.min(mono.length, from + Math.round(lengthS * wav.sampleRate));
  let voiced = 0;
  for (let i = from; i + frame <= to; i += frame) {
    let sum = 0;
    for (let j = i; j < i + frame; j++) sum += mono[j]! * mono[j]!;
    if (Math.sqrt(sum / frame) >= VOICE_RMS) voiced++;
  }
  return voiced * 20;
}

describe("bench:bargein's real-speech clips", () => {
  // Only two_cities_16k.wav may be missing (shared fixtures): the project's own recordings are always checked.
  it.each(['intent.wav', 'beckett.wav', 'endgame_nagg_nell.wav'])('finds the project recording %s', (file) => expect(realSpeechFile(ROOT, file)).toBeDefined());
  it.each([...REAL_CLIPS.real, ...REAL_CLIPS.realHoldout])('%s from %s s for %s s holds the voice ("%s")', async (file, start, length, _text) => {
    const path = realSpeechFile(ROOT, file);
    if (path === undefined) return; // two_cities_16k.wav is only in the shared fixtures, which CI may not have
    expect(await voicedMs(path, start, length)).toBeGreaterThanOrEqual(MIN_VOICE_MS);
  });
});
