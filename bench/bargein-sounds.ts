/** Synthetic non-speech sounds for the barge-in set (bargein-corpus.ts): noise bursts and coughs, seeded. */

function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x / 2147483648) * 2 - 1;
  };
}

export function noise(ms: number, kind: 'brown' | 'white', seed: number): Float32Array {
  const out = new Float32Array((16_000 * ms) / 1000);
  const rand = lcg(seed);
  let brown = 0;
  for (let i = 0; i < out.length; i++) {
    const white = rand();
    brown = Math.max(-1, Math.min(1, brown + white * 0.08));
    const fade = Math.min(1, i / 160, (out.length - i) / 800);
    out[i] = (kind === 'brown' ? brown * 0.8 : white * 0.25) * fade;
  }
  return out;
}

/** A cough: 1-3 bursts of low-passed noise, sharp attack, ~40 ms decay, 80-150 ms apart. */
export function cough(bursts: number, seed: number): Float32Array {
  const burstMs = 140;
  const gapMs = 90 + (seed % 4) * 20;
  const out = new Float32Array(Math.round((16_000 * (bursts * (burstMs + gapMs))) / 1000));
  const rand = lcg(seed);
  let lp = 0;
  for (let b = 0; b < bursts; b++) {
    const start = Math.round((b * (burstMs + gapMs) * 16_000) / 1000);
    for (let i = 0; i < (burstMs * 16_000) / 1000; i++) {
      lp += 0.3 * (rand() - lp);
      const env = Math.min(1, i / 48) * Math.exp(-i / (16 * 45));
      out[start + i] = 0.7 * lp * env * (1 - 0.3 * b);
    }
  }
  return out;
}
