/**
 * Turns barge-in marks into what the timeline strip draws: agent-speaking spans, user-speech
 * spans (open spans run to `nowMs`), and point events (duck, pause, resume, interrupt,
 * false alarm).
 */
import type { BargeInMark, BargeInMarkKind } from '../../../electron/contract/index';

export interface Span {
  fromMs: number;
  toMs: number;
  /** Still going at nowMs. */
  open: boolean;
}

export type PointKind = Exclude<BargeInMarkKind, 'agentStart' | 'agentStop' | 'userStart' | 'userStop'>;

export interface TimelineModel {
  agent: Span[];
  user: Span[];
  points: Array<{ tMs: number; kind: PointKind }>;
}

function spansOf(marks: readonly BargeInMark[], start: BargeInMarkKind, stop: BargeInMarkKind, fromMs: number, nowMs: number): Span[] {
  const spans: Span[] = [];
  let openAt: number | null = null;
  for (const mark of marks) {
    if (mark.kind === start && openAt === null) openAt = mark.tMs;
    else if (mark.kind === stop) {
      // A stop without a start inside the window: the span began before the window.
      spans.push({ fromMs: openAt ?? fromMs, toMs: mark.tMs, open: false });
      openAt = null;
    }
  }
  if (openAt !== null) spans.push({ fromMs: openAt, toMs: nowMs, open: true });
  return spans.filter((s) => s.toMs >= fromMs).map((s) => ({ ...s, fromMs: Math.max(s.fromMs, fromMs) }));
}

export function timelineModel(marks: readonly BargeInMark[], nowMs: number, windowMs: number): TimelineModel {
  const fromMs = nowMs - windowMs;
  return {
    agent: spansOf(marks, 'agentStart', 'agentStop', fromMs, nowMs),
    user: spansOf(marks, 'userStart', 'userStop', fromMs, nowMs),
    points: marks
      .filter((m): m is BargeInMark & { kind: PointKind } => !['agentStart', 'agentStop', 'userStart', 'userStop'].includes(m.kind))
      .filter((m) => m.tMs >= fromMs)
      .map((m) => ({ tMs: m.tMs, kind: m.kind })),
  };
}
