// Resampling for the synthesis workers and processes (flite, the neural voice): plain ESM so it
// runs unchanged under Node, tsx, vitest and Electron. One converter per rate pair, kept warm.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { create, ConverterType } = require('@alexanderolsen/libsamplerate-js');

const resamplers = new Map();

export async function resample(samples, from, to) {
  if (from === to || samples.length === 0) return samples;
  const key = `${from}>${to}`;
  let src = resamplers.get(key);
  if (!src) {
    // SINC_FASTEST: band-limited, far better than linear interpolation, and fast enough for real time many times over.
    src = await create(1, from, to, { converterType: ConverterType.SRC_SINC_FASTEST });
    resamplers.set(key, src);
  }
  return src.simple(samples);
}
