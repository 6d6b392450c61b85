/**
 * The config fields a client may send (KugelAudio's names and types), checked with a clear
 * message for each: voice_id (integer id or a local name), sample_rate, output_format as a
 * codec-rate token (pcm_16000, ulaw_8000, alaw_8000; absent means PCM16 at sample_rate),
 * word_timestamps, flush_timeout_ms. Generation knobs flite has no use for (cfg_scale,
 * temperature, max_new_tokens, normalize, language, speed, model_id) are accepted and kept so
 * `update_settings` can echo them.
 */
import { resolveVoice, unknownVoiceMessage, type VoiceSet } from './voices.js';

export type WireEncoding = 'pcm_s16le' | 'mulaw' | 'alaw';

export interface StreamConfig {
  /** A flite voice, or a neural voice id the server's engine speaks. */
  voice: string;
  sampleRate: number;
  encoding: WireEncoding;
  wordTimestamps: boolean;
  /** Buffered text with no new text for this long is synthesized anyway (with a warning). */
  flushTimeoutMs: number;
  /** The voices this server has (flite's alone unless a neural voice loaded). */
  voices?: VoiceSet;
}

/** 5 s: the reference protocol's auto-flush; long enough for any LLM token gap. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 5000;

export type ConfigResult = { config: StreamConfig } | { error: string; code: string };

/** The six generation settings `update_settings` may change (the SDKs' UPDATABLE_SETTINGS). */
export const UPDATABLE_SETTINGS = ['cfg_scale', 'temperature', 'speed', 'max_new_tokens', 'language', 'normalize'] as const;
/** Fixed for the connection: the SDKs say the server rejects them in an update. */
const FIXED_FIELDS = ['voice_id', 'model_id', 'sample_rate', 'output_format', 'project_id', 'dictionary_ids'];

export type GenerationSettings = Record<(typeof UPDATABLE_SETTINGS)[number], unknown>;

/** The server defaults the SDKs document: cfg 2.0, max 2048 tokens, speed 1.0, normalize on. */
export function defaultGenerationSettings(): GenerationSettings {
  return { cfg_scale: 2.0, temperature: null, speed: 1.0, max_new_tokens: 2048, language: null, normalize: true };
}

export function applyConfig(base: StreamConfig, frame: Record<string, unknown>): ConfigResult {
  const c = { ...base };
  if (frame.voice_id !== undefined) {
    const voice = resolveVoice(frame.voice_id, base.voices);
    if (!voice) return { code: 'NOT_FOUND', error: unknownVoiceMessage(frame.voice_id, base.voices) };
    c.voice = voice;
  }
  if (frame.sample_rate !== undefined) {
    const sr = frame.sample_rate;
    if (typeof sr !== 'number' || !Number.isInteger(sr) || sr < 8000 || sr > 48000) {
      return { code: 'VALIDATION_ERROR', error: `sample_rate must be an integer from 8000 to 48000, got ${JSON.stringify(sr)}.` };
    }
    c.sampleRate = sr;
  }
  if (frame.output_format !== undefined) {
    const parsed = parseOutputFormat(frame.output_format);
    if ('error' in parsed) return { code: 'VALIDATION_ERROR', error: parsed.error };
    if (frame.sample_rate !== undefined && parsed.sampleRate !== undefined && frame.sample_rate !== parsed.sampleRate) {
      return { code: 'VALIDATION_ERROR', error: `output_format ${String(frame.output_format)} contradicts sample_rate ${String(frame.sample_rate)}.` };
    }
    c.sampleRate = parsed.sampleRate ?? c.sampleRate;
    c.encoding = parsed.encoding;
  }
  if (frame.word_timestamps !== undefined) c.wordTimestamps = frame.word_timestamps === true;
  if (frame.flush_timeout_ms !== undefined) {
    const t = frame.flush_timeout_ms;
    if (typeof t !== 'number' || t < 100 || t > 60_000) return { code: 'VALIDATION_ERROR', error: 'flush_timeout_ms must be a number from 100 to 60000.' };
    c.flushTimeoutMs = t;
  }
  return { config: c };
}

/**
 * `pcm_16000` / `ulaw_8000` / `alaw_8000`; `pcm_s16le` (the older name of the default) keeps
 * the session's rate. G.711 is 8 kHz telephony, so ulaw/alaw accept only 8000.
 */
export function parseOutputFormat(value: unknown): { encoding: WireEncoding; sampleRate?: number } | { error: string } {
  if (value === 'pcm_s16le') return { encoding: 'pcm_s16le' };
  const m = typeof value === 'string' ? /^(pcm|ulaw|alaw)_(\d+)$/.exec(value) : null;
  const rate = m ? Number(m[2]) : NaN;
  if (!m || rate < 8000 || rate > 48000 || (m[1] !== 'pcm' && rate !== 8000)) {
    return {
      error: `output_format ${JSON.stringify(value)} is not supported; use pcm_<rate> (8000-48000), ulaw_8000 or alaw_8000, or leave it out for PCM16.`,
    };
  }
  return { encoding: m[1] === 'pcm' ? 'pcm_s16le' : m[1] === 'ulaw' ? 'mulaw' : 'alaw', sampleRate: rate };
}

/** Applies an `update_settings` body; the answer is the `settings_updated` echo or an error. */
export function applySettingsUpdate(current: GenerationSettings, body: unknown): { settings: GenerationSettings } | { error: string; code: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { code: 'VALIDATION_ERROR', error: 'update_settings must be an object of settings.' };
  const entries = Object.entries(body as Record<string, unknown>);
  const fixed = entries.find(([k]) => FIXED_FIELDS.includes(k));
  if (fixed) return { code: 'VALIDATION_ERROR', error: `${fixed[0]} is fixed for the connection and cannot be updated; end the session and start a new one.` };
  const unknown = entries.find(([k]) => !(UPDATABLE_SETTINGS as readonly string[]).includes(k));
  if (unknown) return { code: 'VALIDATION_ERROR', error: `Unknown setting ${unknown[0]}; updatable are ${UPDATABLE_SETTINGS.join(', ')}.` };
  if (entries.length === 0) return { code: 'VALIDATION_ERROR', error: `update_settings needs at least one of ${UPDATABLE_SETTINGS.join(', ')}.` };
  const next = { ...current };
  for (const [k, v] of entries) {
    const problem = checkSetting(k, v);
    if (problem) return { code: 'VALIDATION_ERROR', error: problem };
    next[k as keyof GenerationSettings] = v;
  }
  return { settings: next };
}

/** The ranges the SDKs document for each updatable setting. */
function checkSetting(name: string, v: unknown): string | null {
  const inRange = (lo: number, hi: number) => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;
  switch (name) {
    case 'cfg_scale':
      return inRange(0, 10) ? null : 'cfg_scale must be a number from 0 to 10.';
    case 'temperature':
      return inRange(0, 1) ? null : 'temperature must be a number from 0 to 1.';
    case 'speed':
      return inRange(0.8, 1.2) ? null : 'speed must be a number from 0.8 to 1.2.';
    case 'max_new_tokens':
      return Number.isInteger(v) && inRange(1, 2048) ? null : 'max_new_tokens must be an integer from 1 to 2048.';
    case 'language':
      return typeof v === 'string' && /^[a-z]{2,3}$/.test(v) ? null : 'language must be an ISO 639-1 code such as "en".';
    default:
      return typeof v === 'boolean' ? null : 'normalize must be true or false.';
  }
}
