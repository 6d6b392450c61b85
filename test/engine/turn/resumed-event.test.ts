import { describe, expect, it, vi } from 'vitest';
import { HELD_GAP_CONFIRM_MS } from '../../../electron/engine/turn/gap-resume.js';
import { BargeInTimer } from '../../../electron/engine/agent/metrics.js';
import { now, pausedByUser, useFakeTimersPerTest } from './helpers/fakes.js';

useFakeTimersPerTest();

describe('every time a paused agent goes on, it is told', () => {
  it('"okay" ... "yeah": goes on, pauses again when the person goes on, and goes on again: two "resumed", one false alarm', () => {
    const h = pausedByUser();
    const resumed: number[] = [];
    h.controller.on('resumed', (e) => resumed.push(e.tMs));
    h.controller.onTranscript('okay', false);
    h.controller.onSpeechGap(now());
    vi.advanceTimersByTime(HELD_GAP_CONFIRM_MS); // a held opener's wait at the gap (held-opener-gap.test.ts)
    vi.advanceTimersByTime(100);
    h.controller.onSpeechGapEnd(now());
    vi.advanceTimersByTime(300);
    h.controller.onTranscript('okay yeah', false);
    expect(h.playback.ops()).toEqual(['duck', 'pause', 'resume', 'pause', 'resume']);
    expect(resumed).toHaveLength(2);
    expect(h.types().filter((t) => t === 'falseInterruption')).toHaveLength(1);
  });

  it('the barge-in latency counts from the pause that lasted into the cut, not from one the agent went on after', () => {
    const timer = new BargeInTimer();
    timer.onDucked(1000);
    timer.onPaused(1200);
    timer.onResumed();
    timer.onPaused(1600);
    expect(timer.onInterrupted(1700, 1000, 20)).toBe(620);
  });
});
