/**
 * npm run bench:bargein-features
 * What the audio alone says, per utterance of the bench:bargein set (no VAD, no session): how
 * well each cue separates "should interrupt" from backchannels and laughs, as the AUC (the
 * chance that a random interruption scores higher than a random backchannel; 0.5 = no use),
 * for the tuning and the held-out part, and for the short utterances (under 1.1 s of voice),
 * where the no-recognizer rule has to guess. Cues: voice length (VoiceShape, as the decider
 * measures it), syllables, voiced (pitched) fraction, the pitch movement at the end (a question's
 * rise), pitch range, and level. The pitch tracker is a plain normalised autocorrelation
 * (pitch-track.ts). Also continuity (pauses per second of voice, the longest voiced run's share)
 * and the energy contour (the level's slope over the voiced hops). Writes bench/results/bargein-features.json. It reports; it never fails.
 *
 * Then, as the no-recognizer decider would meet them: every cue over the first second of voice
 * only (what is known when 1 s of voice interrupts anyway), and for each cue the rule "this side
 * of a threshold interrupts before 1 s", with the threshold set on the tuning part to stop no
 * backchannel or laugh there; then what the same rule does on the held-out part (interruptions
 * it catches, backchannels it would stop), and whether any cue says "backchannel" for the ones
 * that run over 1 s.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResamplerFactory } from '../electron/engine/audio/resampler.js';
import { VoiceShape } from '../electron/engine/turn/strategies/voice-shape.js';
import { voicedSpan } from '../electron/engine/agent/simulate/mic-mixer.js';
import { buildCorpus, caseClip, BACKCHANNELS, type Case } from './bargein-corpus.js';
import { pitchTrack, semitones } from './pitch-track.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RATE = 16_000;

interface Features {
  voiceMs: number;
  syllables: number;
  /** Syllables per second of voice. */
  syllableRate: number;
  voicedFraction: number;
  finalRiseSt: number;
  pitchRangeSt: number;
  levelDb: number;
  /** Speech continuity: the pauses (40 ms or more of non-voice between voiced hops) per second of voice. */
  pausesPerSecond: number;
  /** Speech continuity: the longest run of voiced hops, as a share of all voiced hops. */
  longestRunShare: number;
  /** Energy contour: the slope of the voiced hops' level over time (dB per second; a falling "mm-hmm" is negative). */
  levelSlopeDbPerS: number;
}

/** Continuity and energy contour from 10 ms hop levels, with VoiceShape's voice rule (over -50 dBFS and within 30 dB of the loudest hop). */
function contour(samples: Float32Array): Pick<Features, 'pausesPerSecond' | 'longestRunShare' | 'levelSlopeDbPerS'> {
  const hops: number[] = [];
  for (let i = 0; i + 160 <= samples.length; i += 160) {
    let sum = 0;
    for (let k = i; k < i + 160; k++) sum += samples[k]! * samples[k]!;
    hops.push(10 * Math.log10(sum / 160 + 1e-12));
  }
  let peak = -Infinity;
  const voiced = hops.map((db) => {
    peak = Math.max(peak, db);
    return db > -50 && db > peak - 30;
  });
  const first = voiced.indexOf(true);
  const last = voiced.lastIndexOf(true);
  if (first < 0) return { pausesPerSecond: 0, longestRunShare: 0, levelSlopeDbPerS: 0 };
  let pauses = 0;
  let gap = 0;
  let run = 0;
  let longest = 0;
  let count = 0;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = first; i <= last; i++) {
    if (voiced[i]) {
      if (gap >= 4) pauses++;
      gap = 0;
      run++;
      count++;
      longest = Math.max(longest, run);
      xs.push(i / 100);
      ys.push(hops[i]!);
    } else {
      gap++;
      run = 0;
    }
  }
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return { pausesPerSecond: (pauses * 100) / count, longestRunShare: longest / count, levelSlopeDbPerS: sxx > 0 ? sxy / sxx : 0 };
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
    syllableRate: shape.speechMs > 0 ? Math.round((shape.syllables * 1000 * 10) / shape.speechMs) / 10 : 0,
    voicedFraction: active.length ? pitched.length / active.length : 0,
    finalRiseSt: pitched.length > 3 ? semitones(last, median) : 0,
    pitchRangeSt: pitched.length > 3 ? semitones(q(0.9), q(0.1)) : 0,
    levelDb: active.length ? active.reduce((s, f) => s + f.levelDb, 0) / active.length : -120,
    ...contour(samples),
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
  const rows: { case: Case; f: Features; first: Features }[] = [];
  for (const c of spoken) {
    const samples = await caseClip(c, resamplers);
    const span = voicedSpan(samples);
    const from = span ? (span.startMs * RATE) / 1000 : 0;
    rows.push({ case: c, f: features(samples), first: features(samples.subarray(0, from + RATE)) });
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
  const rules = firstSecondRules(rows, keys);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/bargein-features.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        auc: report,
        firstSecondRules: rules,
        clips: rows.map((r) => ({ name: r.case.name, label: r.case.label, set: r.case.set, ...r.f })),
      },
      null,
      2,
    ) + '\n',
  );
  console.log('\nwrote bench/results/bargein-features.json');
}

/**
 * Cues over the first second of voice, for what the 1 s rule leaves to guess: utterances under
 * 1 s (a rule must say "interrupt" for the interruptions, and not for the backchannels), and
 * over 1 s (a rule would have to say "backchannel" for the few backchannels that run that long).
 */
function firstSecondRules(rows: { case: Case; f: Features; first: Features }[], keys: (keyof Features)[]) {
  const keep = (r: (typeof rows)[number]) => BACKCHANNELS.includes(r.case.label) || r.case.label === 'laugh';
  const short = (set: Case['set']) => rows.filter((r) => r.case.set === set && r.f.voiceMs < 1000);
  const long = (set: Case['set']) => rows.filter((r) => r.case.set === set && r.f.voiceMs >= 1000);
  const out: Record<string, unknown> = {};
  console.log('\nUnder 1 s of voice: the best rule per cue over the first second, set on tuning to stop no backchannel or laugh there');
  console.log(`${'cue'.padEnd(15)} ${'rule'.padEnd(18)} ${'tuning: caught'.padEnd(16)} ${'held out: caught'.padEnd(18)} held out: backchannels stopped`);
  for (const k of keys) {
    let best: { dir: 1 | -1; at: number; caught: number } | null = null;
    const tune = short('tune');
    for (const dir of [1, -1] as const) {
      // Interrupt when dir * value > dir * at, with `at` the most extreme backchannel value: no backchannel passes.
      const bcValues = tune.filter(keep).map((r) => dir * r.first[k]);
      const at = Math.max(...bcValues);
      const caught = tune.filter((r) => r.case.shouldInterrupt && dir * r.first[k] > at).length;
      if (best === null || caught > best.caught) best = { dir, at: dir * at, caught };
    }
    const ho = short('holdout');
    const says = (r: (typeof rows)[number]) => best!.dir * r.first[k] > best!.dir * best!.at;
    const rule = `${best!.dir > 0 ? '>' : '<'} ${Math.round(best!.at * 10) / 10}`;
    const tuneInt = tune.filter((r) => r.case.shouldInterrupt).length;
    const hoInt = ho.filter((r) => r.case.shouldInterrupt);
    const hoKeep = ho.filter(keep);
    const row = {
      rule,
      tuning: `${best!.caught} / ${tuneInt}`,
      holdoutCaught: `${hoInt.filter(says).length} / ${hoInt.length}`,
      holdoutFalseStops: `${hoKeep.filter(says).length} / ${hoKeep.length}`,
    };
    out[k] = row;
    console.log(`${k.padEnd(15)} ${rule.padEnd(18)} ${row.tuning.padEnd(16)} ${row.holdoutCaught.padEnd(18)} ${row.holdoutFalseStops}`);
  }
  for (const set of ['tune', 'holdout'] as const) {
    const l = long(set);
    const bc = l.filter(keep);
    const int = l.filter((r) => r.case.shouldInterrupt);
    const aucs = Object.fromEntries(
      keys
        .filter((k) => k !== 'voiceMs')
        .map((k) => [
          k,
          auc(
            int.map((r) => r.first[k]),
            bc.map((r) => r.first[k]),
          ),
        ]),
    );
    out[`over 1 s, ${set}`] = { backchannels: bc.map((r) => r.case.name), interruptions: int.length, auc: aucs };
    console.log(
      `Over 1 s (${set}): ${bc.length} backchannels (${bc.map((r) => r.case.name).join('; ')}) vs ${int.length} interruptions; AUC over the first second: ${JSON.stringify(aucs)}`,
    );
  }
  // A veto at 1 s: the side of a threshold where no tuning interruption over 1 s lies says "backchannel".
  console.log('Over 1 s: the best veto per cue over the first second, set on tuning to hold back no interruption there');
  const [lt, lh] = [long('tune'), long('holdout')];
  for (const k of keys.filter((x) => x !== 'voiceMs')) {
    let best: { dir: 1 | -1; at: number; vetoed: number } | null = null;
    for (const dir of [1, -1] as const) {
      const at = Math.min(...lt.filter((r) => r.case.shouldInterrupt).map((r) => dir * r.first[k]));
      const vetoed = lt.filter((r) => keep(r) && dir * r.first[k] < at).length;
      if (best === null || vetoed > best.vetoed) best = { dir, at, vetoed };
    }
    const vetoes = (r: (typeof rows)[number]) => best!.dir * r.first[k] < best!.at;
    const row = {
      rule: `${best!.dir > 0 ? '<' : '>'} ${Math.round(best!.dir * best!.at * 10) / 10}`,
      tuningBackchannelsKept: `${best!.vetoed} / ${lt.filter(keep).length}`,
      holdoutBackchannelsKept: `${lh.filter((r) => keep(r) && vetoes(r)).length} / ${lh.filter(keep).length}`,
      holdoutInterruptionsHeldBack: `${lh.filter((r) => r.case.shouldInterrupt && vetoes(r)).length} / ${lh.filter((r) => r.case.shouldInterrupt).length}`,
    };
    out[`veto over 1 s: ${k}`] = row;
    console.log(`${k.padEnd(15)} ${JSON.stringify(row)}`);
  }
  return out;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
