import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../electron/engine/clock.js';
import { PushToTalkHold } from '../../electron/main/push-to-talk-hold.js';

function setup() {
  const changes: boolean[] = [];
  const hold = new PushToTalkHold({ clock: systemClock, onChange: (held) => changes.push(held) });
  return { hold, changes };
}

/** The OS repeating a held key: a first repeat after its delay, then every 33 ms; ends at the last repeat. */
function holdFor(hold: PushToTalkHold, durationMs: number, firstDelayMs = 500, everyMs = 33): void {
  hold.press();
  vi.advanceTimersByTime(firstDelayMs);
  hold.press();
  for (let t = firstDelayMs + everyMs; t < durationMs; t += everyMs) {
    vi.advanceTimersByTime(everyMs);
    hold.press();
  }
}

describe('PushToTalkHold', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('talks while the key is held and stops shortly after the repeats stop', () => {
    const { hold, changes } = setup();
    holdFor(hold, 2000);
    expect(changes).toEqual([true]);
    vi.advanceTimersByTime(149);
    expect(hold.held).toBe(true);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([true, false]);
  });

  it('waits out the slow X11 first-repeat delay (660 ms) without releasing', () => {
    const { hold, changes } = setup();
    holdFor(hold, 1500, 660);
    expect(changes).toEqual([true]);
  });

  it('latches on a tap and stops on the next tap', () => {
    const { hold, changes } = setup();
    hold.press();
    vi.advanceTimersByTime(5000);
    expect(hold.held).toBe(true);
    hold.press();
    expect(changes).toEqual([true, false]);
  });

  it('release() ends a hold at once and is harmless when not held', () => {
    const { hold, changes } = setup();
    hold.press();
    hold.release();
    hold.release();
    vi.advanceTimersByTime(5000);
    expect(changes).toEqual([true, false]);
  });
});
