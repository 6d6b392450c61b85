/**
 * The metrics panel's latency bars: one stacked bar per answered turn, end of the user's
 * voice → the agent's first sample, each stage a segment whose width is its share of a common
 * scale (so turns compare at a glance).
 */
import type { LatencyBudgetEvent, LatencyStage } from '../../../electron/contract/index';

/** Words and colours per stage; the colours stay apart for common colour-vision deficiencies (blue/orange pairs). */
export const STAGE_LOOK: Record<LatencyStage, { label: string; color: string }> = {
  vad: { label: 'Pause detection', color: '#8c8c86' },
  stt: { label: 'Recognizer', color: '#e69f00' },
  turn: { label: 'End-of-turn wait', color: '#c8c8c0' },
  llm: { label: 'Model first word', color: '#0072b2' },
  clause: { label: 'First phrase', color: '#56b4e9' },
  tts: { label: 'Voice', color: '#009e73' },
  playback: { label: 'Playback', color: '#cc79a7' },
  app: { label: 'App', color: '#d55e00' },
};

/** The scale never shrinks below 1 s, so a fast turn looks fast rather than full width. */
const MIN_SCALE_MS = 1000;

export interface BarSegment {
  stage: LatencyStage;
  label: string;
  color: string;
  ms: number;
  /** Percent of the bar's width. */
  widthPct: number;
}

export interface LatencyBar {
  turnId: string;
  totalMs: number;
  preemptive: boolean;
  segments: BarSegment[];
  /** "912 ms: Pause detection 330, Recognizer 180, …" for screen readers and the tooltip. */
  description: string;
}

export function latencyBars(budgets: readonly LatencyBudgetEvent[]): LatencyBar[] {
  const scaleMs = Math.max(MIN_SCALE_MS, ...budgets.map((b) => b.totalMs));
  return budgets.map((b) => {
    const segments = b.segments.filter((s) => s.ms > 0).map((s) => ({ stage: s.stage, ...STAGE_LOOK[s.stage], ms: s.ms, widthPct: (s.ms / scaleMs) * 100 }));
    const parts = segments.map((s) => `${s.label} ${Math.round(s.ms)}`).join(', ');
    const early = b.preemptive ? ' (answer prepared early)' : '';
    return { turnId: b.turnId, totalMs: b.totalMs, preemptive: b.preemptive, segments, description: `${Math.round(b.totalMs)} ms${early}: ${parts}` };
  });
}

/** The stages that occur in these turns, for the legend. */
export function legendStages(bars: readonly LatencyBar[]): { stage: LatencyStage; label: string; color: string }[] {
  const seen = new Set(bars.flatMap((b) => b.segments.map((s) => s.stage)));
  return (Object.keys(STAGE_LOOK) as LatencyStage[]).filter((s) => seen.has(s)).map((s) => ({ stage: s, ...STAGE_LOOK[s] }));
}
