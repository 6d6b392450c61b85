/**
 * Room impulse responses by the image-source method (Allen & Berkley, 1979) for a shoebox
 * room: every mirror image of the loudspeaker in the walls adds a delayed pulse, attenuated
 * by distance (1/r) and by the walls' reflection coefficient once per bounce. The walls'
 * reflection follows the wanted T60 through Sabine's formula. Pulses land at fractional
 * delays through a short windowed sinc, so the response is band-limited like a recording.
 * Used by the echo benchmark and tests to make rooms that were never tuned on.
 */
export interface ShoeboxRoom {
  /** Room size in metres [x, y, z]. */
  size: [number, number, number];
  speaker: [number, number, number];
  mic: [number, number, number];
  t60Ms: number;
  /** Response length (default: the T60, at most 1 s). */
  lengthMs?: number;
  sampleRate?: number;
}

const SPEED_OF_SOUND = 343;
/** Half-width of the fractional-delay sinc in samples. */
const SINC_HALF = 8;

export function imageSourceResponse(room: ShoeboxRoom): Float32Array {
  const fs = room.sampleRate ?? 16_000;
  const [lx, ly, lz] = room.size;
  const volume = lx * ly * lz;
  const surface = 2 * (lx * ly + lx * lz + ly * lz);
  // Sabine: T60 = 0.161 V / (S a)  ->  absorption a, pressure reflection sqrt(1 - a).
  const absorption = Math.min(0.99, (0.161 * volume) / (surface * (room.t60Ms / 1000)));
  const beta = Math.sqrt(1 - absorption);
  const lengthMs = room.lengthMs ?? Math.min(1000, room.t60Ms);
  const n = Math.round((lengthMs * fs) / 1000);
  const out = new Float32Array(n);
  const maxDistance = (n / fs) * SPEED_OF_SOUND;
  const [sx, sy, sz] = room.speaker;
  const [mx, my, mz] = room.mic;
  const orders = (l: number) => Math.ceil(maxDistance / (2 * l)) + 1;
  const [nxMax, nyMax, nzMax] = [orders(lx), orders(ly), orders(lz)];
  for (let nx = -nxMax; nx <= nxMax; nx++) {
    for (let px = 0; px <= 1; px++) {
      const dx = (1 - 2 * px) * sx + 2 * nx * lx - mx;
      const bx = Math.abs(nx - px) + Math.abs(nx);
      for (let ny = -nyMax; ny <= nyMax; ny++) {
        for (let py = 0; py <= 1; py++) {
          const dy = (1 - 2 * py) * sy + 2 * ny * ly - my;
          const by = Math.abs(ny - py) + Math.abs(ny);
          const dxy = dx * dx + dy * dy;
          if (dxy > maxDistance * maxDistance) continue;
          for (let nz = -nzMax; nz <= nzMax; nz++) {
            for (let pz = 0; pz <= 1; pz++) {
              const dz = (1 - 2 * pz) * sz + 2 * nz * lz - mz;
              const distance = Math.sqrt(dxy + dz * dz);
              if (distance > maxDistance) continue;
              const bz = Math.abs(nz - pz) + Math.abs(nz);
              const gain = beta ** (bx + by + bz) / Math.max(distance, 0.05);
              addPulse(out, (distance / SPEED_OF_SOUND) * fs, gain);
            }
          }
        }
      }
    }
  }
  return out;
}

/** A pulse at a fractional delay: Hann-windowed sinc over +-SINC_HALF samples. */
function addPulse(out: Float32Array, delay: number, gain: number): void {
  const center = Math.round(delay);
  for (let i = center - SINC_HALF; i <= center + SINC_HALF; i++) {
    if (i < 0 || i >= out.length) continue;
    const t = i - delay;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    const window = 0.5 + 0.5 * Math.cos((Math.PI * t) / (SINC_HALF + 1));
    out[i]! += gain * sinc * window;
  }
}
