/**
 * Global shortcuts report key presses only, never releases. Holding a key makes the OS
 * repeat the press, so: a press starts talking; while repeats keep coming the key is held;
 * when they stop, it was released. If no repeat arrives at all (a tap, or an OS that does
 * not repeat global shortcuts) talking stays on until the next press: tap to latch, hold
 * to talk.
 */
import type { Clock, TimerHandle } from '../engine/clock.js';

export interface PushToTalkHoldOptions {
  clock: Clock;
  onChange(held: boolean): void;
  /**
   * Wait for the first repeat. OS key-repeat delays default to 500 ms (Windows, macOS) and
   * 660 ms (X11); 700 ms outlasts them without making a tap feel slow to latch.
   */
  firstRepeatMs?: number;
  /** Gap that means "released" once repeats flow. Repeats come every 30-40 ms; 150 ms tolerates a busy main thread. */
  releaseGapMs?: number;
}

type Phase = 'off' | 'pressed' | 'holding' | 'latched';

export class PushToTalkHold {
  private phase: Phase = 'off';
  private timer: TimerHandle | undefined;
  private readonly firstRepeatMs: number;
  private readonly releaseGapMs: number;

  constructor(private readonly options: PushToTalkHoldOptions) {
    this.firstRepeatMs = options.firstRepeatMs ?? 700;
    this.releaseGapMs = options.releaseGapMs ?? 150;
  }

  get held(): boolean {
    return this.phase !== 'off';
  }

  /** One activation of the shortcut (first press or an OS repeat). */
  press(): void {
    switch (this.phase) {
      case 'off':
        this.phase = 'pressed';
        this.options.onChange(true);
        this.arm(this.firstRepeatMs, () => (this.phase = 'latched'));
        return;
      case 'pressed':
      case 'holding':
        this.phase = 'holding';
        this.arm(this.releaseGapMs, () => this.release());
        return;
      case 'latched':
        this.release();
        return;
    }
  }

  /** Stops talking now (e.g. the hotkey was removed). */
  release(): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.phase === 'off') return;
    this.phase = 'off';
    this.options.onChange(false);
  }

  private arm(delayMs: number, fire: () => void): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      fire();
    }, delayMs);
  }
}
