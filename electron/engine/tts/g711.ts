/**
 * G.711 mu-law and A-law (ITU-T G.711), the telephony codecs KugelAudio serves for
 * `output_format: "ulaw_8000"` / `"alaw_8000"` (frames then carry `enc: "mulaw"` / `"alaw"`).
 * One byte per sample; we decode to and encode from 16-bit linear.
 */

const ULAW_SEGMENT_ENDS = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const ALAW_SEGMENT_ENDS = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

function segmentOf(value: number, ends: readonly number[]): number {
  const seg = ends.findIndex((end) => value <= end);
  return seg < 0 ? ends.length : seg;
}

export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

export function linearToUlaw(sample: number): number {
  let v = sample >> 2;
  let mask = 0xff;
  if (v < 0) {
    v = -v;
    mask = 0x7f;
  }
  v = Math.min(v, 8159) + 0x21;
  const seg = segmentOf(v, ULAW_SEGMENT_ENDS);
  if (seg >= 8) return 0x7f ^ mask;
  return ((seg << 4) | ((v >> (seg + 1)) & 0x0f)) ^ mask;
}

export function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

export function linearToAlaw(sample: number): number {
  let v = sample >> 3;
  let mask = 0xd5;
  if (v < 0) {
    mask = 0x55;
    v = -v - 1;
  }
  const seg = segmentOf(v, ALAW_SEGMENT_ENDS);
  if (seg >= 8) return 0x7f ^ mask;
  const mantissa = seg < 2 ? (v >> 1) & 0x0f : (v >> seg) & 0x0f;
  return ((seg << 4) | mantissa) ^ mask;
}

export function decodeG711(bytes: Uint8Array, law: 'mulaw' | 'alaw'): Float32Array {
  const out = new Float32Array(bytes.length);
  const toLinear = law === 'mulaw' ? ulawToLinear : alawToLinear;
  for (let i = 0; i < bytes.length; i++) out[i] = toLinear(bytes[i]!) / 32768;
  return out;
}

export function encodeG711(samples: Float32Array, law: 'mulaw' | 'alaw'): Buffer {
  const out = Buffer.allocUnsafe(samples.length);
  const fromLinear = law === 'mulaw' ? linearToUlaw : linearToAlaw;
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] ?? 0));
    out[i] = fromLinear(Math.round(s < 0 ? s * 32768 : s * 32767));
  }
  return out;
}
