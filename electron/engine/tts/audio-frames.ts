/** Validation of server audio and word-timestamp frames, shared by the protocol clients. */
import { decodeBase64Pcm, decodePcm } from './pcm.js';
import { TtsError } from './tts-error.js';
import type { WordTiming } from './types.js';

/**
 * Checks `enc` and `sr` of a base64 audio frame and decodes it. A missing `enc`/`sr` falls back
 * to what was asked for (some servers omit them); a present but wrong one is an error, because
 * playing audio at the wrong rate or format is worse than skipping it.
 */
export function decodeAudioFrame(msg: Record<string, unknown>, fallback: { enc: string; sampleRate: number }): { samples: Float32Array; sampleRate: number } {
  const binary = msg.audio instanceof Uint8Array;
  if (typeof msg.audio !== 'string' && !binary) throw new TtsError('MALFORMED_FRAME', 'An audio frame has no base64 "audio" string.');
  const enc = msg.enc === undefined ? fallback.enc : msg.enc;
  if (typeof enc !== 'string') throw new TtsError('UNSUPPORTED_ENCODING', `An audio frame has a non-string "enc" (${JSON.stringify(enc)}).`);
  const sr = msg.sr === undefined ? fallback.sampleRate : msg.sr;
  if (typeof sr !== 'number' || !Number.isInteger(sr) || sr < 1000 || sr > 384_000) {
    throw new TtsError('BAD_SAMPLE_RATE', `An audio frame has an impossible sample rate "sr": ${JSON.stringify(sr)}.`);
  }
  // Binary frames (Deepgram) arrive as bytes; JSON ones as base64.
  const samples = binary ? decodePcm(msg.audio as Uint8Array, enc) : decodeBase64Pcm(msg.audio as string, enc);
  return { samples, sampleRate: sr };
}

/**
 * Word timestamps as KugelAudio's `[{word, start_ms, end_ms, char_start, char_end, score}]`, or
 * `[{word, start, end}]` in seconds (vendors). Malformed entries are skipped, not fatal.
 */
export function parseWordTimings(value: unknown): WordTiming[] {
  if (!Array.isArray(value)) return [];
  const out: WordTiming[] = [];
  for (const entry of value) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    const word = typeof e.word === 'string' ? e.word : typeof e.text === 'string' ? e.text : undefined;
    const startMs = typeof e.start_ms === 'number' ? e.start_ms : typeof e.start === 'number' ? e.start * 1000 : undefined;
    const endMs = typeof e.end_ms === 'number' ? e.end_ms : typeof e.end === 'number' ? e.end * 1000 : undefined;
    if (word === undefined || startMs === undefined || endMs === undefined) continue;
    const w: WordTiming = { word, startMs, endMs };
    if (Number.isInteger(e.char_start) && Number.isInteger(e.char_end) && (e.char_end as number) >= (e.char_start as number)) {
      w.charStart = e.char_start as number;
      w.charEnd = e.char_end as number;
    }
    if (typeof e.score === 'number') w.score = e.score;
    out.push(w);
  }
  return out;
}
