/**
 * KugelAudio the service, as its official SDKs reach it: the API host (api.kugelaudio.com, or
 * api.eu.kugelaudio.com for an `eu-` key, whose prefix is stripped), the streaming WebSocket at
 * `/ws/tts/stream?api_key=KEY`, and the REST listings `GET /v1/voices` and `GET /v1/models` with
 * `X-API-Key` and `Authorization: Bearer` headers. A self-hosted or test server keeps working by
 * giving its own ws:// address; its REST base is the same host over http(s).
 */
import { TtsError } from './tts-error.js';

export const KUGEL_API_URL = 'https://api.kugelaudio.com';
export const KUGEL_EU_API_URL = 'https://api.eu.kugelaudio.com';
export const KUGEL_STREAM_PATH = '/ws/tts/stream';

export interface KugelEndpoints {
  /** The streaming WebSocket, key included as the SDKs send it. */
  wsUrl: string;
  /** Where the REST listings live (https://host, or http://host for a ws:// server). */
  restBase: string;
  /** The key as sent (a region prefix removed). */
  apiKey?: string;
}

/** `endpointUrl` empty: the service itself (EU for an `eu-` key). Otherwise that server. */
export function kugelEndpoints(endpointUrl: string, apiKey?: string): KugelEndpoints {
  let key = apiKey || undefined;
  let region: 'eu' | undefined;
  for (const prefix of ['eu-', 'us-', 'global-']) {
    if (key?.startsWith(prefix)) {
      key = key.slice(prefix.length);
      if (prefix === 'eu-') region = 'eu';
    }
  }
  const base = endpointUrl.trim() || `${(region === 'eu' ? KUGEL_EU_API_URL : KUGEL_API_URL).replace(/^https:/, 'wss:')}${KUGEL_STREAM_PATH}`;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new TtsError('BAD_INPUT', `The KugelAudio address "${endpointUrl}" is not a valid URL; leave it empty for the KugelAudio service.`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw new TtsError('BAD_INPUT', `The KugelAudio address must start with ws:// or wss://, got "${endpointUrl}".`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = KUGEL_STREAM_PATH;
  if (key) url.searchParams.set('api_key', key);
  const restBase = `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}`;
  return { wsUrl: url.toString(), restBase, ...(key ? { apiKey: key } : {}) };
}

/**
 * KugelAudio voice ids are integers (e.g. 1071). A picked entry "1071 — Anna (de, en)" counts
 * as 1071. A name such as "slt" is a local voice, not a KugelAudio one: a clear error.
 */
export function kugelVoiceId(voice: string): number {
  const m = /^\s*(\d{1,9})\b/.exec(voice);
  if (!m) {
    throw new TtsError(
      'BAD_INPUT',
      `KugelAudio voices are numbers (for example 1071), and "${voice}" is not one. Press Test under the voice settings to list your KugelAudio voices, then pick one.`,
    );
  }
  return Number(m[1]);
}

export interface KugelVoice {
  id: number;
  name: string;
  languages: string[];
}

/** "1071 — Anna (de, en)": what the voice picker offers; kugelVoiceId reads the id back. */
export function voiceChoice(v: KugelVoice): string {
  return `${v.id} — ${v.name}${v.languages.length ? ` (${v.languages.join(', ')})` : ''}`;
}

/** The SDKs' auth headers for REST. */
function headers(apiKey: string): Record<string, string> {
  return { 'X-API-Key': apiKey, Authorization: `Bearer ${apiKey}` };
}

/** A refused REST call, in the person's words (statuses as the SDKs classify them). */
function refusal(status: number): TtsError {
  if (status === 401 || status === 403)
    return new TtsError('AUTH_FAILED', `KugelAudio refused the API key (HTTP ${status}). Check the key in Settings → Voices and providers.`);
  if (status === 402)
    return new TtsError('NO_CREDITS', 'Your KugelAudio account is out of credits (HTTP 402). Top it up at app.kugelaudio.com, or choose another voice.');
  if (status === 429)
    return new TtsError('RATE_LIMITED', 'KugelAudio is limiting requests from this account right now (HTTP 429). Wait a minute and try again.');
  return new TtsError('SERVER_ERROR', `KugelAudio answered HTTP ${status}. Try again shortly.`);
}

async function getJson(url: string, apiKey: string, timeoutMs: number, fetchImpl: typeof fetch): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: headers(apiKey), signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e as Error).message;
    throw new TtsError('CONNECT_FAILED', `Cannot reach KugelAudio at ${new URL(url).host} (${why}). Is the address right?`);
  }
  if (!res.ok) throw refusal(res.status);
  try {
    return await res.json();
  } catch {
    throw new TtsError('MALFORMED_FRAME', `KugelAudio at ${new URL(url).host} did not answer with JSON.`);
  }
}

/** `GET /v1/voices` (first 100), as voices.list() reads it. */
export async function listKugelVoices(restBase: string, apiKey: string, options: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}): Promise<KugelVoice[]> {
  const body = (await getJson(`${restBase}/v1/voices?limit=100`, apiKey, options.timeoutMs ?? 5000, options.fetchImpl ?? fetch)) as { voices?: unknown };
  if (!Array.isArray(body?.voices)) throw new TtsError('MALFORMED_FRAME', 'KugelAudio sent a voice list without "voices".');
  return body.voices.flatMap((v: Record<string, unknown>) =>
    Number.isInteger(v?.id) && typeof v.name === 'string'
      ? [
          {
            id: v.id as number,
            name: v.name,
            languages: Array.isArray(v.supported_languages) ? v.supported_languages.filter((l): l is string => typeof l === 'string') : [],
          },
        ]
      : [],
  );
}

/** `GET /v1/models`: the model ids (the service speaks kugel-3; older ids alias to it). */
export async function listKugelModels(restBase: string, apiKey: string, options: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}): Promise<string[]> {
  const body = (await getJson(`${restBase}/v1/models`, apiKey, options.timeoutMs ?? 5000, options.fetchImpl ?? fetch)) as { models?: unknown };
  return Array.isArray(body?.models) ? body.models.flatMap((m: Record<string, unknown>) => (typeof m?.id === 'string' ? [m.id] : [])) : [];
}
