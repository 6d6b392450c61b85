/** The config fields a client may send on the first frame of a turn, checked with a clear message for each. */
import { FLITE_VOICES, isFliteVoice } from './flite-engine.js';

export interface StreamConfig {
  /** A flite voice, or a neural voice id the server's engine speaks. */
  voice: string;
  sampleRate: number;
  wordTimestamps: boolean;
  /** Buffered text with no new text for this long is synthesized anyway (with a warning). */
  flushTimeoutMs: number;
  /** The voices this server has (flite's alone unless a neural voice loaded). */
  voices?: { has(voice: string): boolean; list(): readonly string[] };
}

/** 5 s: the reference protocol's auto-flush; long enough for any LLM token gap. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 5000;

export function applyConfig(base: StreamConfig, frame: Record<string, unknown>): { config: StreamConfig } | { error: string; code: string } {
  const c = { ...base };
  if (frame.voice_id !== undefined) {
    const known = typeof frame.voice_id === 'string' && (base.voices ? base.voices.has(frame.voice_id) : isFliteVoice(frame.voice_id));
    if (!known) return { code: 'INVALID_VOICE', error: `Unknown voice_id ${JSON.stringify(frame.voice_id)}; this server has ${(base.voices?.list() ?? FLITE_VOICES).slice(0, 20).join(', ')}.` };
    c.voice = frame.voice_id as string;
  }
  if (frame.sample_rate !== undefined) {
    const sr = frame.sample_rate;
    if (typeof sr !== 'number' || !Number.isInteger(sr) || sr < 8000 || sr > 48000) {
      return { code: 'INVALID_SAMPLE_RATE', error: `sample_rate must be an integer from 8000 to 48000, got ${JSON.stringify(sr)}.` };
    }
    c.sampleRate = sr;
  }
  if (frame.output_format !== undefined && frame.output_format !== 'pcm_s16le') {
    return { code: 'INVALID_OUTPUT_FORMAT', error: `output_format ${JSON.stringify(frame.output_format)} is not supported; use pcm_s16le.` };
  }
  if (frame.word_timestamps !== undefined) c.wordTimestamps = frame.word_timestamps === true;
  if (frame.flush_timeout_ms !== undefined) {
    const t = frame.flush_timeout_ms;
    if (typeof t !== 'number' || t < 100 || t > 60_000) return { code: 'INVALID_FLUSH_TIMEOUT', error: 'flush_timeout_ms must be a number from 100 to 60000.' };
    c.flushTimeoutMs = t;
  }
  return { config: c };
}
