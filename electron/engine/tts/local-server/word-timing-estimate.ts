/**
 * flite (through its command-line WASI build) reports no word boundaries, so the local server
 * ESTIMATES word timestamps: the voiced span of each synthesized piece (found by energy) is
 * shared among its words in proportion to their length, with extra weight for punctuation
 * pauses. Good to a word or so, which is what cutting a transcript at "what was heard" needs.
 */

/** A word as KugelAudio reports it: times in ms and char offsets [charStart, charEnd) into the text given. */
export interface EstimatedWord {
  word: string;
  startMs: number;
  endMs: number;
  charStart: number;
  charEnd: number;
}

/** 10 ms analysis windows; -40 dBFS counts as sound (flite's silences are digital zero or near it). */
const WINDOW_MS = 10;
const SILENCE_RMS = 0.01;

export function voicedSpanMs(samples: Float32Array, sampleRate: number): { startMs: number; endMs: number } {
  const win = Math.max(1, Math.round((sampleRate * WINDOW_MS) / 1000));
  let first = -1;
  let last = -1;
  for (let w = 0; w * win < samples.length; w++) {
    let sum = 0;
    const end = Math.min(samples.length, (w + 1) * win);
    for (let i = w * win; i < end; i++) sum += samples[i]! * samples[i]!;
    if (Math.sqrt(sum / (end - w * win)) > SILENCE_RMS) {
      if (first < 0) first = w;
      last = w;
    }
  }
  const totalMs = (samples.length * 1000) / sampleRate;
  if (first < 0) return { startMs: 0, endMs: totalMs };
  return { startMs: first * WINDOW_MS, endMs: Math.min(totalMs, (last + 1) * WINDOW_MS) };
}

export function estimateWordTimings(text: string, samples: Float32Array, sampleRate: number, offsetMs = 0): EstimatedWord[] {
  const tokens = [...text.matchAll(/\S+/g)].filter((m) => /[\p{L}\p{N}]/u.test(m[0]));
  if (tokens.length === 0) return [];
  const words = tokens.map((m) => m[0]);
  const span = voicedSpanMs(samples, sampleRate);
  // Weight: letters plus a little for the syllable onset; trailing punctuation adds a pause after the word.
  const weights = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '').length + 2);
  const pauses = words.map((w, i): number => (i < words.length - 1 && /[,;:.!?]$/.test(w) ? 4 : 0));
  const total = weights.reduce((a, b) => a + b, 0) + pauses.reduce((a, b) => a + b, 0);
  const msPerUnit = (span.endMs - span.startMs) / total;
  const out: EstimatedWord[] = [];
  let t = span.startMs;
  tokens.forEach((m, i) => {
    const start = t;
    t += weights[i]! * msPerUnit;
    // The word without surrounding punctuation, and its exact place in the text.
    const lead = /^[^\p{L}\p{N}]*/u.exec(m[0])![0].length;
    const word = m[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const charStart = m.index + lead;
    out.push({ word, startMs: Math.round(offsetMs + start), endMs: Math.round(offsetMs + t), charStart, charEnd: charStart + word.length });
    t += pauses[i]! * msPerUnit;
  });
  return out;
}
