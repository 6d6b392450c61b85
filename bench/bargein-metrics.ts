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

/**
 * The spans the agent's output stood paused and then went on (a false alarm's cost), from what the
 * output did (simulate's ObservedPlayback): every resume counts, also a second one inside an attempt.
 * A pause that ended in a cut is the interruption, not disruption. One never ended runs to the end.
 */
export function pauseSpans(result: Pick<SimulationResult, 'events' | 'traces'>): { fromMs: number; toMs: number }[] {
  const spans: { fromMs: number; toMs: number }[] = [];
  let pausedAt: number | null = null;
  for (const e of result.events) {
    if (e.type === 'outputPaused') pausedAt = e.tMs;
    if (pausedAt === null) continue;
    if (e.type === 'outputResumed') spans.push({ fromMs: pausedAt, toMs: e.tMs });
    if (e.type === 'outputResumed' || e.type === 'outputCleared') pausedAt = null;
  }
  if (pausedAt !== null) spans.push({ fromMs: pausedAt, toMs: result.traces.durationMs });
  return spans;
}

/**
 * How long the agent was heard again after it first paused (it went on, ducked, and paused or was cut later), in ms: for
 * a true interruption, what the time to inaudible does not tell apart (a 100 ms resume in the person's comma pause
 * counts there as much as a second of the agent talking on).
 */
export function heardAgainMs(result: Pick<SimulationResult, 'events'>): number {
  let heard = 0;
  let paused = false;
  let since: number | null = null;
  for (const e of result.events) {
    // A cut while the agent plays is told only as the interruption (observed-playback.ts tells a cut while paused).
    if ((e.type === 'outputPaused' || e.type === 'outputCleared' || e.type === 'interrupted') && since !== null) {
      heard += e.tMs - since;
      since = null;
    }
    if (e.type === 'outputPaused') paused = true;
    if (e.type === 'outputResumed' && paused) since = e.tMs;
  }
  return heard;
}

/** How long the agent stood paused without being cut, in ms. */
export function pausedMs(result: Pick<SimulationResult, 'events' | 'traces'>): number {
  return pauseSpans(result).reduce((sum, s) => sum + s.toMs - s.fromMs, 0);
}

/** How long the user's voice ran (first to last voiced 10 ms of the user's clips), in ms. */
export function voiceLengthMs(result: SimulationResult): number | null {
  const span = voicedSpan(result.traces.user);
  return span ? span.endMs - span.startMs : null;
}

/**
 * Where a backchannel's pause goes: the voice still to come after the agent first paused, and the
 * wait from the voice's end to the last resume (recognizer lag, the pause detection), in ms;
 * `midVoice`: the last resume came while the voice still ran (words that were already a
 * backchannel). Null when never paused and resumed.
 */
export function pauseParts(result: SimulationResult): { voiceAfterPauseMs: number; afterVoiceMs: number; midVoice: boolean } | null {
  const onset = result.voiceOnsetsMs[0];
  const length = voiceLengthMs(result);
  const spans = pauseSpans(result);
  if (onset === undefined || length === null || spans.length === 0) return null;
  const voiceEnd = onset + length;
  const resumedMs = spans.at(-1)!.toMs;
  return { voiceAfterPauseMs: Math.max(0, voiceEnd - spans[0]!.fromMs), afterVoiceMs: resumedMs - voiceEnd, midVoice: resumedMs < voiceEnd - 30 };
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
  const mustNotMiss = truth.filter((r) => r.case.label !== 'two-word' && r.case.label !== 'one-word');
  return {
    scenarios: rows.length,
    trueInterruptionInaudibleFromVoiceMs: dist(latency),
    trueInterruptionHeardAgainMs: dist(hits.map((r) => heardAgainMs(r.result))),
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
      oneWordNoForce: {
        missed: of(['one-word'])
          .filter((r) => !r.result.interrupted)
          .map((r) => r.case.name),
        of: of(['one-word']).length,
      },
    },
    backchannelPausedMs: { ...dist(backchannels.map((r) => pausedMs(r.result))), paused: backchannels.filter((r) => pausedMs(r.result) > 0).length },
    backchannelPauseParts: partsOf(backchannels.filter((r) => !r.result.interrupted)),
    staleSamplesAfterCancel: rows.reduce((n, r) => n + r.result.staleSamplesAfterCancel, 0),
  };
}

export type Summary = ReturnType<typeof summarize>;

/** One line of a group's figures: false stops, misses, inaudible and paused. */
export function freshLine(s: Summary): string {
  const stops = s.falseStops.backchannelInList.length + s.falseStops.backchannelOutOfList.length;
  const lat = s.trueInterruptionInaudibleFromVoiceMs;
  const paused = s.backchannelPausedMs;
  return [
    `false stops ${stops} of ${paused.n} backchannels`,
    `missed ${s.missed.threePlusWordsOrForce.length} (3+ words or force), 2-word ${s.missed.twoWord.missed.length}/${s.missed.twoWord.of}, 1-word ${s.missed.oneWordNoForce.missed.length}/${s.missed.oneWordNoForce.of}`,
    `inaudible p50/p95 ${lat.p50}/${lat.p95} ms (n ${lat.n}), heard again after the first pause p95/max ${s.trueInterruptionHeardAgainMs.p95}/${s.trueInterruptionHeardAgainMs.max} ms`,
    `paused p50/p95 ${paused.p50}/${paused.p95} ms`,
  ].join('; ');
}

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

/** The `n` longest backchannel pauses, one line each: where the time went, and which set the case is in. */
export function worstPauses(rows: Row[], n: number): string[] {
  const onset = (r: Row) => r.result.voiceOnsetsMs[0] ?? 0;
  return rows
    .filter((r) => BACKCHANNELS.includes(r.case.label) && !r.result.interrupted)
    .map((r) => ({ r, paused: pausedMs(r.result), spans: pauseSpans(r.result), voice: voiceLengthMs(r.result) }))
    .filter((x) => x.paused > 0)
    .sort((a, b) => b.paused - a.paused)
    .slice(0, n)
    .map(({ r, paused, spans, voice }) => {
      const first = spans[0]!.fromMs - onset(r);
      const after = voice === null ? '-' : String(Math.max(0, voice - first));
      const wait = voice === null ? '-' : String(spans.at(-1)!.toMs - onset(r) - voice);
      const repaused = spans.length > 1 ? `, paused ${spans.length} times` : '';
      return `  ${String(paused).padStart(5)}  voice ${String(voice ?? '-').padStart(4)}  at ${String(first).padStart(3)}  after ${after.padStart(4)}  wait ${wait.padStart(4)}  ${r.case.set.padEnd(7)} ${r.case.name}${repaused}`;
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
