/**
 * Where a backchannel's paused time goes (issue 15 part 4), from what the output did and when words were shown:
 * - `beforeWordsMs`: the first pause while the voice still runs and no word has been shown yet (a streaming
 *   recognizer's first interim comes ~450 ms into the speech, recognizer-model.ts): no rule that reads words can act;
 * - `wordsOnTheWayMs`: the first pause while the voice runs and words are shown but do not yet let the agent go on;
 * - `afterVoiceMs`: the first pause after the voice's end (the pause detection, the final, the held opener's wait);
 * - `pausedAgainMs`: every later pause (the agent went on, then paused again: the voice came back after a gap, or the
 *   mid-voice wait ran out).
 * And two floors for the same case: the pause had the agent gone on exactly at the voice's end
 * (`resumeAtVoiceEndMs`), and at the first word shown (`resumeAtFirstWordMs`, null when no word came): what a
 * rule that decides at the end of the words, or on the very first word, could at best leave.
 */
import { BACKCHANNELS } from './bargein-corpus.js';
import { pauseSpans, percentile, voiceLengthMs, type Row } from './bargein-metrics.js';

export interface PauseBreakdown {
  beforeWordsMs: number;
  wordsOnTheWayMs: number;
  afterVoiceMs: number;
  pausedAgainMs: number;
  resumeAtVoiceEndMs: number;
  resumeAtFirstWordMs: number | null;
}

interface Event {
  tMs: number;
  type: string;
  [detail: string]: unknown;
}

/** Length of [from, to) inside [lo, hi). */
const overlap = (from: number, to: number, lo: number, hi: number) => Math.max(0, Math.min(to, hi) - Math.max(from, lo));

/** Null when the agent never paused. `voice`: first to last voiced 10 ms of the user's clip; `durationMs`: the run's end. */
export function pauseBreakdown(events: Event[], voice: { startMs: number; endMs: number }, durationMs: number): PauseBreakdown | null {
  const spans = pauseSpans({ events, traces: { durationMs } as never });
  if (spans.length === 0) return null;
  const [first, ...later] = spans as [{ fromMs: number; toMs: number }, ...{ fromMs: number; toMs: number }[]];
  const wordAt = events.find((e) => e.type === 'recognized' && String(e.text ?? '').trim() !== '')?.tMs ?? null;
  const wordsFrom = wordAt ?? Infinity;
  return {
    beforeWordsMs: overlap(first.fromMs, first.toMs, -Infinity, Math.min(voice.endMs, wordsFrom)),
    wordsOnTheWayMs: overlap(first.fromMs, first.toMs, wordsFrom, voice.endMs),
    afterVoiceMs: overlap(first.fromMs, first.toMs, voice.endMs, Infinity),
    pausedAgainMs: later.reduce((sum, s) => sum + s.toMs - s.fromMs, 0),
    resumeAtVoiceEndMs: Math.max(0, voice.endMs - first.fromMs),
    resumeAtFirstWordMs: wordAt === null ? null : Math.max(0, wordAt - first.fromMs),
  };
}

/** Over the backchannels that kept the agent talking: each part's sum and share, and the floors' p50/p95. */
export function breakdownOf(rows: Row[]) {
  const parts = rows
    .filter((r) => BACKCHANNELS.includes(r.case.label) && !r.result.interrupted)
    .map((r) => {
      const startMs = r.result.voiceOnsetsMs[0];
      const length = voiceLengthMs(r.result);
      return startMs === undefined || length === null
        ? null
        : pauseBreakdown(r.result.events, { startMs, endMs: startMs + length }, r.result.traces.durationMs);
    })
    .filter((p) => p !== null);
  const sum = (key: 'beforeWordsMs' | 'wordsOnTheWayMs' | 'afterVoiceMs' | 'pausedAgainMs') => parts.reduce((s, p) => s + p[key], 0);
  const sums = {
    beforeWordsMs: sum('beforeWordsMs'),
    wordsOnTheWayMs: sum('wordsOnTheWayMs'),
    afterVoiceMs: sum('afterVoiceMs'),
    pausedAgainMs: sum('pausedAgainMs'),
  };
  const floor = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) });
  return {
    paused: parts.length,
    sumsMs: sums,
    resumeAtVoiceEndMs: floor(parts.map((p) => p.resumeAtVoiceEndMs)),
    resumeAtFirstWordMs: floor(parts.map((p) => p.resumeAtFirstWordMs).filter((v) => v !== null)),
  };
}

/** One line: where the paused time of these backchannels goes, and the two floors. */
export function breakdownLine(rows: Row[]): string {
  return describeBreakdown(breakdownOf(rows));
}

/** The floors read "null" when there is nothing to take them over: say what is missing instead. */
export function describeBreakdown(b: ReturnType<typeof breakdownOf>): string {
  if (b.paused === 0) return 'no backchannel paused the agent';
  const total = Object.values(b.sumsMs).reduce((s, v) => s + v, 0);
  const share = (v: number) => `${total === 0 ? 0 : Math.round((100 * v) / total)}%`;
  return [
    `${b.paused} paused: voice runs before any word ${share(b.sumsMs.beforeWordsMs)}, words on the way ${share(b.sumsMs.wordsOnTheWayMs)}`,
    `after the voice's end ${share(b.sumsMs.afterVoiceMs)}, paused again ${share(b.sumsMs.pausedAgainMs)} (of ${total} ms)`,
    `floors p50/p95: going on at the voice's end ${b.resumeAtVoiceEndMs.p50}/${b.resumeAtVoiceEndMs.p95} ms, ${b.resumeAtFirstWordMs.p50 === null ? 'no word shown' : `at the first word ${b.resumeAtFirstWordMs.p50}/${b.resumeAtFirstWordMs.p95} ms`}`,
  ].join('; ');
}
