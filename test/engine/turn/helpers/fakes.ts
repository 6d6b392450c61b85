import { afterEach, beforeEach, expect, vi } from 'vitest';
import { systemClock } from '../../../../electron/engine/clock.js';
import type { AudioFrame } from '../../../../electron/engine/audio/frame.js';
import { BargeInController, type BargeInOptions } from '../../../../electron/engine/turn/barge-in-controller.js';
import type { PlaybackControl, TtsTurnControl } from '../../../../electron/engine/turn/ports.js';
import { SpeechHandle } from '../../../../electron/engine/turn/speech-handle.js';
import { buildStrategies } from '../../../../electron/engine/turn/strategies/build-strategies.js';
import { InterruptionDecider } from '../../../../electron/engine/turn/strategies/interruption-decider.js';
import type { InterruptionStrategyConfig } from '../../../../electron/contract/settings/conversation.js';
import { ConversationSettingsSchema } from '../../../../electron/contract/settings/conversation.js';

/** Fake timers for every test of the file (the engine's system clock reads performance.now, which they drive). */
export function useFakeTimersPerTest(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** The fake clock's time now. */
export function now(): number {
  return performance.now();
}

/** Records every playback call with the clock time it happened at. */
export class FakePlayback implements PlaybackControl {
  calls: { op: string; tMs: number; args: unknown[] }[] = [];
  played = 0;
  paused = false;
  duckedDb = 0;
  private log(op: string, ...args: unknown[]): void {
    this.calls.push({ op, tMs: systemClock.nowMs(), args });
  }
  duck(db: number, rampMs: number): void {
    this.duckedDb = db;
    this.log('duck', db, rampMs);
  }
  unduck(rampMs: number): void {
    this.duckedDb = 0;
    this.log('unduck', rampMs);
  }
  pause(): void {
    this.paused = true;
    this.log('pause');
  }
  resume(): void {
    this.paused = false;
    this.log('resume');
  }
  clear(turnId: string): void {
    this.log('clear', turnId);
  }
  playedMs(_turnId: string): number {
    return this.played;
  }
  ops(): string[] {
    return this.calls.map((c) => c.op);
  }
}

export class FakeTts implements TtsTurnControl {
  cancels = 0;
  async cancelCurrent(): Promise<void> {
    this.cancels++;
  }
}

/** The agent's utterance `turnId`, playing on `playback` (its position is the playback's). */
export function speechOn(playback: PlaybackControl, turnId = 't1'): SpeechHandle {
  return new SpeechHandle(turnId, (id) => playback.playedMs(id));
}

export const defaults = ConversationSettingsSchema.parse({});

export function makeController(strategies: InterruptionStrategyConfig[], options: Partial<BargeInOptions> = {}, playback = new FakePlayback()) {
  const tts = new FakeTts();
  const decider = new InterruptionDecider(buildStrategies(strategies, defaults));
  const controller = new BargeInController(
    { clock: systemClock, playback, tts, decider },
    {
      interruptions: defaults.interruptions,
      whenOff: defaults.whenOff,
      speakingInterruptDurationMs: defaults.speakingInterruptDurationMs,
      interruptDurationMs: defaults.interruptDurationMs,
      falseInterruptionTimeoutMs: defaults.falseInterruptionTimeoutMs,
      duckDb: defaults.duckDb,
      duckRampMs: defaults.duckRampMs,
      ...options,
    },
  );
  const events: { type: string; payload: unknown }[] = [];
  for (const type of ['ducked', 'paused', 'interrupted', 'falseInterruption', 'unducked', 'userSpeechAccepted', 'userSpeechWhileOff'] as const) {
    controller.on(type, (payload: unknown) => events.push({ type, payload }));
  }
  return { controller, playback, tts, events, types: () => events.map((e) => e.type) };
}

/** 20 ms of a 16 kHz tone at the given RMS level (dBFS). */
export function toneFrame(dbfs: number, tMs = 0): AudioFrame {
  const amp = Math.sqrt(2) * 10 ** (dbfs / 20);
  const data = new Float32Array(320);
  for (let i = 0; i < data.length; i++) data[i] = amp * Math.sin((2 * Math.PI * 220 * i) / 16000);
  return { data, sampleRate: 16000, channels: 1, timestampMs: tMs };
}

/** The agent speaks (default strategies), the user starts, and the agent is paused at the candidate point. */
export function pausedByUser() {
  const h = makeController(defaults.strategies);
  h.controller.agentStartedSpeaking(speechOn(h.playback, 't1'));
  h.controller.onSpeechStart(now());
  vi.advanceTimersByTime(defaults.speakingInterruptDurationMs);
  expect(h.controller.phase).toBe('paused');
  return h;
}
