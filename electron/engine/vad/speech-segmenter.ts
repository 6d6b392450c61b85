import type { VadOptions } from './vad-options';

export type SegmenterEvent =
  | { type: 'speechStart'; tMs: number }
  | { type: 'speechEnd'; startMs: number; endMs: number }
  | { type: 'misfire'; startMs: number; endMs: number };

/**
 * The hysteresis state machine (a Schmitt trigger) over per-window probabilities, in ms of
 * stream time. Speech starts on the first window at or above `speechThreshold` and lasts
 * while windows stay at or above the lower `releaseThreshold`, so it does not flicker off
 * mid-word. A run of windows below `releaseThreshold` lasting `silenceMs` ends the segment;
 * its end edge is where that run began. A segment shorter than `minSpeechMs` is a misfire
 * (clicks, taps, breaths).
 */
export class SpeechSegmenter {
  private speaking = false;
  private startMs = 0;
  private silenceStartMs: number | null = null;

  constructor(private options: VadOptions) {}

  get isSpeaking(): boolean {
    return this.speaking;
  }

  get speechStartMs(): number | null {
    return this.speaking ? this.startMs : null;
  }

  setOptions(options: VadOptions): void {
    this.options = options;
  }

  /** Feeds one window's probability; returns what happened. */
  feed(p: number, windowStartMs: number, windowEndMs: number): SegmenterEvent[] {
    const { speechThreshold, releaseThreshold, silenceMs } = this.options;
    if (!this.speaking) {
      if (p < speechThreshold) return [];
      this.speaking = true;
      this.startMs = windowStartMs;
      return [{ type: 'speechStart', tMs: windowStartMs }];
    }
    if (p >= releaseThreshold) this.silenceStartMs = null;
    else if (this.silenceStartMs === null) this.silenceStartMs = windowStartMs;
    if (this.silenceStartMs !== null && windowEndMs - this.silenceStartMs >= silenceMs) return [this.end(this.silenceStartMs)];
    return [];
  }

  /** Ends an open segment at `endMs` (end of input). */
  finish(endMs: number): SegmenterEvent[] {
    if (!this.speaking) return [];
    return [this.end(this.silenceStartMs ?? endMs)];
  }

  reset(): void {
    this.speaking = false;
    this.silenceStartMs = null;
  }

  private end(endMs: number): SegmenterEvent {
    this.speaking = false;
    this.silenceStartMs = null;
    const startMs = this.startMs;
    if (endMs - startMs < this.options.minSpeechMs) return { type: 'misfire', startMs, endMs };
    return { type: 'speechEnd', startMs, endMs };
  }
}
