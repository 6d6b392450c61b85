/** PCM conversions between the wire (16-bit little-endian, base64 or binary) and the engine (Float32 in [-1, 1]). */
import { decodeG711 } from './g711.js';
import { TtsError } from './tts-error.js';

export const SUPPORTED_ENCODINGS = ['pcm_s16le', 'pcm_f32le', 'mulaw', 'alaw'] as const;
export type AudioEncoding = (typeof SUPPORTED_ENCODINGS)[number];

/** Decodes raw little-endian bytes into float samples. Throws a TtsError for an unknown encoding or a torn sample. */
export function decodePcm(bytes: Uint8Array, enc: string): Float32Array {
  if (enc === 'pcm_s16le') {
    if (bytes.length % 2 !== 0) throw new TtsError('MALFORMED_FRAME', `A pcm_s16le chunk has an odd byte count (${bytes.length}).`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Float32Array(bytes.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
    return out;
  }
  if (enc === 'pcm_f32le') {
    if (bytes.length % 4 !== 0) throw new TtsError('MALFORMED_FRAME', `A pcm_f32le chunk has a byte count not divisible by 4 (${bytes.length}).`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Float32Array(bytes.length / 4);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  }
  if (enc === 'mulaw' || enc === 'alaw') return decodeG711(bytes, enc);
  throw new TtsError('UNSUPPORTED_ENCODING', `Audio encoding "${enc}" is not supported; ask the server for one of: ${SUPPORTED_ENCODINGS.join(', ')}.`);
}

export function decodeBase64Pcm(base64: string, enc: string): Float32Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new TtsError('MALFORMED_FRAME', 'An audio chunk is not valid base64.');
  return decodePcm(Buffer.from(base64, 'base64'), enc);
}

/** Float samples to 16-bit little-endian bytes (clipped). */
export function encodePcmS16le(samples: Float32Array): Buffer {
  const out = Buffer.allocUnsafe(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] ?? 0));
    out.writeInt16LE(Math.round(s < 0 ? s * 32768 : s * 32767), i * 2);
  }
  return out;
}
