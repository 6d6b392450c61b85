/**
 * npm run bench:bargein [-- --quick] [-- --only REGEX] [-- --room-noise -50 [-- --room-noise-colour pink]] [-- --wer 0.1] [-- --modes oracle,streaming,none] [-- --conversation '{"speakingInterruptDurationMs":180}'] [-- --out NAME.json] [-- --worst N] [-- --no-fresh] [-- --set FILE]
 * Runs the labelled set of bench/bargein-corpus.ts through the simulate path (real Silero VAD,
 * echo guard, barge-in controller, playback queue) with default settings, three ways: an
 * oracle recognizer (each word as it is spoken), a streaming recognizer's lag (sherpa
 * Zipformer chunking, see recognizer-model.ts) and no recognizer at all. Prints the figures
 * per mode, for the tuning and the held-out part (with where a backchannel's pause goes: the voice
 * still to come after the pause, and the wait after the voice's end, where the paused time goes: before any word, words on the way, after the voice, paused again, with the floors of going on at the voice's end or at the first word (bargein-pause-breakdown.ts), and the N longest pauses: `--worst N`, 15 by default),
 * and writes bench/results/bargein.json. Paused time is what the output did (every resume counts; see observed-playback.ts).
 * `--wer P` gives the streaming recognizer a word error rate (seeded per case); `--no-aec` turns
 * the echo canceller off (audio.echoCancellation) and `--aec` on, to tell its effect from the decider's; `--modes`
 * runs only some modes; `--room-noise DBFS` puts every case in a room with steady noise at that level (white, or `--room-noise-colour pink|brown`); `--only` keeps the cases whose name or label matches (to look at a few); `--conversation` overrides conversation settings (JSON) to try a trade-off.
 * The fresh group (bargein-fresh.ts: phrases and voices nobody tuned on, two halves) runs too unless `--no-fresh`; its figures are
 * reported apart, so "all" stays the tuning and held-out set.
 * `--set FILE` runs a phrase file instead of the corpus (bargein-set.ts: `[backchannel]` / `[interruption]` lines, e.g.
 * bench/bargein-fresh-set-d.txt), each phrase in two voices no other case uses, reported by half (odd / even lines).
 * It reports; it never fails on a figure. Wall time is not a figure here (simulated clock).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../electron/engine/agent/simulate/run-scenario.js';
import { parseScenario } from '../electron/engine/agent/simulate/scenario.js';
import { synthesizeTexts } from '../electron/engine/agent/simulate/synthesize.js';
import { loadResamplerFactory } from '../electron/engine/audio/resampler.js';
import { SileroVadModel } from '../electron/engine/vad/silero-vad-model.js';
import { buildCorpus } from './bargein-corpus.js';
import { setCases } from './bargein-set.js';
import { freshLine, summarize, table, pausedMs, voiceLengthMs, worstPauses, type Row } from './bargein-metrics.js';
import { breakdownLine, breakdownOf } from './bargein-pause-breakdown.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AGENT = 'The next train to Edinburgh leaves at nine fifteen from platform four, and it calls at York and Newcastle before arriving just after one.';
const REPLY = 'Okay.';
const ALL_MODES = ['oracle', 'streaming', 'none'] as const;
const TIMELINE = [
  'ducked',
  'outputPaused',
  'outputResumed',
  'outputCleared',
  'falseInterruption',
  'unducked',
  'interrupted',
  'recognized',
  'vadGap',
  'vadGapEnd',
  'userStartedSpeaking',
  'userStoppedSpeaking',
];
const MODE_NAMES = { oracle: 'oracle words', streaming: 'realistic lag (streaming recognizer)', none: 'no recognizer' };

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const worstAt = process.argv.indexOf('--worst');
  const worstN = worstAt >= 0 ? Number(process.argv[worstAt + 1]) : 15;
  const werAt = process.argv.indexOf('--wer');
  const wer = werAt >= 0 ? Number(process.argv[werAt + 1]) : 0;
  const conversationAt = process.argv.indexOf('--conversation');
  const settings = {
    ...(process.argv.includes('--no-aec') ? { audio: { echoCancellation: false } } : {}),
    ...(process.argv.includes('--aec') ? { audio: { echoCancellation: true } } : {}),
    ...(conversationAt >= 0 ? { conversation: JSON.parse(process.argv[conversationAt + 1]!) as Record<string, unknown> } : {}),
  };
  const roomAt = process.argv.indexOf('--room-noise');
  const roomNoiseDbfs = roomAt >= 0 ? Number(process.argv[roomAt + 1]) : undefined;
  const colourAt = process.argv.indexOf('--room-noise-colour');
  const roomNoiseColour = colourAt >= 0 ? process.argv[colourAt + 1] : undefined;
  const modesAt = process.argv.indexOf('--modes');
  const MODES = modesAt >= 0 ? ALL_MODES.filter((m) => process.argv[modesAt + 1]!.split(',').includes(m)) : ALL_MODES;
  if (!(wer >= 0 && wer <= 1)) throw new Error(`--wer must be a number from 0 to 1 (got ${process.argv[werAt + 1]}).`);
  const dir = mkdtempSync(join(tmpdir(), 'bargein-'));
  const setAt = process.argv.indexOf('--set');
  const { cases: all, voices } =
    setAt >= 0
      ? { cases: setCases(process.argv[setAt + 1]!, dir), voices: [`set ${process.argv[setAt + 1]}: espeak-ng en-gb-x-gbcwmd+Andy, en-us+Annie`] }
      : await buildCorpus(dir, ROOT, { fresh: !process.argv.includes('--no-fresh') });
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? new RegExp(process.argv[onlyAt + 1]!, 'i') : null;
  const cases = (quick ? all.filter((_, i) => i % 4 === 0) : all).filter((c) => only === null || only.test(c.name) || only.test(c.label));
  const speech = await synthesizeTexts([AGENT, REPLY], 'slt');
  const vadModel = await SileroVadModel.load();
  const resamplers = await loadResamplerFactory();
  const results: Record<string, Row[]> = {};
  for (const mode of MODES) {
    const rows: Row[] = [];
    for (const [index, c] of cases.entries()) {
      // Echo-only cases have no words: one run serves every mode.
      const shared = c.label === 'echo' && mode !== MODES[0] ? results[MODES[0]!]!.find((r) => r.case === c) : undefined;
      if (shared) {
        rows.push(shared);
        continue;
      }
      const recognizer = mode === 'streaming' && wer > 0 ? { mode, wordErrorRate: wer, seed: index + 1 } : mode;
      const scenario = parseScenario(
        { agentSays: AGENT, agentReplies: [REPLY], tailMs: 2500, recognizer, settings, roomNoiseDbfs, roomNoiseColour, ...c.scenario },
        dir,
        c.name,
      );
      rows.push({ case: c, result: await runScenario(scenario, { speech, vadModel, resamplers }) });
    }
    results[mode] = rows;
  }
  await vadModel.close();

  const utterances = cases.filter((c) => c.words > 0).length;
  console.log(
    `\nBarge-in benchmark: ${cases.length} scenarios (${utterances} spoken utterances), default settings, Silero VAD${roomNoiseDbfs === undefined ? '' : `, room noise ${roomNoiseDbfs} dBFS ${roomNoiseColour ?? 'white'}`}.`,
  );
  console.log(`Voices: ${voices.join(', ')}\n`);
  const out: Record<string, unknown> = {};
  for (const mode of MODES) {
    // "all" stays the tuning and held-out set it always was; the fresh group (or a --set file) is reported on its own, by half.
    const grouped = (r: Row) => r.case.set.startsWith('fresh') || r.case.set.startsWith('set');
    const rows = results[mode]!.filter((r) => !grouped(r));
    const fresh = results[mode]!.filter(grouped);
    const tune = summarize(rows.filter((r) => r.case.set === 'tune'));
    const holdout = summarize(rows.filter((r) => r.case.set === 'holdout'));
    const everything = summarize(rows);
    const [nameA, nameB] = setAt >= 0 ? ['1', '2'] : ['A', 'B'];
    const freshA = summarize(fresh.filter((r) => r.case.set === (setAt >= 0 ? 'set-1' : 'fresh-a')));
    const freshB = summarize(fresh.filter((r) => r.case.set === (setAt >= 0 ? 'set-2' : 'fresh-b')));
    const groups = setAt >= 0 ? { set1: freshA, set2: freshB } : { freshA, freshB };
    const pauseBreakdown = { all: breakdownOf(rows), ...(fresh.length > 0 ? { group: breakdownOf(fresh) } : {}) };
    out[mode] = { all: everything, tune, holdout, ...(fresh.length > 0 ? groups : {}), pauseBreakdown };
    console.log(`== ${MODE_NAMES[mode]}${mode === 'streaming' && wer > 0 ? `, word error rate ${wer}` : ''} ==`);
    console.log('label              n  expected     wrong  paused p50/p95 (ms)  inaudible p50/p95 from voice (ms)');
    for (const line of table(rows)) console.log(line);
    if (fresh.length > 0) {
      console.log(
        setAt >= 0
          ? `set ${process.argv[setAt + 1]} (its header says which half guided which fixes):`
          : 'fresh group (phrases and voices nobody tuned on; see bargein-fresh.ts for which half guided which fixes):',
      );
      for (const line of table(fresh)) console.log(line);
      for (const [half, s] of [
        [nameA, freshA],
        [nameB, freshB],
      ] as const)
        console.log(`  half ${half}: ${freshLine(s)}`);
    }
    console.log(`where the backchannels' paused time goes: ${breakdownLine(rows)}`);
    if (fresh.length > 0) console.log(`  the same, ${setAt >= 0 ? 'the set' : 'the fresh group'}: ${breakdownLine(fresh)}`);
    console.log(`longest backchannel pauses (ms): paused, voice length, first pause (from the voice), voice after it, last resume - voice end`);
    for (const line of worstPauses(rows, worstN)) console.log(line);
    console.log(
      JSON.stringify(
        {
          all: everything,
          holdout: {
            trueInterruptionInaudibleFromVoiceMs: holdout.trueInterruptionInaudibleFromVoiceMs,
            falseStops: holdout.falseStops,
            missed: holdout.missed,
            backchannelPausedMs: holdout.backchannelPausedMs,
            backchannelPauseParts: holdout.backchannelPauseParts,
          },
          ...(fresh.length > 0 ? groups : {}),
        },
        null,
        2,
      ),
    );
    console.log('');
  }

  const resultsDir = join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const perCase = cases.map((c, i) => ({
    name: c.name,
    label: c.label,
    set: c.set,
    shouldInterrupt: c.shouldInterrupt,
    ...Object.fromEntries(
      MODES.map((m) => {
        const r = results[m]![i]!.result;
        const onset = r.voiceOnsetsMs[0] ?? 0;
        return [
          m,
          {
            voiceMs: voiceLengthMs(r),
            // What the barge-in did, from the voice onset: enough to see where a pause's time went.
            timeline: r.events
              .filter((e) => TIMELINE.includes(e.type))
              .map((e) => `${e.tMs - onset} ${e.type}${e.type === 'recognized' ? ` ${e.final ? 'final' : 'interim'} "${String(e.text)}"` : ''}`),
            interrupted: r.interrupted,
            strategy: r.strategy,
            inaudibleFromVoiceMs: r.bargeInLatencyFromVoiceMs,
            pausedMs: pausedMs(r),
            falseInterruptions: r.falseInterruptions,
          },
        ];
      }),
    ),
  }));
  const outAt = process.argv.indexOf('--out');
  const outName = outAt >= 0 ? process.argv[outAt + 1]! : 'bargein.json';
  writeFileSync(
    join(resultsDir, outName),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        quick,
        wordErrorRate: wer,
        roomNoiseDbfs: roomNoiseDbfs ?? null,
        roomNoiseColour: roomNoiseDbfs === undefined ? null : (roomNoiseColour ?? 'white'),
        settings,
        voices,
        summary: out,
        cases: perCase,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`wrote bench/results/${outName} (${cases.length} scenarios x ${MODES.length} modes)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
