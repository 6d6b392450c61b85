/**
 * The canceller tests' voices from real speech fixtures: the agent is two people reading a
 * play (24 kHz, as the speaker would play it), its first 9 s at -20 dBFS; the user is another
 * person reading (16 kHz), 3 s at -26 dBFS at the mic.
 */
import { fileURLToPath } from 'node:url';
import { loadResamplerFactory, resampleAll } from '../../../../../electron/engine/audio/resampler.js';
import { readWavFile } from '../../../../../electron/engine/audio/wav-reader.js';
import { atLevel } from '../../../../../electron/engine/agent/simulate/echo-rooms.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/speech/${name}`, import.meta.url));

export async function dialogueVoices(): Promise<{ agent: Float32Array; user: Float32Array }> {
  const resamplers = await loadResamplerFactory();
  const dialogue = await readWavFile(fixture('endgame_nagg_nell.wav'));
  const agent = atLevel(resampleAll(resamplers, dialogue.samples, dialogue.sampleRate, 16_000).subarray(0, 16_000 * 9), -20);
  const user = atLevel((await readWavFile(fixture('beckett.wav'))).samples.subarray(16_000, 16_000 * 4), -26);
  return { agent, user };
}
