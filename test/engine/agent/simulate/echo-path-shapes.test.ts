/**
 * simulate's loudspeaker distortions beyond soft clipping (hard, asymmetric, rattle) and an
 * echo path that changes more than once, on the echo path alone (no session): the scenario
 * accepts them with clear errors, and the path does what each one says.
 */
import { describe, expect, it } from 'vitest';
import { distort, EchoPath, type NonlinearityShape } from '../../../../electron/engine/agent/simulate/echo-path.js';
import { parseScenario, ScenarioError } from '../../../../electron/engine/agent/simulate/scenario.js';

const RATE = 16_000;

function sine(hz: number, seconds: number, amplitude: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / RATE));
}

/** Amplitude of the component at `hz` (a single-bin DFT over whole periods). */
function amplitudeAt(x: Float32Array, hz: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += x[i]! * Math.cos((2 * Math.PI * hz * i) / RATE);
    im -= x[i]! * Math.sin((2 * Math.PI * hz * i) / RATE);
  }
  return (2 * Math.hypot(re, im)) / x.length;
}

function through(shape: NonlinearityShape, x: Float32Array, driveDb = 12): Float32Array {
  const g = 10 ** (driveDb / 20);
  return x.map((v, n) => distort(v, g, shape, n));
}

describe('simulate: loudspeaker distortion shapes', () => {
  it('the scenario takes a shape next to the drive, soft by default, and names a wrong one', () => {
    const s = parseScenario({ agentSays: 'Hi.', echo: { gainDb: 0, delayMs: 10, nonlinearity: { driveDb: 12, shape: 'rattle' } } }, '/tmp');
    expect(s.echo!.nonlinearity).toEqual({ driveDb: 12, shape: 'rattle' });
    expect(() => parseScenario({ agentSays: 'Hi.', echo: { gainDb: 0, delayMs: 10, nonlinearity: { driveDb: 12, shape: 'fuzz' } } }, '/tmp')).toThrow(
      /echo\.nonlinearity\.shape must be one of soft, hard, asymmetric, rattle/,
    );
  });

  it('every shape passes a quiet signal at unity gain', () => {
    const quiet = sine(500, 0.1, 0.01);
    for (const shape of ['soft', 'hard', 'asymmetric', 'rattle'] as const) {
      expect(amplitudeAt(through(shape, quiet), 500)).toBeCloseTo(0.01, 3);
    }
  });

  it('hard clipping flattens the peaks at 1/g; asymmetric clipping cuts the negative half first and adds even harmonics', () => {
    const loud = sine(500, 0.1, 0.5);
    const hard = through('hard', loud);
    expect(Math.max(...hard)).toBeCloseTo(10 ** (-12 / 20), 5);
    expect(amplitudeAt(hard, 1000)).toBeLessThan(1e-4);
    const asym = through('asymmetric', loud);
    expect(Math.min(...asym)).toBeCloseTo(-0.5 * 10 ** (-12 / 20), 5);
    expect(amplitudeAt(asym, 1000)).toBeGreaterThan(0.02);
  });

  it('a rattling speaker adds odd harmonics and a buzz spread over the band, only when driven hard', () => {
    const loud = sine(500, 0.1, 0.5);
    const rattle = through('rattle', loud);
    const soft = through('soft', loud);
    expect(amplitudeAt(rattle, 1500)).toBeGreaterThan(10 * amplitudeAt(rattle, 1000));
    // The buzz: energy between the harmonics (at 3.7 kHz no harmonic of 500 Hz lies).
    expect(amplitudeAt(rattle, 3700)).toBeGreaterThan(10 * amplitudeAt(soft, 3700));
    const quiet = sine(500, 0.1, 0.01);
    expect(amplitudeAt(through('rattle', quiet), 3700)).toBeLessThan(1e-5);
  });
});

describe('simulate: several echo-path changes', () => {
  it('the scenario takes one change or a list, and keeps a single change as it was given', () => {
    const one = parseScenario({ agentSays: 'Hi.', echo: { gainDb: 0, delayMs: 10, pathChange: { atMs: 3000 } } }, '/tmp');
    expect(one.echo!.pathChange).toEqual({ atMs: 3000 });
    const two = parseScenario(
      {
        agentSays: 'Hi.',
        echo: {
          gainDb: 0,
          delayMs: 10,
          pathChange: [
            { atMs: 3000, rirWav: 'a.wav' },
            { atMs: 6000, delayMs: 200 },
          ],
        },
      },
      '/tmp',
    );
    expect(two.echo!.pathChange).toEqual([
      { atMs: 3000, rirWav: '/tmp/a.wav' },
      { atMs: 6000, delayMs: 200 },
    ]);
    expect(() => parseScenario({ agentSays: 'Hi.', echo: { gainDb: 0, delayMs: 10, pathChange: [] } }, '/tmp')).toThrow(ScenarioError);
  });

  it('each change takes over at its time: the echo delay moves twice', () => {
    const room = (delayMs: number) => ({ response: Float32Array.of(1), delaySamples: (delayMs * RATE) / 1000 });
    const path = new EchoPath({
      room: room(10),
      changes: [
        { atMs: 1000, room: room(50) },
        { atMs: 2000, room: room(200) },
      ],
    });
    path.setOrigin(0);
    // A click every 500 ms: where each one's echo lands gives the path's delay at that time.
    const played = new Float32Array(RATE * 3);
    for (let t = 0; t < 3; t += 0.5) played[Math.round(t * RATE) + 8] = 1;
    const echo = path.samples(played, 0, played.length);
    const delays = [0.5, 1.5, 2.5].map((t) => {
      const at = Math.round(t * RATE) + 8;
      const j = echo.subarray(at, at + RATE / 4).findIndex((v) => Math.abs(v) > 0.5);
      return (j * 1000) / RATE;
    });
    expect(delays).toEqual([10, 50, 200]);
  });
});
