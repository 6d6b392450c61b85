// flite in worker threads: synthesis, resampling, and cancellation that never holds up the next sentence.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FliteEngine, SynthesisCancelled } from '../../../electron/engine/tts/local-server/flite-engine.js';

let engine: FliteEngine;
const LONG = 'This is a rather long sentence that keeps going for a while, so that synthesizing it takes a noticeable amount of time.';

beforeAll(async () => {
  engine = new FliteEngine('kal16', 16000);
  await engine.start();
}, 60_000);

afterAll(async () => {
  await engine.stop();
});

describe('FliteEngine', () => {
  it('synthesizes a sentence to audible samples at the requested rate', async () => {
    const r = await engine.synthesize('Hello world.', 'kal16', 22050).promise;
    expect(r.sampleRate).toBe(22050);
    const seconds = r.samples.length / r.sampleRate;
    expect(seconds).toBeGreaterThan(0.4);
    expect(seconds).toBeLessThan(3);
    expect(Math.max(...r.samples.map(Math.abs))).toBeGreaterThan(0.05);
  });

  it('a reused flite instance speaks each sentence exactly as the first time, across voices and texts', async () => {
    // Both workers reuse one instance each (issue 13); after other voices and a long text, the same request gives the same samples.
    const first = await engine.synthesize('Okay, see you at 4 pm.', 'awb', 16000).promise;
    for (const [text, voice] of [
      [LONG, 'slt'],
      ['Hello world.', 'kal16'],
      [LONG, 'rms'],
      ['Hi.', 'awb'],
    ] as const)
      await engine.synthesize(text, voice, 16000).promise;
    const again = await Promise.all([1, 2].map(() => engine.synthesize('Okay, see you at 4 pm.', 'awb', 16000).promise));
    for (const r of again) expect(Buffer.from(r.samples.buffer).equals(Buffer.from(first.samples.buffer))).toBe(true);
  }, 60_000);

  it.runIf(process.platform === 'linux')('its threads yield the CPU to the main thread, which carries the microphone (nice +10)', () => {
    // The nice value is field 19 of /proc/<pid>/task/<tid>/stat (the 17th after the command's closing parenthesis).
    const niceOf = (tid: number) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    expect(engine.threadIds).toHaveLength(2);
    for (const tid of engine.threadIds) expect(niceOf(tid)).toBe(niceOf(process.pid) + 10);
  });

  it('rejects a cancelled job with SynthesisCancelled, and the next job still completes', async () => {
    const long = engine.synthesize(LONG, 'slt', 24000);
    long.cancel();
    await expect(long.promise).rejects.toBeInstanceOf(SynthesisCancelled);
    const next = await engine.synthesize('Next.', 'kal16', 24000).promise;
    expect(next.samples.length).toBeGreaterThan(0);
  });

  it('a cancel storm never adds a thread: cancelled sentences finish on the two workers and live jobs wait for them', async () => {
    // Issue 13: extra workers started during cancels cost ~40 MB each that the process kept after they left.
    for (let round = 0; round < 5; round++) {
      const abandoned = [engine.synthesize(LONG, 'slt', 24000), engine.synthesize(LONG, 'slt', 24000), engine.synthesize(LONG, 'awb', 24000)];
      await new Promise((r) => setTimeout(r, 5)); // two are running, one waits
      for (const j of abandoned) j.cancel();
      for (const j of abandoned) await expect(j.promise).rejects.toBeInstanceOf(SynthesisCancelled);
      const live = await Promise.all([engine.synthesize('Still speaking.', 'kal16', 24000).promise, engine.synthesize('Me too.', 'kal16', 24000).promise]);
      for (const r of live) expect(r.samples.length).toBeGreaterThan(0);
      expect(engine.workerCount).toBe(2);
    }
  }, 60_000);
});
