/**
 * npm run bench:bargein-features
 * What the audio alone says, per utterance of the bench:bargein set (no VAD, no session): how
 * well each cue separates "should interrupt" from backchannels and laughs, as the AUC (the
 * chance that a random interruption scores higher than a random backchannel; 0.5 = no use),
 * for the tuning and the held-out part, and for the short utterances (under 1.1 s of voice),
 * where the no-recognizer rule has to guess. Cues: voice length (VoiceShape, as the decider
 * measures it), syllables, voiced (pitched) fraction, the pitch movement at the end (a question's
 * rise), pitch range, and level. The pitch tracker is a plain normalised autocorrelation
 * (pitch-track.ts). Writes bench/results/bargein-features.json. It reports; it never fails.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResamplerFactory, resampleAll } from '../electron/engine/audio/resampler.js';
import { readWavFile } from '../electron/engine/audio/wav-reader.js';
import { downmixToMono } from '../electron/engine/audio/channels.js';
import { VoiceShape } from '../electron/engine/turn/strategies/voice-shape.js';
import { buildCorpus, BACKCHANNELS, type Case } from './bargein-corpus.js';
import { pitchTrack, semitones } from './pitch-track.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RATE = 16_000;

interface Features {
  voiceMs: number;
  syllables: number;
  voicedFraction: number;
  finalRiseSt: number;
  pitchRangeSt: number;
  levelDb: number;
}

function features(samples: Float32Array): Features {
  const shape = new VoiceShape();
  for (let i = 0; i < samples.length; i += 320) shape.append({ data: samples.subarray(i, i + 320), sampleRate: RATE, channels: 1, timestampMs: i / 16 });
  const track = pitchTrack(samples, RATE);
  const active = track.filter((f) => f.levelDb > Math.max(...track.map((t) => t.levelDb)) - 25);
  const pitched = active.filter((f) => f.f0Hz > 0).map((f) => f.f0Hz);
  const sorted = [...pitched].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const median = q(0.5);
  const tail = pitched.slice(-15);
  const last = tail.length ? [...tail].sort((a, b) => a - b)[Math.floor(tail.length / 2)]! : 0;
  return {
    voiceMs: shape.speechMs,
    syllables: shape.syllables,
    voicedFraction: active.length ? pitched.length / active.length : 0,
    finalRiseSt: pitched.length > 3 ? semitones(last, median) : 0,
    pitchRangeSt: pitched.length > 3 ? semitones(q(0.9), q(0.1)) : 0,
    levelDb: active.length ? active.reduce((s, f) => s + f.levelDb, 0) / active.length : -120,
  };
}

function auc(pos: number[], neg: number[]): number | null {
  if (!pos.length || !neg.length) return null;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return Math.round((wins / (pos.length * neg.length)) * 1000) / 1000;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bargein-features-'));
  const { cases } = await buildCorpus(dir, ROOT);
  const resamplers = await loadResamplerFactory();
  const spoken = cases.filter((c) => c.words > 0 && c.label !== 'echo+user' && c.scenario.user !== undefined);
  const rows: { case: Case; f: Features }[] = [];
  for (const c of spoken) {
    const clip = (c.scenario.user as { wav: string; gainDb?: number }[])[0]!;
    const wav = await readWavFile(clip.wav);
    let samples = downmixToMono(wav.samples, wav.channels);
    if (wav.sampleRate !== RATE) samples = resampleAll(resamplers, samples, wav.sampleRate, RATE);
    if (clip.gainDb) samples = samples.map((s) => s * 10 ** (clip.gainDb! / 20));
    rows.push({ case: c, f: features(samples) });
  }
  const keys = Object.keys(rows[0]!.f) as (keyof Features)[];
  const report: Record<string, Record<string, number | null>> = {};
  const groups = {
    tune: rows.filter((r) => r.case.set === 'tune'),
    holdout: rows.filter((r) => r.case.set === 'holdout'),
    'tune, under 1.1 s': rows.filter((r) => r.case.set === 'tune' && r.f.voiceMs < 1100),
    'holdout, under 1.1 s': rows.filter((r) => r.case.set === 'holdout' && r.f.voiceMs < 1100),
  };
  console.log('\nAUC per cue (1 = interruptions always score higher, 0.5 = no use, 0 = always lower)');
  console.log(`${'set'.padEnd(22)} ${'n int/bc'.padEnd(9)} ${keys.map((k) => k.padStart(14)).join('')}`);
  for (const [name, g] of Object.entries(groups)) {
    const pos = g.filter((r) => r.case.shouldInterrupt);
    const neg = g.filter((r) => BACKCHANNELS.includes(r.case.label) || r.case.label === 'laugh');
    report[name] = Object.fromEntries(
      keys.map((k) => [
        k,
        auc(
          pos.map((r) => r.f[k]),
          neg.map((r) => r.f[k]),
        ),
      ]),
    );
    console.log(`${name.padEnd(22)} ${`${pos.length}/${neg.length}`.padEnd(9)} ${keys.map((k) => String(report[name]![k] ?? '-').padStart(14)).join('')}`);
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/bargein-features.json'),
    JSON.stringify(
      { date: new Date().toISOString(), auc: report, clips: rows.map((r) => ({ name: r.case.name, label: r.case.label, set: r.case.set, ...r.f })) },
      null,
      2,
    ) + '\n',
  );
  console.log('\nwrote bench/results/bargein-features.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
