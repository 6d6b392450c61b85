/**
 * npm run bench:bargein
 * Generates a labelled set of barge-in scenarios (backchannels, short and long interruptions,
 * force phrases, noise bursts, echo at several levels; flite voices, espeak-ng when installed,
 * and the real speech fixtures), runs each through the simulate path with default settings,
 * prints a table and writes bench/results/bargein.json. It reports; it never fails on a figure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wavefile from 'wavefile';
import { runScenario, type SimulationResult } from '../electron/engine/agent/simulate/run-scenario.js';
import { parseScenario } from '../electron/engine/agent/simulate/scenario.js';
import { synthesizeTexts } from '../electron/engine/agent/simulate/synthesize.js';
import { loadResamplerFactory } from '../electron/engine/audio/resampler.js';
import { readWavFile } from '../electron/engine/audio/wav-reader.js';
import { analyzeWav } from '../electron/engine/vad/analyze-wav.js';
import { SileroVadModel } from '../electron/engine/vad/silero-vad-model.js';

type Label = 'backchannel' | 'noise' | 'echo' | 'force' | 'short' | 'long' | 'echo+user' | 'real';
interface Case {
  name: string;
  label: Label;
  /** Whether a correct system interrupts. */
  shouldInterrupt: boolean;
  scenario: Record<string, unknown>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEECH = join(ROOT, 'test/fixtures/speech');
const AGENT = 'The next train to Edinburgh leaves at nine fifteen from platform four, and it calls at York and Newcastle before arriving just after one.';
const REPLY = 'Okay.';

const BACKCHANNELS = ['okay', 'yeah', 'mm hmm', 'uh huh', 'right', 'sure', 'got it', 'yeah sure', 'okay got it', 'thank you'];
const FORCE = ['stop', 'wait', 'hold on', 'no no'];
const SHORT = ['no thanks', 'which platform'];
const LONG = ['actually can you tell me about the return trip', 'I need a train that leaves a bit earlier'];

function writeWav(path: string, samples: Float32Array, rate: number): void {
  const w = new wavefile.WaveFile();
  w.fromScratch(1, rate, '16', Int16Array.from(samples, (s) => Math.round(Math.max(-1, Math.min(1, s)) * 32767)));
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

function noise(ms: number, kind: 'brown' | 'white', seed: number): Float32Array {
  const out = new Float32Array((16_000 * ms) / 1000);
  let x = seed;
  let brown = 0;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const white = (x / 2147483648) * 2 - 1;
    brown = Math.max(-1, Math.min(1, brown + white * 0.08));
    const fade = Math.min(1, i / 160, (out.length - i) / 800);
    out[i] = (kind === 'brown' ? brown * 0.8 : white * 0.25) * fade;
  }
  return out;
}

async function buildCases(dir: string): Promise<{ cases: Case[]; voices: string[] }> {
  const cases: Case[] = [];
  const voices: string[] = [];
  const texts = [...BACKCHANNELS, ...FORCE, ...SHORT, ...LONG];
  const labelOf = (t: string): Label => (BACKCHANNELS.includes(t) ? 'backchannel' : FORCE.includes(t) ? 'force' : SHORT.includes(t) ? 'short' : 'long');
  const add = (voice: string, text: string, wav: string, i: number) => {
    const label = labelOf(text);
    cases.push({
      name: `${voice}: "${text}"`,
      label,
      // Two-word objections are real interruptions too; only acknowledgements must not cut.
      shouldInterrupt: label !== 'backchannel',
      scenario: { user: [{ wav, atMs: 1500 + (i % 5) * 500, text }] },
    });
  };
  for (const voice of ['kal16', 'awb'] as const) {
    voices.push(`flite ${voice}`);
    const speech = await synthesizeTexts(texts, voice);
    texts.forEach((text, i) => {
      const s = speech.get(text)!;
      const wav = join(dir, `${voice}-${i}.wav`);
      writeWav(wav, s.samples, s.sampleRate);
      add(`flite ${voice}`, text, wav, i);
    });
  }
  if (hasEspeak()) {
    voices.push('espeak-ng en-us');
    [...BACKCHANNELS.slice(0, 5), ...FORCE.slice(0, 2), ...LONG.slice(0, 1)].forEach((text, i) => {
      const wav = join(dir, `espeak-${i}.wav`);
      execFileSync('espeak-ng', ['-v', 'en-us', '-s', '170', '-w', wav, text]);
      add('espeak-ng', text, wav, i);
    });
  }
  voices.push('real speech fixtures');
  const real: [string, number, number, string][] = [
    ['beckett.wav', 0, 2.2, 'can you tell me about the return trip'],
    ['beckett.wav', 6.66, 2.5, 'I would rather take the later one please'],
    ['intent.wav', 2, 2.5, 'what time does the next one leave'],
    ['endgame_nagg_nell.wav', 3, 2.5, 'hang on that is not what I asked'],
  ];
  for (const [i, [file, start, len, text]] of real.entries()) {
    const wav = join(dir, `real-${i}.wav`);
    const decoded = await readWavFile(join(SPEECH, file));
    const from = Math.round(start * decoded.sampleRate) * decoded.channels;
    writeWav(wav, decoded.samples.slice(from, from + Math.round(len * decoded.sampleRate) * decoded.channels), decoded.sampleRate);
    cases.push({ name: `real ${file}@${start}s`, label: 'real', shouldInterrupt: true, scenario: { user: [{ wav, atMs: 2000, text, gainDb: 6 }] } });
  }
  [150, 250, 400].forEach((ms, i) => {
    const wav = join(dir, `noise-${i}.wav`);
    writeWav(wav, noise(ms, i % 2 ? 'white' : 'brown', 7 + i), 16_000);
    cases.push({ name: `noise burst ${ms} ms`, label: 'noise', shouldInterrupt: false, scenario: { user: [{ wav, atMs: 2000, text: '' }] } });
  });
  for (const gainDb of [-10, -20, -30]) {
    for (const delayMs of [20, 50, 80, 120]) {
      cases.push({ name: `echo ${gainDb} dB ${delayMs} ms`, label: 'echo', shouldInterrupt: false, scenario: { echo: { gainDb, delayMs } } });
    }
    cases.push({ name: `echo ${gainDb} dB 40 ms, room RT60 400 ms`, label: 'echo', shouldInterrupt: false, scenario: { echo: { gainDb, delayMs: 40, rt60Ms: 400 } } });
    cases.push({
      name: `real speech over echo ${gainDb} dB`,
      label: 'echo+user',
      shouldInterrupt: true,
      scenario: {
        echo: { gainDb, delayMs: 50 },
        user: [{ wav: join(dir, 'real-0.wav'), atMs: 3000, text: 'can you tell me about the return trip', gainDb: 6 }],
      },
    });
  }
  return { cases, voices };
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bargein-'));
  const { cases, voices } = await buildCases(dir);
  const speech = await synthesizeTexts([AGENT, REPLY], 'slt');
  const vadModel = await SileroVadModel.load();
  const resamplers = await loadResamplerFactory();
  const rows: { case: Case; result: SimulationResult; wallMs: number }[] = [];
  for (const c of cases) {
    const started = performance.now();
    const scenario = parseScenario({ agentSays: AGENT, agentReplies: [REPLY], tailMs: 2500, ...c.scenario }, dir, c.name);
    const result = await runScenario(scenario, { speech, vadModel, resamplers });
    rows.push({ case: c, result, wallMs: performance.now() - started });
  }
  // Tentative onsets on whole real recordings (speech, pauses, breaths, room): how often one is withdrawn.
  const recordings = { seconds: 0, tentativeOnsets: 0, withdrawn: 0 };
  for (const file of ['beckett.wav', 'intent.wav', 'endgame_nagg_nell.wav', 'two_cities_16k.wav']) {
    // two_cities is only in the shared fixtures folder (too big to copy into the repo).
    const path = [join(SPEECH, file), join(ROOT, '../shared/fixtures/speech', file)].find((p) => existsSync(p));
    if (path === undefined) continue;
    const report = await analyzeWav(path, { model: vadModel });
    recordings.seconds += report.durationMs / 1000;
    recordings.tentativeOnsets += report.tentative.onsets;
    recordings.withdrawn += report.tentative.withdrawn;
  }
  await vadModel.close();

  const labels: Label[] = ['backchannel', 'noise', 'echo', 'force', 'short', 'long', 'real', 'echo+user'];
  const table = labels.map((label) => {
    const group = rows.filter((r) => r.case.label === label);
    const wrong = group.filter((r) => r.result.interrupted !== r.case.shouldInterrupt).length;
    const hits = group.filter((r) => r.result.interrupted && r.result.reason === 'voice');
    return {
      label,
      scenarios: group.length,
      expected: group[0]?.case.shouldInterrupt ? 'interrupt' : 'keep talking',
      wrong,
      pausedThenResumed: group.reduce((n, r) => n + r.result.falseInterruptions, 0),
      pauseMsP50: percentile(group.map((r) => pausedMs(r.result)).filter((v) => v > 0), 50),
      latencyP50Ms: percentile(hits.map((r) => r.result.bargeInLatencyFromVoiceMs!).filter((v) => v !== null), 50),
      latencyP95Ms: percentile(hits.map((r) => r.result.bargeInLatencyFromVoiceMs!).filter((v) => v !== null), 95),
    };
  });
  const trueHits = rows.filter((r) => r.case.shouldInterrupt && r.result.interrupted);
  const fromVoice = trueHits.map((r) => r.result.bargeInLatencyFromVoiceMs).filter((v): v is number => v !== null);
  const fromVad = trueHits.map((r) => r.result.bargeInLatencyMs).filter((v): v is number => v !== null);
  const ducks = rows.map((r) => r.result.duckLatencyFromVoiceMs).filter((v): v is number => v !== null && r0(v));
  const rate = (label: Label[]) => {
    const g = rows.filter((r) => label.includes(r.case.label));
    return g.length ? g.filter((r) => r.result.interrupted).length / g.length : null;
  };
  const summary = {
    scenarios: rows.length,
    voices,
    bargeInLatencyFromVoiceMs: { p50: percentile(fromVoice, 50), p95: percentile(fromVoice, 95), n: fromVoice.length },
    bargeInLatencyFromVadOnsetMs: { p50: percentile(fromVad, 50), p95: percentile(fromVad, 95), n: fromVad.length },
    duckLatencyFromVoiceMs: { p50: percentile(ducks, 50), p90: percentile(ducks, 90), p95: percentile(ducks, 95), n: ducks.length },
    // Ducks on tentative VAD onsets, and those withdrawn (an audible dip with no speech after it), per label.
    tentativeDucks: {
      count: rows.reduce((n, r) => n + r.result.tentativeDucks.count, 0),
      withdrawn: Object.fromEntries(labels.map((l) => [l, rows.filter((r) => r.case.label === l).reduce((n, r) => n + r.result.tentativeDucks.withdrawn, 0)])),
      withdrawnMsTotal: rows.reduce((n, r) => n + r.result.tentativeDucks.withdrawnMs, 0),
      onRealRecordings: { ...recordings, seconds: Math.round(recordings.seconds) },
    },
    falseInterruptionRate: { backchannel: rate(['backchannel']), noise: rate(['noise']), echo: rate(['echo']) },
    missedInterruptions: {
      threePlusWordsOrForce: rows.filter((r) => r.case.shouldInterrupt && r.case.label !== 'short' && !r.result.interrupted).map((r) => r.case.name),
      twoWords: rows.filter((r) => r.case.label === 'short' && !r.result.interrupted).map((r) => r.case.name),
    },
    staleSamplesAfterCancel: { total: rows.reduce((n, r) => n + r.result.staleSamplesAfterCancel, 0) },
    simulatedSecondsPerWallSecond: rows.reduce((n, r) => n + r.result.traces.durationMs, 0) / rows.reduce((n, r) => n + r.wallMs, 0),
  };

  console.log('\nBarge-in benchmark (default settings, simulate path, Silero VAD, oracle transcripts)\n');
  console.log('label        n   expected      wrong  paused+resumed  pause p50 (ms)  latency p50/p95 from voice onset (ms)');
  for (const t of table) {
    console.log(
      `${t.label.padEnd(12)} ${String(t.scenarios).padStart(2)}  ${t.expected.padEnd(12)}  ${String(t.wrong).padStart(5)}  ${String(t.pausedThenResumed).padStart(14)}  ${String(t.pauseMsP50 ?? '-').padStart(14)}  ${t.latencyP50Ms ?? '-'} / ${t.latencyP95Ms ?? '-'}`,
    );
  }
  console.log('\n' + JSON.stringify(summary, null, 2));
  const misses = rows.filter((r) => r.result.interrupted !== r.case.shouldInterrupt);
  if (misses.length) console.log('\nWrong decisions:\n' + misses.map((r) => `  ${r.case.name} (${r.case.label}): interrupted=${r.result.interrupted}`).join('\n'));

  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'bargein.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        summary,
        table,
        cases: rows.map((r) => ({
          name: r.case.name,
          label: r.case.label,
          shouldInterrupt: r.case.shouldInterrupt,
          interrupted: r.result.interrupted,
          strategy: r.result.strategy,
          bargeInLatencyMs: r.result.bargeInLatencyMs,
          bargeInLatencyFromVoiceMs: r.result.bargeInLatencyFromVoiceMs,
          duckLatencyFromVoiceMs: r.result.duckLatencyFromVoiceMs,
          tentativeDucks: r.result.tentativeDucks,
          falseInterruptions: r.result.falseInterruptions,
          staleSamplesAfterCancel: r.result.staleSamplesAfterCancel,
          heardText: r.result.heardText,
        })),
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwrote bench/results/bargein.json (${rows.length} scenarios)`);
}

/** How long the agent stood paused in false alarms (pause to resume). */
function pausedMs(result: SimulationResult): number {
  let total = 0;
  let pausedAt: number | null = null;
  for (const e of result.events) {
    if (e.type === 'paused') pausedAt = e.tMs;
    if (e.type === 'falseInterruption' && pausedAt !== null) {
      total += e.tMs - pausedAt;
      pausedAt = null;
    }
  }
  return total;
}

/** Duck latencies are measured only where a voice onset precedes the duck. */
function r0(v: number): boolean {
  return v >= 0;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
