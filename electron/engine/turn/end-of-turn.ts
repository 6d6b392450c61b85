/**
 * Decides when the user's turn is over. Silence-based: `silenceDurationMs` after the VAD's
 * speech end, once the final transcript is in. A semantic hook can say "not done yet"
 * (default: the text ends in a hold word such as "and", "so", "um"); then we wait for more
 * speech up to `maxWaitMs` after the speech end. `maxWaitMs` also bounds waiting for a late
 * final transcript, so a turn always ends.
 */
import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../clock.js';
import { PhraseMatcher } from './text.js';

export type SemanticCheck = (text: string) => 'complete' | 'incomplete';

/** The simple text heuristic: a trailing hold word means the user is mid-thought. */
export function trailingHoldWordCheck(holdWords: readonly string[]): SemanticCheck {
  const matcher = new PhraseMatcher(holdWords);
  return (text) => (matcher.endsWith(text) ? 'incomplete' : 'complete');
}

export interface EndOfTurnOptions {
  silenceDurationMs: number;
  maxWaitMs: number;
  /** Null disables the semantic check. */
  semanticCheck: SemanticCheck | null;
}

export interface EndOfTurnEvents {
  endOfTurn: [{ tMs: number; text: string; waitedMs: number; cause: 'silence' | 'maxWait' }];
}

export class EndOfTurnDetector extends EventEmitter<EndOfTurnEvents> {
  private speechEndMs: number | null = null;
  private text = '';
  private finalPending = false;
  private timer: TimerHandle | undefined;
  private maxTimer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private options: EndOfTurnOptions,
  ) {
    super();
    if (options.silenceDurationMs < 0 || options.maxWaitMs < options.silenceDurationMs) {
      throw new Error(`maxWaitMs (${options.maxWaitMs}) must be at least silenceDurationMs (${options.silenceDurationMs}).`);
    }
  }

  updateOptions(options: Partial<EndOfTurnOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** The user (re)started speaking: whatever was pending waits for the new speech. */
  onSpeechStart(): void {
    this.cancelTimers();
    this.speechEndMs = null;
  }

  /** The VAD says the speech ended; `awaitFinal` when a final transcript for it is still to come. */
  onSpeechEnd(tMs: number, awaitFinal: boolean): void {
    this.speechEndMs = tMs;
    this.finalPending = awaitFinal;
    this.cancelTimers();
    const now = this.clock.nowMs();
    this.timer = this.clock.setTimeout(() => this.check(), Math.max(0, tMs + this.options.silenceDurationMs - now));
    this.maxTimer = this.clock.setTimeout(() => this.fire('maxWait'), Math.max(0, tMs + this.options.maxWaitMs - now));
  }

  /** Text of the whole turn so far (finals joined). */
  onFinalTranscript(text: string): void {
    this.text = text;
    this.finalPending = false;
    if (this.speechEndMs !== null && this.timer === undefined) this.check();
  }

  reset(): void {
    this.cancelTimers();
    this.speechEndMs = null;
    this.text = '';
    this.finalPending = false;
  }

  dispose(): void {
    this.reset();
    this.removeAllListeners();
  }

  private check(): void {
    this.timer = undefined;
    if (this.speechEndMs === null || this.finalPending) return;
    const dueMs = this.speechEndMs + this.options.silenceDurationMs;
    if (this.clock.nowMs() < dueMs) {
      // A timer can fire a little early (Node's run on a whole-ms loop clock): wait the rest,
      // or the turn would only end at maxWaitMs.
      this.timer = this.clock.setTimeout(() => this.check(), Math.max(1, dueMs - this.clock.nowMs()));
      return;
    }
    const verdict = this.options.semanticCheck?.(this.text) ?? 'complete';
    if (verdict === 'incomplete') return; // the max timer ends it if the user stays quiet
    this.fire('silence');
  }

  private fire(cause: 'silence' | 'maxWait'): void {
    if (this.speechEndMs === null) return;
    const now = this.clock.nowMs();
    const event = { tMs: now, text: this.text, waitedMs: now - this.speechEndMs, cause };
    this.reset();
    this.emit('endOfTurn', event);
  }

  private cancelTimers(): void {
    this.clock.clearTimeout(this.timer);
    this.clock.clearTimeout(this.maxTimer);
    this.timer = undefined;
    this.maxTimer = undefined;
  }
}
