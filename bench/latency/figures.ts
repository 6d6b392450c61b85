/**
 * The latency benchmark's arithmetic: per-turn figures from a budget, and p50/p95 tables.
 *
 * App overhead = end to end − the models' time on the critical path − the configured
 * end-of-turn silence. The critical path, with the user's pause (the voice quiet 96 ms, where
 * the final transcript is asked: user-input.ts) and the end-of-turn window (W) both configured waits:
 * - without preemptive generation: max(W, gap + STT) + LLM to first clause + TTS first audio;
 * - with it (the model runs inside the window): max(W, gap + STT + LLM + TTS).
 * So the VAD's own lag in seeing the voice end (beyond those 96 ms) counts as app overhead (it is ours).
 * LLM and STT times are the scripted servers' configured delays (plus the token stream up to
 * the first clause); the TTS time is what the real local TTS took for this turn (request →
 * first audio), counted in full as model time.
 */
import { stageTotals, type LatencyBudget } from '../../electron/engine/agent/latency-budget.js';
import { percentile } from '../providers-stats.js';

export interface TurnFigures {
  preemptive: boolean;
  /** True voice end (from the audio) → first sample written to the device. */
  endToEndMs: number;
  /** The VAD's voice-end estimate minus the true one. */
  vadEdgeErrorMs: number;
  modelsMs: { stt: number; llm: number; tts: number };
  idealMs: number;
  overheadMs: number;
  stages: Record<string, number>;
}

export interface TurnConfig {
  sttMs: number;
  llmFirstClauseMs: number;
  /** Quiet after the voice before the final transcript is asked (the user's pause). */
  finalAskedAfterMs: number;
  windowMs: number;
}

export function turnFigures(budget: LatencyBudget, trueVoiceEndMs: number, c: TurnConfig): TurnFigures {
  const m = budget.marks;
  const tts = m.ttsFirstAudio !== undefined && m.ttsRequest !== undefined ? m.ttsFirstAudio - m.ttsRequest : 0;
  const endToEndMs = m.firstWrite! - trueVoiceEndMs;
  const afterRelease = c.finalAskedAfterMs + c.sttMs;
  const idealMs = budget.preemptive
    ? Math.max(c.windowMs, afterRelease + c.llmFirstClauseMs + tts)
    : Math.max(c.windowMs, afterRelease) + c.llmFirstClauseMs + tts;
  const stages = stageTotals(budget) as Record<string, number>;
  return {
    preemptive: budget.preemptive,
    endToEndMs,
    vadEdgeErrorMs: m.voiceEnd! - trueVoiceEndMs,
    modelsMs: { stt: c.sttMs, llm: c.llmFirstClauseMs, tts },
    idealMs,
    overheadMs: endToEndMs - idealMs,
    stages,
  };
}

export interface Row {
  name: string;
  p50: number;
  p95: number;
}

export function summarize(turns: TurnFigures[]): Row[] {
  const row = (name: string, xs: number[]): Row => ({ name, p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)) });
  const stageNames = [...new Set(turns.flatMap((t) => Object.keys(t.stages)))];
  return [
    ...stageNames.map((s) =>
      row(
        `stage ${s}`,
        turns.map((t) => t.stages[s] ?? 0),
      ),
    ),
    row(
      'TTS first audio (model)',
      turns.map((t) => t.modelsMs.tts),
    ),
    row(
      'VAD edge error',
      turns.map((t) => t.vadEdgeErrorMs),
    ),
    row(
      'ideal (models + windows)',
      turns.map((t) => t.idealMs),
    ),
    row(
      'end to end',
      turns.map((t) => t.endToEndMs),
    ),
    row(
      'app overhead',
      turns.map((t) => t.overheadMs),
    ),
  ];
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x) : NaN;
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  for (const r of rows) console.log(`  ${r.name.padEnd(28)} p50 ${String(r.p50).padStart(6)} ms   p95 ${String(r.p95).padStart(6)} ms`);
}
