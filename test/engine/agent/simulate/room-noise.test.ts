import { describe, expect, it } from 'vitest';
import { MicMixer } from '../../../../electron/engine/agent/simulate/mic-mixer.js';
import { parseScenario } from '../../../../electron/engine/agent/simulate/scenario.js';

const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('simulate: a room with steady noise at the mic', () => {
  it('adds white noise at the asked RMS level, the same for the same span however it is framed', () => {
    const mixer = new MicMixer(undefined, -50);
    const second = mixer.frame(0, 1000);
    expect(rmsDb(second)).toBeCloseTo(-50, 0);
    const framed = new Float32Array(16_000);
    for (let t = 0; t < 1000; t += 20) framed.set(mixer.frame(t, 20), t * 16);
    expect(framed).toEqual(second);
  });

  it('the user-only trace (the voice onset the bench measures from) has no room in it', () => {
    expect(rmsDb(new MicMixer(undefined, -50).userOnly(0, 100))).toBe(-Infinity);
  });

  it('a silent room without the option; a level out of range is refused by name', () => {
    expect(rmsDb(new MicMixer(undefined).frame(0, 100))).toBe(-Infinity);
    expect(() => parseScenario({ agentSays: 'hi', roomNoiseDbfs: -5 }, '/')).toThrow(/roomNoiseDbfs must be at most -10/);
  });
});
