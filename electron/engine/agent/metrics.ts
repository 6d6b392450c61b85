/**
 * Barge-in latency: from the user's speech onset to the agent being inaudible (the pause or
 * the clear, whichever came first in that attempt, plus the output latency still in the
 * device). Time to first audio: from the end of the user's turn to the reply's first sample.
 */
export class BargeInTimer {
  private onsetMs: number | null = null;
  private pausedMs: number | null = null;

  onDucked(onsetMs: number): void {
    this.onsetMs = onsetMs;
    this.pausedMs = null;
  }

  onPaused(tMs: number): void {
    this.pausedMs ??= tMs;
  }

  /** The agent went on after that pause: a cut later is inaudible from its own, later pause. */
  onResumed(): void {
    this.pausedMs = null;
  }

  onRecovered(): void {
    this.onsetMs = null;
    this.pausedMs = null;
  }

  /** The latency of a voice interruption, or null when there was no onset (manual). */
  onInterrupted(tMs: number, onsetMs: number | null, outputLatencyMs: number): number | null {
    const onset = onsetMs ?? this.onsetMs;
    const inaudible = Math.min(tMs, this.pausedMs ?? tMs);
    this.onRecovered();
    return onset === null ? null : Math.max(0, inaudible - onset) + outputLatencyMs;
  }
}
