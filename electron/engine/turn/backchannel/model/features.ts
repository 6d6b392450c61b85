/**
 * What the phrase model sees of a phrase: the mean and the elementwise maximum of its words' unit vectors (vectors.ts),
 * how many words it has and how many of them have a vector. Meaning, not word identity: "that's bonkers" lands near
 * "that's mad" and "how wild" though no rule or list names "bonkers". Words in `wordsOf` form.
 */
import type { WordVectors } from './vectors.js';

/** Phrases longer than this are seldom backchannels; the count feature saturates here. */
const MAX_COUNTED_WORDS = 8;

export function featureCount(dims: number): number {
  return 2 * dims + 2;
}

/** The mean of the known words' unit vectors (zeros when none is known), for nearest phrases. */
export function meanVector(vectors: WordVectors, words: readonly string[]): Float32Array {
  const mean = new Float32Array(vectors.dims);
  let known = 0;
  for (const w of words) if (vectors.addTo(w, mean)) known++;
  if (known > 0) for (let d = 0; d < mean.length; d++) mean[d]! /= known;
  return mean;
}

export function phraseFeatures(vectors: WordVectors, words: readonly string[]): Float32Array {
  const dims = vectors.dims;
  const out = new Float32Array(featureCount(dims));
  const one = new Float32Array(dims);
  const max = out.subarray(dims, 2 * dims).fill(-Infinity);
  let known = 0;
  for (const w of words) {
    one.fill(0);
    if (!vectors.addTo(w, one)) continue;
    known++;
    for (let d = 0; d < dims; d++) {
      out[d]! += one[d]!;
      if (one[d]! > max[d]!) max[d] = one[d]!;
    }
  }
  if (known === 0) max.fill(0);
  else for (let d = 0; d < dims; d++) out[d]! /= known;
  out[2 * dims] = Math.min(words.length, MAX_COUNTED_WORDS) / MAX_COUNTED_WORDS;
  out[2 * dims + 1] = words.length === 0 ? 0 : known / words.length;
  return out;
}
