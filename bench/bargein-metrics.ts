/** The figures bench:bargein reports for one recognizer mode. */
import type { SimulationResult } from '../electron/engine/agent/simulate/run-scenario.js';
import { voicedSpan } from '../electron/engine/agent/simulate/mic-mixer.js';
import { BACKCHANNELS, type Case, type Label } from './bargein-corpus.js';

export interface Row {
  case: Case;
  result: SimulationResult;
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** How long the agent stood paused without being cut (a false alarm's cost), in ms. */
export function pausedMs(result: SimulationResult): number {
  let total = 0;
  let pausedAt: number | null = null;
  for (const e of result.events) {
    if (e.type === 'paused' && pausedAt === null) pausedAt = e.tMs;
    const ends = e.type === 'falseInterruption' || e.type === 'unducked' || e.type === 'agentStoppedSpeaking' || e.type === 'interrupted';
    if (ends && pausedAt !== null) {
      if (e.type !== 'interrupted') total += e.tMs - pausedAt;
      pausedAt = null;
    }
  }
  return total;
}

/** How long the user's voice ran (first to last voiced 10 ms of the user's clips), in ms. */
export function voiceLengthMs(result: SimulationResult): number | null {
  const span = voicedSpan(result.traces.user);
  return span ? span.endMs - span.startMs : null;
}

/**
 * Where a backchannel's pause goes: the voice still to come after the agent paused, and the wait
 * from the voice's end to the resume (recognizer lag, the pause detection), in ms; `midVoice`:
 * resumed while the voice still ran (words that were already a backchannel). Null when never paused.
 */
export function pauseParts(result: SimulationResult): { voiceAfterPauseMs: number; afterVoiceMs: number; midVoice: boolean } | null {
  const onset = result.voiceOnsetsMs[0];
  const length = voiceLengthMs(result);
  const paused = result.events.find((e) => e.type === 'paused');
  if (onset === undefined || length === null || paused === undefined) return null;
  const resumed = result.events.find((e) => e.tMs >= paused.tMs && (e.type === 'falseInterruption' || e.type === 'unducked'));
  if (resumed === undefined) return null;
  const voiceEnd = onset + length;
  return { voiceAfterPauseMs: Math.max(0, voiceEnd - paused.tMs), afterVoiceMs: resumed.tMs - voiceEnd, midVoice: resumed.tMs < voiceEnd - 30 };
}

const dist = (values: number[]) => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  max: values.length ? Math.max(...values) : null,
  n: values.length,
});

export function summarize(rows: Row[]) {
  const of = (labels: readonly Label[]) => rows.filter((r) => labels.includes(r.case.label));
  const truth = rows.filter((r) => r.case.shouldInterrupt);
  const hits = truth.filter((r) => r.result.interrupted && r.result.reason === 'voice');
  const latency = hits.map((r) => r.result.bargeInLatencyFromVoiceMs).filter((v): v is number => v !== null);
  const backchannels = of(BACKCHANNELS);
  const falseStops = (labels: readonly Label[]) =>
    of(labels)
      .filter((r) => r.result.interrupted)
      .map((r) => r.case.name);
  const mustNotMiss = truth.filter((r) => r.case.label !== 'two-word');
  return {
    scenarios: rows.length,
    trueInterruptionInaudibleFromVoiceMs: dist(latency),
    falseStops: {
      backchannelInList: falseStops(['backchannel-in']),
      backchannelOutOfList: falseStops(['backchannel-out']),
      laugh: falseStops(['laugh']),
      coughOrNoise: falseStops(['cough', 'noise']),
      echo: falseStops(['echo']),
    },
    missed: {
      threePlusWordsOrForce: mustNotMiss.filter((r) => !r.result.interrupted).map((r) => r.case.name),
      twoWord: {
        missed: of(['two-word'])
          .filter((r) => !r.result.interrupted)
          .map((r) => r.case.name),
        of: of(['two-word']).length,
      },
    },
    backchannelPausedMs: { ...dist(backchannels.map((r) => pausedMs(r.result))), paused: backchannels.filter((r) => pausedMs(r.result) > 0).length },
    backchannelPauseParts: partsOf(backchannels.filter((r) => !r.result.interrupted)),
    staleSamplesAfterCancel: rows.reduce((n, r) => n + r.result.staleSamplesAfterCancel, 0),
  };
}

export type Summary = ReturnType<typeof summarize>;

/** One line per label: n, wrong decisions, paused p50, latency p50/p95. */
export function table(rows: Row[]): string[] {
  const labels = [...new Set(rows.map((r) => r.case.label))];
  return labels.map((label) => {
    const g = rows.filter((r) => r.case.label === label);
    const wrong = g.filter((r) => r.result.interrupted !== r.case.shouldInterrupt).length;
    const lat = g.map((r) => r.result.bargeInLatencyFromVoiceMs).filter((v): v is number => v !== null && g[0]!.case.shouldInterrupt);
    const paused = g.map((r) => pausedMs(r.result));
    return `${label.padEnd(16)} ${String(g.length).padStart(3)}  ${(g[0]!.case.shouldInterrupt ? 'interrupt' : 'keep talking').padEnd(12)} ${String(wrong).padStart(5)}  ${String(percentile(paused, 50) ?? '-').padStart(6)} / ${String(percentile(paused, 95) ?? '-').padEnd(6)} ${percentile(lat, 50) ?? '-'} / ${percentile(lat, 95) ?? '-'}`;
  });
}

function partsOf(rows: Row[]) {
  const parts = rows.map((r) => pauseParts(r.result)).filter((p) => p !== null);
  return {
    voiceAfterPauseMs: dist(parts.map((p) => p.voiceAfterPauseMs)),
    afterVoiceMs: dist(parts.filter((p) => !p.midVoice).map((p) => p.afterVoiceMs)),
    resumedMidVoice: parts.filter((p) => p.midVoice).length,
  };
}
