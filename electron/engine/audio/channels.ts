/** Channel layout helpers for interleaved float32 audio. */

/** Averages interleaved channels into one; returns the input itself when already mono. */
export function downmixToMono(interleaved: Float32Array, channels: number): Float32Array {
  if (channels === 1) return interleaved;
  const frames = Math.floor(interleaved.length / channels);
  const mono = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[i * channels + c]!;
    mono[i] = sum / channels;
  }
  return mono;
}

/** Copies a mono signal into every channel of an interleaved buffer. */
export function upmixFromMono(mono: Float32Array, channels: number): Float32Array {
  if (channels === 1) return mono;
  const out = new Float32Array(mono.length * channels);
  for (let i = 0; i < mono.length; i++) {
    const v = mono[i]!;
    for (let c = 0; c < channels; c++) out[i * channels + c] = v;
  }
  return out;
}

/** Little-endian signed 16-bit PCM to float32 in [-1, 1). */
export function int16ToFloat32(pcm: Buffer | Uint8Array): Float32Array {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const out = new Float32Array(pcm.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

/** Float32 to little-endian signed 16-bit PCM, clamped. */
export function float32ToInt16(samples: Float32Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i]!));
    out.writeInt16LE(Math.round(v < 0 ? v * 32768 : v * 32767), i * 2);
  }
  return out;
}
