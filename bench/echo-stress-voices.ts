/**
 * bench:echo --stress-only, the agent's voices and the users: none of them tuned on. The agent
 * speaks with other flite voices, espeak-ng variants (one fast), real recorded readers (one with
 * long pauses between requests), and sounds that are not speech at all (a sung vowel, beeps,
 * chords), all at the tuning voice's level so a loudspeaker's drive means the same for each.
 */
import { join } from 'node:path';
import { readWavFile } from '../electron/engine/audio/wav-reader.js';
import { resampleAll, type ResamplerFactory } from '../electron/engine/audio/resampler.js';
import { synthesizeTexts, type SynthesizedSpeech } from '../electron/engine/agent/simulate/synthesize.js';
import { scaleTo, USER_DBFS } from './echo-canceller.js';
import { espeak, writeWav } from './echo-rooms.js';

const RATE = 16_000;
const AGENT_LINE =
  'Your flight to Lisbon boards at gate twenty two at ten to six, so there is time for coffee; the bags go straight through to Porto, and the connection there is forty minutes.';

/** A sung vowel (harmonics of a 140 Hz voice with vibrato and two formant peaks), 1 s of silence, beeps, then chords. */
export function tonalAgent(): Float32Array {
  const out = new Float32Array(RATE * 9);
  for (let i = 0; i < RATE * 3; i++) {
    const t = i / RATE;
    const f0 = 140 * (1 + 0.01 * Math.sin(2 * Math.PI * 5 * t));
    let v = 0;
    for (let k = 1; k <= 25; k++) {
      const f = k * 140;
      const formant = Math.exp(-(((f - 700) / 150) ** 2)) + 0.5 * Math.exp(-(((f - 1200) / 200) ** 2)) + 0.05;
      v += (formant / k) * Math.sin(2 * Math.PI * k * f0 * t);
    }
    out[i] = v * Math.min(1, t / 0.05, (3 - t) / 0.05);
  }
  // Five 1 kHz beeps, 200 ms on, 200 ms off.
  for (let b = 0; b < 5; b++) {
    const start = RATE * 4 + b * RATE * 0.4;
    for (let i = 0; i < RATE * 0.2; i++) out[start + i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / RATE) * Math.min(1, i / 80, (RATE * 0.2 - i) / 80);
  }
  // Chords (C, F, G major, a second each), piano-like decay.
  const chords = [
    [261.6, 329.6, 392],
    [349.2, 440, 523.3],
    [392, 493.9, 587.3],
  ];
  for (const [c, notes] of chords.entries()) {
    const start = RATE * 6 + c * RATE;
    for (let i = 0; i < RATE; i++) {
      const t = i / RATE;
      let v = 0;
      for (const f of notes) for (let k = 1; k <= 4; k++) v += Math.sin(2 * Math.PI * k * f * t) / (k * k);
      out[start + i] = v * Math.exp(-3 * t) * Math.min(1, i / 40);
    }
  }
  return out;
}

export interface StressVoices {
  /** What the agent says (one text; each voice's audio is substituted for it). */
  line: string;
  /** The agent's speech by voice name, as simulate's TTS would replay it. */
  agents: Map<string, Map<string, SynthesizedSpeech>>;
  /** Interruptions, at the user's level: WAV path and oracle text. */
  users: { voice: string; wav: string; text: string }[];
}

export async function stressVoices(dir: string, resamplers: ResamplerFactory, speechDir: string, reply: string, targetDbfs: number): Promise<StressVoices> {
  const agents = new Map<string, Map<string, SynthesizedSpeech>>();
  const add = async (name: string, samples: Float32Array, extra: Map<string, SynthesizedSpeech>) => {
    const speech = new Map(extra);
    speech.set(AGENT_LINE, { text: AGENT_LINE, samples: scaleTo(samples, targetDbfs), sampleRate: RATE, words: [] });
    agents.set(name, speech);
  };
  const replySpeech = await synthesizeTexts([reply], 'slt');
  const to16k = (s: Float32Array, rate: number) => (rate === RATE ? s : resampleAll(resamplers, s, rate, RATE));
  for (const voice of ['awb', 'rms', 'kal16'] as const) {
    const s = (await synthesizeTexts([AGENT_LINE], voice)).get(AGENT_LINE)!;
    await add(`flite ${voice}`, to16k(s.samples, s.sampleRate), replySpeech);
  }
  for (const [name, voice, rate] of [
    ['espeak en-gb-scotland', 'en-gb-scotland', 165],
    ['espeak en-us, fast (260 wpm)', 'en-us', 260],
    ['espeak en-029', 'en-029', 150],
  ] as const) {
    const path = espeak(dir, `agent-${voice}-${rate}`, AGENT_LINE, voice, rate);
    if (!path) continue;
    const w = await readWavFile(path);
    await add(name, to16k(w.samples, w.sampleRate), replySpeech);
  }
  const real = async (file: string, fromS: number, toS: number) => {
    const w = await readWavFile(join(speechDir, file));
    return to16k(w.samples, w.sampleRate).slice(Math.round(fromS * RATE), Math.round(toS * RATE));
  };
  await add('real reader (two cities)', await real('two_cities_16k.wav', 12, 22), replySpeech);
  await add('real requests with pauses (intent)', await real('intent.wav', 9, 20), replySpeech);
  await add('sung vowel, beeps, chords', tonalAgent(), replySpeech);

  const users: StressVoices['users'] = [];
  const place = (name: string, samples: Float32Array) => {
    const path = join(dir, `user-${name}.wav`);
    writeWav(path, scaleTo(samples, USER_DBFS));
    return path;
  };
  users.push({
    voice: 'real reader (two cities, 30 s)',
    wav: place('two-cities', await real('two_cities_16k.wav', 30, 32.5)),
    text: 'and the lights went out in the house',
  });
  const rms = (await synthesizeTexts(['excuse me, can I ask something else'], 'rms')).get('excuse me, can I ask something else')!;
  users.push({ voice: 'flite rms', wav: place('rms', to16k(rms.samples, rms.sampleRate)), text: 'excuse me can I ask something else' });
  const rp = espeak(dir, 'user-rp', 'no, stop, that is the wrong station', 'en-gb-x-rp', 165);
  if (rp) {
    const w = await readWavFile(rp);
    users.push({ voice: 'espeak en-gb-x-rp', wav: place('rp', to16k(w.samples, w.sampleRate)), text: 'no stop that is the wrong station' });
  }
  return { line: AGENT_LINE, agents, users };
}
