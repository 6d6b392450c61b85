import type { VadOptions } from './vad-options.js';

export type SegmenterEvent =
  | { type: 'speechLikely'; tMs: number }
  | { type: 'speechUnlikely'; tMs: number }
  | { type: 'speechStart'; tMs: number }
  | { type: 'speechGap'; tMs: number }
  | { type: 'speechGapEnd'; tMs: number }
  | { type: 'speechEnd'; startMs: number; endMs: number }
  | { type: 'misfire'; startMs: number; endMs: number };

/**
 * A tentative onset that speech has not confirmed within this long is withdrawn: 5 windows.
 * On the speech fixtures every confirmed onset came within 4, some after two low windows in
 * between (espeak "stop": 0.35, 0.15, 0.22, 0.99), so low windows alone do not withdraw it.
 * After a withdrawal, tentative onsets rest as long again and wait for a window below the
 * threshold, so a steady 0.3-0.5 background ducks the agent once, not on and off.
 */
export const TENTATIVE_MAX_MS = 160;

/**
 * Inside an open segment, this much below `releaseThreshold` is a gap ("speechGap"): the user
 * has probably stopped, though the segment only ends after `silenceMs` (320 ms). 96 ms (three
 * windows): the dips inside a word are one or two windows; the barge-in controller resumes a
 * backchannel here, 224 ms sooner than at the segment's end. Speech again ends the gap.
 */
export const GAP_MS = 96;

/**
 * The hysteresis state machine (a Schmitt trigger) over per-window probabilities, in ms of
 * stream time. Speech starts on the first window at or above `speechThreshold` and lasts
 * while windows stay at or above the lower `releaseThreshold`, so it does not flicker off
 * mid-word. A run of windows below `releaseThreshold` lasting `silenceMs` ends the segment;
 * its end edge is where that run began. A segment shorter than `minSpeechMs` is a misfire
 * (clicks, taps, breaths), counted from the first window at or above `speechThreshold`.
 *
 * Before that, a window at or above `tentativeThreshold` is a tentative onset ("speechLikely"):
 * Silero is often unsure for the first window or two of a word (a fricative like the "s" of
 * "stop" scores 0.3), and the barge-in controller ducks on it, reversibly. If speech follows,
 * the segment starts where the tentative onset did; if not, "speechUnlikely" withdraws it, and
 * a new tentative onset needs the probability to fall below the threshold first (no pumping
 * on a steady 0.3-0.5 background).
 */
export class SpeechSegmenter {
  private speaking = false;
  private startMs = 0;
  /** The first window at or above `speechThreshold`: `minSpeechMs` counts from here, not from a tentative lead-in. */
  private confirmedStartMs = 0;
  private silenceStartMs: number | null = null;
  private inGap = false;
  private tentativeStartMs: number | null = null;
  /** After a withdrawal: no new tentative onset before this time, nor before a window below the threshold. */
  private restUntilMs = -Infinity;
  private tentativeArmed = true;

  constructor(private options: VadOptions) {}

  get isSpeaking(): boolean {
    return this.speaking;
  }

  get isTentative(): boolean {
    return this.tentativeStartMs !== null;
  }

  /** Start of the open segment, or of the tentative onset; null when neither. */
  get speechStartMs(): number | null {
    return this.speaking ? this.startMs : this.tentativeStartMs;
  }

  setOptions(options: VadOptions): void {
    this.options = options;
  }

  /** Feeds one window's probability; returns what happened. */
  feed(p: number, windowStartMs: number, windowEndMs: number): SegmenterEvent[] {
    const { speechThreshold, releaseThreshold, silenceMs } = this.options;
    if (!this.speaking) {
      if (p >= speechThreshold) {
        this.speaking = true;
        this.startMs = this.tentativeStartMs ?? windowStartMs;
        this.confirmedStartMs = windowStartMs;
        this.tentativeStartMs = null;
        return [{ type: 'speechStart', tMs: this.startMs }];
      }
      return this.feedTentative(p, windowStartMs, windowEndMs);
    }
    if (p >= releaseThreshold) {
      this.silenceStartMs = null;
      if (!this.inGap) return [];
      this.inGap = false;
      return [{ type: 'speechGapEnd', tMs: windowStartMs }];
    }
    this.silenceStartMs ??= windowStartMs;
    const silentFor = windowEndMs - this.silenceStartMs;
    if (silentFor >= silenceMs) return [this.end(this.silenceStartMs)];
    if (silentFor >= GAP_MS && !this.inGap) {
      this.inGap = true;
      return [{ type: 'speechGap', tMs: this.silenceStartMs }];
    }
    return [];
  }

  /** Ends an open segment at `endMs` (end of input); withdraws a tentative onset. */
  finish(endMs: number): SegmenterEvent[] {
    if (!this.speaking) return this.withdraw(endMs);
    return [this.end(this.silenceStartMs ?? endMs)];
  }

  reset(): void {
    this.speaking = false;
    this.silenceStartMs = null;
    this.inGap = false;
    this.tentativeStartMs = null;
    this.restUntilMs = -Infinity;
    this.tentativeArmed = true;
  }

  private feedTentative(p: number, windowStartMs: number, windowEndMs: number): SegmenterEvent[] {
    const { tentativeThreshold, speechThreshold } = this.options;
    const low = p < tentativeThreshold;
    if (this.tentativeStartMs !== null) {
      if (windowEndMs - this.tentativeStartMs < TENTATIVE_MAX_MS) return [];
      this.tentativeArmed = false;
      this.restUntilMs = windowEndMs + TENTATIVE_MAX_MS;
      return this.withdraw(windowEndMs);
    }
    if (low) this.tentativeArmed = true;
    // Equal thresholds turn tentative onsets off.
    if (tentativeThreshold >= speechThreshold || low || !this.tentativeArmed || windowStartMs < this.restUntilMs) return [];
    this.tentativeStartMs = windowStartMs;
    return [{ type: 'speechLikely', tMs: windowStartMs }];
  }

  private withdraw(tMs: number): SegmenterEvent[] {
    if (this.tentativeStartMs === null) return [];
    this.tentativeStartMs = null;
    return [{ type: 'speechUnlikely', tMs }];
  }

  private end(endMs: number): SegmenterEvent {
    this.speaking = false;
    this.silenceStartMs = null;
    this.inGap = false;
    const startMs = this.startMs;
    if (endMs - this.confirmedStartMs < this.options.minSpeechMs) return { type: 'misfire', startMs, endMs };
    return { type: 'speechEnd', startMs, endMs };
  }
}
