/**
 * The reversible steps of a barge-in attempt (turn/attempt-steps.ts) turn the agent down, pause it and let it go on;
 * making it silent stays the controller's alone. The steps get the output typed without `silence`, and hold it so at
 * run time too: handed the controller's whole AgentOutput, they keep only duck, unduck, pause and resume.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/engine/clock.js';
import { AgentOutput } from '../../../electron/engine/turn/agent-output.js';
import { AttemptSteps } from '../../../electron/engine/turn/attempt-steps.js';
import { BargeInAttempt } from '../../../electron/engine/turn/barge-in-attempt.js';
import { buildStrategies } from '../../../electron/engine/turn/strategies/build-strategies.js';
import { InterruptionDecider } from '../../../electron/engine/turn/strategies/interruption-decider.js';
import { defaults, FakePlayback, FakeTts, speechOn } from './helpers/fakes.js';

const TURN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../electron/engine/turn');

/** Every object the steps hold, one level into each. */
const held = (steps: AttemptSteps): Record<string, unknown>[] =>
  Object.values(steps).flatMap((v) =>
    v !== null && typeof v === 'object' ? [v as Record<string, unknown>, ...Object.values(v).filter((w) => w !== null && typeof w === 'object')] : [],
  ) as Record<string, unknown>[];

describe('the steps of a barge-in attempt', () => {
  it('hold no way to make the agent silent, though handed the whole AgentOutput', () => {
    const playback = new FakePlayback();
    const decider = new InterruptionDecider(buildStrategies(defaults.strategies, defaults));
    const steps = new AttemptSteps({
      clock: systemClock,
      output: new AgentOutput(playback, new FakeTts()),
      emit: () => true,
      options: () => ({ ...defaults, interruptions: defaults.interruptions }) as never,
      decider: () => decider,
      current: () => null,
      userSpeaking: () => false,
    });
    expect(held(steps).filter((o) => typeof o.silence === 'function' || typeof o.restore === 'function')).toEqual([]);
    // What they hold still drives the output.
    const attempt = new BargeInAttempt(speechOn(playback), 0, systemClock);
    steps.pause(attempt);
    steps.duck('t1', false);
    expect(playback.ops()).toEqual(['pause', 'duck']);
  });

  it('are not asked to make it silent: only the controller calls silence() or restore()', () => {
    const callers = fs
      .readdirSync(TURN)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /\.(silence|restore)\(/.test(fs.readFileSync(path.join(TURN, f), 'utf8')));
    expect(callers).toEqual(['barge-in-controller.ts']);
  });
});
