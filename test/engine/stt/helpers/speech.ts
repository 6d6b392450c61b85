/** Real recorded speech for recognizer tests (see test/fixtures/speech/SOURCE.md). */
import path from 'node:path';
import { readWavFile } from '../../../../electron/engine/audio/wav-reader.js';

export const SPEECH_DIR = path.resolve(import.meta.dirname, '../../../fixtures/speech');

/** beckett.wav: 10 s, 16 kHz mono, one speaker reading prose. */
export async function beckett(): Promise<Float32Array> {
  const wav = await readWavFile(path.join(SPEECH_DIR, 'beckett.wav'));
  if (wav.sampleRate !== 16_000 || wav.channels !== 1) throw new Error('beckett.wav should be 16 kHz mono');
  return wav.samples;
}

/** The samples in 20 ms frames, as the audio pipeline delivers them. */
export function* frames(samples: Float32Array, frameSamples = 320): Generator<Float32Array> {
  for (let at = 0; at < samples.length; at += frameSamples) yield samples.subarray(at, at + frameSamples);
}
