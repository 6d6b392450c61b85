/**
 * The local server's voices and model, in KugelAudio's shapes: voices have integer ids (as the
 * service's do, e.g. 1071), and the REST listing matches `GET /v1/voices` / `GET /v1/models`
 * field for field so the official SDKs' `voices.list()` / `models.list()` work against it.
 * The names (slt, kal16, a neural voice's id) stay accepted wherever an id is, for old settings and scripts.
 */
import { FLITE_VOICES } from './flite-engine.js';

/** What the server speaks: flite's voices, plus a neural voice's ids when one loaded. */
export interface VoiceSet {
  has(voice: string): boolean;
  list(): readonly string[];
}

export interface LocalVoice {
  id: number;
  name: string;
  description: string;
  sex: 'male' | 'female' | 'neutral';
}

/** Ids 1-4 for flite: small, stable, and never 0 (the JS SDK drops a falsy voice id from voice_settings). */
const FLITE_CATALOGUE: readonly LocalVoice[] = [
  { id: 1, name: 'slt', description: 'US English, female (flite slt)', sex: 'female' },
  { id: 2, name: 'kal16', description: 'US English, male (flite kal16)', sex: 'male' },
  { id: 3, name: 'awb', description: 'Scottish English, male (flite awb)', sex: 'male' },
  { id: 4, name: 'rms', description: 'US English, male (flite rms)', sex: 'male' },
];
/** Neural voices are numbered from 101 in the engine's order, apart from flite's. */
const NEURAL_FIRST_ID = 101;

const FLITE_ONLY: VoiceSet = { has: (v) => (FLITE_VOICES as readonly string[]).includes(v), list: () => FLITE_VOICES };

/** Every voice this server speaks, with its integer id. */
export function localVoices(voices: VoiceSet = FLITE_ONLY): LocalVoice[] {
  const neural = voices.list().filter((v) => !(FLITE_VOICES as readonly string[]).includes(v));
  return [
    ...FLITE_CATALOGUE.filter((v) => voices.has(v.name)),
    ...neural.map((name, i) => ({ id: NEURAL_FIRST_ID + i, name, description: `Neural voice ${name} (sherpa-onnx)`, sex: 'neutral' as const })),
  ];
}

/** The model id KugelAudio's SDKs send by default; the local server speaks it with flite. */
export const LOCAL_MODEL_ID = 'kugel-3';

/** An integer id, a numeric string of one, or a voice name; null when it names no voice here. */
export function resolveVoice(value: unknown, voices: VoiceSet = FLITE_ONLY): string | null {
  if (typeof value === 'number') return localVoices(voices).find((v) => v.id === value)?.name ?? null;
  if (typeof value !== 'string') return null;
  if (/^\d+$/.test(value)) return resolveVoice(Number(value), voices);
  return voices.has(value) ? value : null;
}

export function unknownVoiceMessage(value: unknown, voices: VoiceSet = FLITE_ONLY): string {
  const known = localVoices(voices)
    .slice(0, 20)
    .map((v) => `${v.id} (${v.name})`)
    .join(', ');
  return `Voice ${JSON.stringify(value)} was not found; this server has ${known}.`;
}

function voiceBody(v: LocalVoice): Record<string, unknown> {
  return {
    id: v.id,
    name: v.name,
    description: v.description,
    category: 'premade',
    sex: v.sex,
    age: 'middle_aged',
    quality: 'low',
    supported_languages: ['en'],
    sample_text: 'Hello, this is the local voice.',
    avatar_url: null,
    sample_url: null,
    is_public: true,
    verified: true,
  };
}

/** `GET /v1/voices?language=&include_public=&limit=&offset=` as the service pages it. */
export function voiceListing(query: URLSearchParams, voices?: VoiceSet): Record<string, unknown> {
  const language = query.get('language');
  const matching = localVoices(voices).filter(() => !language || language === 'en');
  const limit = clampInt(query.get('limit'), 100, 1, 1000);
  const offset = clampInt(query.get('offset'), 0, 0, 1_000_000);
  return { voices: matching.slice(offset, offset + limit).map(voiceBody), total: matching.length, limit, offset };
}

export function voiceDetail(id: number, voices?: VoiceSet): Record<string, unknown> | null {
  const v = localVoices(voices).find((x) => x.id === id);
  return v ? { ...voiceBody(v), generative_voice_description: '', pending_verification: false } : null;
}

export function modelListing(sampleRate: number): Record<string, unknown> {
  return {
    models: [
      {
        id: LOCAL_MODEL_ID,
        name: 'Local flite',
        description: 'Offline speech synthesis on this computer (flite).',
        parameters: '',
        max_input_length: 20_000,
        sample_rate: sampleRate,
      },
    ],
  };
}

function clampInt(raw: string | null, fallback: number, min: number, max: number): number {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
