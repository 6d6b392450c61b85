// The mic path's warm-up before a session opens the microphone: it runs the session's VAD model, then leaves it as a fresh one;
// it never fails or holds up the session, and once the path is warm a restart only warms a freshly loaded model.
import { describe, expect, it } from 'vitest';
import { MIC_PATH_WARM_UP_BOUND_MS, MicPathWarmer, type MicPathWarmUpOptions } from '../../../electron/engine/agent/mic-path-warm-up.js';
import type { Logger } from '../../../electron/engine/logger.js';
import type { VadModel } from '../../../electron/engine/vad/vad-model.js';
import { ManualClock } from '../tts/helpers/manual-clock.js';

/** Records what the warm-up does to the model, in order. */
function recordingModel(): VadModel & { log: string[] } {
  const log: string[] = [];
  return { windowSamples: 512, sampleRate: 16_000, log, process: () => (log.push('process'), 0.9), reset: () => void log.push('reset') };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const note = (m: string) => void lines.push(m);
  return { lines, debug: note, info: note, warn: note, error: note };
}

function options(model: VadModel, extra: Partial<MicPathWarmUpOptions> = {}): MicPathWarmUpOptions {
  return {
    model,
    output: { sampleRate: 48_000, channels: 2 },
    echoCancellation: true,
    conversation: { echoGuard: true, echoMarginDb: 6, echoMaxDelayMs: 500 },
    prefixPaddingMs: 300,
    clock: new ManualClock(),
    logger: recordingLogger(),
    ...extra,
  };
}

const processCalls = (model: { log: string[] }) => model.log.filter((e) => e === 'process').length;
/** Lets settled promises run their callbacks. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** The warm-up's outcome (null: still waiting) 1 ms before its bound and at it. */
async function outcomesAtBound(clock: ManualClock, waiting: Promise<string>): Promise<(string | null)[]> {
  let outcome: string | null = null;
  void waiting.then((o) => (outcome = o));
  const seen: (string | null)[] = [];
  for (const stepMs of [MIC_PATH_WARM_UP_BOUND_MS - 1, 1]) {
    await flush();
    clock.advance(stepMs);
    await flush();
    seen.push(outcome);
  }
  return seen;
}

describe('MicPathWarmer', () => {
  it("runs the session's VAD model over the warm-up audio, then resets it: the session's first window meets a fresh model", async () => {
    const model = recordingModel();
    expect(await new MicPathWarmer().warmUp(options(model))).toBe('warmed');
    // 1.2 s of audio in 32 ms windows.
    expect(processCalls(model)).toBeGreaterThanOrEqual(37);
    expect(model.log.at(-1)).toBe('reset');
  });

  it('does not fail when the path fails part-way: it says so in the log and leaves the model reset', async () => {
    const model = recordingModel();
    let n = 0;
    model.process = () => {
      if (++n === 5) throw new Error('model failed');
      return 0.1;
    };
    const logger = recordingLogger();
    expect(await new MicPathWarmer().warmUp(options(model, { echoCancellation: false, logger }))).toBe('failed');
    expect(logger.lines.join('\n')).toMatch(/warm-up failed/i);
    expect(model.log.at(-1)).toBe('reset');
  });

  it(`gives up on a hung model at ${MIC_PATH_WARM_UP_BOUND_MS} ms, not before: the session opens anyway, with a log line and a reset model`, async () => {
    const model = recordingModel();
    model.process = () => new Promise<number>(() => {});
    const clock = new ManualClock();
    const logger = recordingLogger();
    expect(await outcomesAtBound(clock, new MicPathWarmer().warmUp(options(model, { clock, logger })))).toEqual([null, 'timedOut']);
    expect(logger.lines.join('\n')).toMatch(/opens without waiting/i);
    expect(model.log.at(-1)).toBe('reset');
    expect(clock.pendingTimers).toBe(0);
  });

  it('counts its bound from when the session waits for it, not from its start: a slow voice start gives up no warm-up', async () => {
    const model = recordingModel();
    model.process = () => new Promise<number>(() => {});
    const clock = new ManualClock();
    const warming = new MicPathWarmer().start(options(model, { clock }));
    clock.advance(5000); // the voice took 5 s to start
    expect(await outcomesAtBound(clock, warming.wait())).toEqual([null, 'timedOut']);
  });

  it('leaves no timer behind when it finishes in time', async () => {
    const clock = new ManualClock();
    await new MicPathWarmer().warmUp(options(recordingModel(), { clock }));
    expect(clock.pendingTimers).toBe(0);
  });

  it("once the path has been warmed, a restart's warm-up only runs the freshly loaded model once, then resets it", async () => {
    const warmer = new MicPathWarmer();
    await warmer.warmUp(options(recordingModel()));
    const restarted = recordingModel();
    expect(await warmer.warmUp(options(restarted))).toBe('modelOnly');
    expect(restarted.log).toEqual(['process', 'reset']);
  });

  it('a restart that turns echo cancellation on warms the whole path again: the canceller has never run', async () => {
    const warmer = new MicPathWarmer();
    await warmer.warmUp(options(recordingModel(), { echoCancellation: false }));
    const next = recordingModel();
    expect(await warmer.warmUp(options(next, { echoCancellation: true }))).toBe('warmed');
    expect(processCalls(next)).toBeGreaterThanOrEqual(37);
  });

  it('after a warm-up that failed, the next one warms the whole path again', async () => {
    const warmer = new MicPathWarmer();
    const failing = recordingModel();
    failing.process = () => {
      throw new Error('model failed');
    };
    await warmer.warmUp(options(failing));
    const next = recordingModel();
    expect(await warmer.warmUp(options(next))).toBe('warmed');
    expect(processCalls(next)).toBeGreaterThanOrEqual(37);
  });
});
