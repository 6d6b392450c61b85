import { describe, expect, it } from 'vitest';
import { MicMixer } from '../../../../electron/engine/agent/simulate/mic-mixer.js';
import { parseScenario } from '../../../../electron/engine/agent/simulate/scenario.js';

const power = (x: Float32Array) => x.reduce((s, v) => s + v * v, 0) / x.length;
const rmsDb = (x: Float32Array) => 10 * Math.log10(power(x));
/** Power of the first difference over the signal's power: ~2 for white noise, small when the power sits low. */
const brightness = (x: Float32Array) => power(x.subarray(1).map((v, i) => v - x[i]!)) / power(x);

describe('simulate: the room noise has a colour', () => {
  for (const colour of ['white', 'pink', 'brown'] as const) {
    it(`${colour}: at the asked RMS level, the same samples however the span is framed`, () => {
      const mixer = new MicMixer(undefined, -50, colour);
      const tenSeconds = mixer.frame(0, 10_000);
      expect(rmsDb(tenSeconds)).toBeGreaterThan(-51.5);
      expect(rmsDb(tenSeconds)).toBeLessThan(-48.5);
      const again = new MicMixer(undefined, -50, colour);
      const framed = new Float32Array(16_000);
      for (let t = 0; t < 1000; t += 20) framed.set(again.frame(t, 20), t * 16);
      expect(framed).toEqual(tenSeconds.subarray(0, 16_000));
    });
  }

  it('pink and brown put their power low: darker than white, brown darkest', () => {
    const of = (colour: 'white' | 'pink' | 'brown') => brightness(new MicMixer(undefined, -50, colour).frame(0, 5000));
    const [white, pink, brown] = [of('white'), of('pink'), of('brown')];
    expect(white).toBeGreaterThan(1.8);
    expect(pink).toBeLessThan(white / 4);
    expect(brown).toBeLessThan(pink / 4);
  });

  it('white unless asked; an unknown colour is refused by name', () => {
    expect(parseScenario({ agentSays: 'hi', roomNoiseDbfs: -50 }, '/').roomNoiseColour).toBe('white');
    expect(() => parseScenario({ agentSays: 'hi', roomNoiseDbfs: -50, roomNoiseColour: 'grey' }, '/')).toThrow(
      /roomNoiseColour must be one of white, pink, brown/,
    );
  });
});
