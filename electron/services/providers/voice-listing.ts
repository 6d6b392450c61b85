/**
 * The Voice field's choices: the voices the chosen service has, asked of the service itself
 * (the built-in server's voices and downloaded natural voices; KugelAudio's `GET /v1/voices`;
 * ElevenLabs' `GET /v1/voices`; Cartesia's `GET /voices`; Deepgram's `GET /v1/models`, whose
 * `tts` entries are the Aura voices). When there is no listing (no key yet, service down),
 * the answer says why, and the field stays a free-text id.
 * Never throws: every failure is a note.
 */
import type { TtsSettings } from '../../contract/settings/tts.js';
import type { ModelManager } from '../../engine/models/model-manager.js';
import { localVoices } from '../../engine/tts/local-server/voices.js';
import { kugelVoiceId } from '../../engine/tts/kugel-service.js';
import { CARTESIA_VERSION } from '../../engine/tts/vendors/cartesia.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { kugelListing } from './kugel-voices.js';

export interface VoiceOption {
  /** What the Voice setting stores. */
  id: string;
  /** What the person reads: the name, with language or accent when the service says. */
  label: string;
}

export interface VoiceListing {
  voices: VoiceOption[];
  /** Empty when listed; else why not, and that a typed id works. */
  note: string;
}

/** Where the vendors' REST APIs live (tests point them at servers on 127.0.0.1). */
export interface VoiceApiBases {
  elevenlabs: string;
  cartesia: string;
  deepgram: string;
}

export const VOICE_API_BASES: VoiceApiBases = {
  elevenlabs: 'https://api.elevenlabs.io',
  cartesia: 'https://api.cartesia.ai',
  deepgram: 'https://api.deepgram.com',
};

export interface VoiceListingDeps {
  secrets: SecretStore;
  models: ModelManager;
  apis?: Partial<VoiceApiBases>;
  /** 5 s: a listing answers within a second; longer means a wrong address. */
  timeoutMs?: number;
}

const MAX_VOICES = 500;
const TYPE_AN_ID = 'You can still type a voice id.';

export async function listVoices(tts: TtsSettings, deps: VoiceListingDeps): Promise<VoiceListing> {
  const timeoutMs = deps.timeoutMs ?? 5000;
  const apis = { ...VOICE_API_BASES, ...deps.apis };
  try {
    switch (tts.provider) {
      case 'local':
        return { voices: await builtInVoices(deps.models), note: '' };
      case 'kugel': {
        // The service needs a key; a self-hosted server (an address) may not.
        if (!tts.endpointUrl && !deps.secrets.get('kugel')) return noKey('KugelAudio');
        const { voices } = await kugelListing(tts, deps.secrets, timeoutMs);
        return listed(
          voices.map((v) => ({ id: String(kugelVoiceId(v)), label: v })),
          'KugelAudio',
        );
      }
      case 'elevenlabs': {
        const key = deps.secrets.get('elevenlabs');
        if (!key) return noKey('ElevenLabs');
        const body = await getJson(`${apis.elevenlabs}/v1/voices`, { 'xi-api-key': key }, 'ElevenLabs', timeoutMs);
        return listed(arrayAt(body, 'voices').flatMap(elevenLabsVoice), 'ElevenLabs');
      }
      case 'cartesia': {
        const key = deps.secrets.get('cartesia');
        if (!key) return noKey('Cartesia');
        const body = await getJson(`${apis.cartesia}/voices?limit=100`, { 'X-API-Key': key, 'Cartesia-Version': CARTESIA_VERSION }, 'Cartesia', timeoutMs);
        // Newer API versions page the list ({ data: [...] }); older ones answered with the array.
        return listed((Array.isArray(body) ? body : arrayAt(body, 'data')).flatMap(cartesiaVoice), 'Cartesia');
      }
      case 'deepgram': {
        const key = deps.secrets.get('deepgram');
        if (!key) return noKey('Deepgram');
        const body = await getJson(`${apis.deepgram}/v1/models`, { authorization: `Token ${key}` }, 'Deepgram', timeoutMs);
        return listed(arrayAt(body, 'tts').flatMap(deepgramVoice), 'Deepgram');
      }
      default:
        // A vendor added to the registry without a listing here.
        return { voices: [], note: `This voice service has no voice list in Interject yet. Type its voice id.` };
    }
  } catch (error) {
    return { voices: [], note: `${(error as Error).message} ${TYPE_AN_ID}` };
  }
}

/** flite's voices, then each downloaded natural voice's speakers ("<model id>:<speaker>"). */
async function builtInVoices(models: ModelManager): Promise<VoiceOption[]> {
  const voices: VoiceOption[] = localVoices().map((v) => ({ id: v.name, label: `${v.name} — ${v.description}` }));
  for (const entry of models.entries()) {
    if (entry.purpose !== 'tts' || !entry.tts) continue;
    if (!(await models.pathOf(entry.id).catch(() => undefined))) continue;
    for (const speaker of entry.tts.speakers) voices.push({ id: `${entry.id}:${speaker}`, label: `${speaker} — ${entry.title}` });
  }
  return voices;
}

function listed(voices: VoiceOption[], service: string): VoiceListing {
  if (voices.length === 0) return { voices, note: `${service} lists no voices for this account. ${TYPE_AN_ID}` };
  return { voices: voices.slice(0, MAX_VOICES), note: '' };
}

function noKey(service: string): VoiceListing {
  return { voices: [], note: `Enter your ${service} API key (below) to choose from its voices. ${TYPE_AN_ID}` };
}

async function getJson(url: string, headers: Record<string, string>, service: string, timeoutMs: number): Promise<unknown> {
  const host = new URL(url).host;
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (cause ?? (e as Error).message);
    throw new Error(`Cannot reach ${service} at ${host} (${why}) to list its voices.`);
  }
  if (res.status === 401 || res.status === 403)
    throw new Error(`${service} refused the API key (HTTP ${res.status}), so its voices cannot be listed. Check the key.`);
  if (!res.ok) throw new Error(`${service} answered HTTP ${res.status} when asked for its voices.`);
  try {
    return await res.json();
  } catch {
    throw new Error(`${service} at ${host} did not answer with a voice list.`);
  }
}

function arrayAt(body: unknown, key: string): unknown[] {
  const value = (body as Record<string, unknown> | null)?.[key];
  return Array.isArray(value) ? value : [];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** "Rachel (american, female)". */
function elevenLabsVoice(v: unknown): VoiceOption[] {
  const r = v as Record<string, unknown>;
  const id = str(r?.voice_id);
  if (!id) return [];
  const labels = (r.labels ?? {}) as Record<string, unknown>;
  const traits = [str(labels.accent), str(labels.gender)].filter(Boolean);
  return [{ id, label: `${str(r.name) ?? id}${traits.length ? ` (${traits.join(', ')})` : ''}` }];
}

/** "Sarah (en)". */
function cartesiaVoice(v: unknown): VoiceOption[] {
  const r = v as Record<string, unknown>;
  const id = str(r?.id);
  if (!id) return [];
  const language = str(r.language);
  return [{ id, label: `${str(r.name) ?? id}${language ? ` (${language})` : ''}` }];
}

/** Aura voices by their model id ("aura-2-thalia-en"), named "Thalia (en-US)". */
function deepgramVoice(v: unknown): VoiceOption[] {
  const r = v as Record<string, unknown>;
  const id = str(r?.canonical_name);
  if (!id) return [];
  const languages = Array.isArray(r.languages) ? r.languages.filter((l): l is string => typeof l === 'string') : [];
  const name = str(r.name) ?? id;
  return [{ id, label: `${name.charAt(0).toUpperCase()}${name.slice(1)}${languages.length ? ` (${languages.join(', ')})` : ''}` }];
}
