/**
 * Microphone WAVs for the e2e sessions: silence, or a stretch of a real speech fixture
 * padded with silence (so VAD sees the user stop and the turn ends).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav } from '../../../electron/engine/audio/wav-reader';
import { encodeWav } from '../../../electron/engine/stt/wav';

const RATE = 16_000;
const SPEECH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/speech');

export function writeSilenceWav(file: string, seconds: number): string {
  fs.writeFileSync(file, encodeWav(new Float32Array(RATE * seconds), RATE));
  return file;
}

/** `leadMs` of silence, then `fromMs`..`toMs` of a 16 kHz mono speech fixture, then `tailMs` of silence. */
export function writeSpeechWav(file: string, fixture: string, span: { fromMs: number; toMs: number }, pad: { leadMs: number; tailMs: number }): string {
  const wav = decodeWav(fs.readFileSync(path.join(SPEECH_DIR, fixture)), fixture);
  if (wav.sampleRate !== RATE || wav.channels !== 1) throw new Error(`${fixture} must be 16 kHz mono`);
  const speech = wav.samples.subarray(Math.round((span.fromMs * RATE) / 1000), Math.round((span.toMs * RATE) / 1000));
  const lead = Math.round((pad.leadMs * RATE) / 1000);
  const out = new Float32Array(lead + speech.length + Math.round((pad.tailMs * RATE) / 1000));
  out.set(speech, lead);
  fs.writeFileSync(file, encodeWav(out, RATE));
  return file;
}
