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
