/**
 * The barge-in lifecycle marks (ducked, paused, resumed, unducked) as the session reports them: the `bargeIn`
 * event for timelines and the renderer, and the barge-in latency timer (metrics.ts), which counts from the voice's onset.
 */
import type { BargeInController } from '../turn/barge-in-controller.js';
import type { AgentSessionEvents } from './events.js';
import type { BargeInTimer } from './metrics.js';

export function followBargeInMarks(
  controller: BargeInController,
  timer: BargeInTimer,
  emit: (mark: AgentSessionEvents['bargeIn'][0]) => void,
  /** The onset of the user's latest speech (the voice's start), if any. */
  lastOnsetMs: () => number | null,
): void {
  controller.on('ducked', ({ tMs, tentative }) => {
    timer.onDucked(tentative ? tMs : (lastOnsetMs() ?? tMs));
    emit({ tMs, type: 'ducked', tentative });
  });
  controller.on('paused', ({ tMs }) => {
    timer.onPaused(tMs);
    emit({ tMs, type: 'paused' });
  });
  controller.on('resumed', ({ tMs }) => {
    timer.onResumed();
    emit({ tMs, type: 'resumed' });
  });
  controller.on('unducked', ({ tMs, withdrawn }) => {
    timer.onRecovered();
    emit({ tMs, type: 'unducked', withdrawn });
  });
}
