import { CodedError } from '../coded-error.js';
/** Why speech recognition failed, with a code the UI can act on and a readable message. */
export type SttErrorCode =
  'unauthorized' | 'rate-limited' | 'server' | 'bad-response' | 'offline' | 'disconnected' | 'model-load' | 'crashed' | 'closed' | 'bad-input';

export class SttError extends CodedError<SttErrorCode> {
  override readonly name = 'SttError';
}

/** Samples must be 16 kHz mono float32; a wrong type or NaN is a caller bug worth naming. */
export function checkSamples(samples: unknown): asserts samples is Float32Array {
  if (!(samples instanceof Float32Array)) {
    throw new SttError('bad-input', `Speech recognition takes 16 kHz mono Float32Array samples, not ${Object.prototype.toString.call(samples)}.`);
  }
}
