/**
 * The Test button of each provider (recognizer, language model, voice): checks the address,
 * the key and the model with the settings being edited (not yet saved), before any session,
 * and says what it found in one sentence ("LM Studio at 127.0.0.1:1234, 3 models").
 * Never throws: every failure is an answer with ok: false.
 */
import { basename } from 'node:path';
import { WebSocket } from 'ws';
import type { ProvidersSettings } from '../../contract/settings/providers.js';
import type { TtsSettings } from '../../contract/settings/tts.js';
import type { Clock } from '../../engine/clock.js';
import { listModels } from '../../engine/llm/model-list.js';
import type { LocalServer } from '../../engine/llm/local-servers.js';
import type { Logger } from '../../engine/logger.js';
import type { ModelManager } from '../../engine/models/model-manager.js';
import { OPENAI_BASE_URL, whatIsReady } from '../../engine/models/readiness.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { deepgramListenUrl } from '../voice/provider-resolver.js';
import { openSessionTts } from '../voice/session-tts.js';
import { kugelListing, type KugelListing } from './kugel-voices.js';

export interface ProviderTestResult {
  ok: boolean;
  /** One sentence for the person: what answered, or what is wrong and what to do. */
  summary: string;
  /** Models the server lists (for the Model dropdown); empty when there is no list. */
  models: string[];
}

export interface ProviderTestDeps {
  secrets: SecretStore;
  models: ModelManager;
  clock: Clock;
  logger: Logger;
  detect?: () => Promise<LocalServer[]>;
  /** 5 s: local servers answer in milliseconds and cloud APIs within a second; longer means a wrong address. */
  timeoutMs?: number;
}

const KNOWN_SERVERS: Array<[RegExp, string]> = [
  [/^api\.openai\.com$/, 'OpenAI'],
  [/:11434$/, 'Ollama'],
  [/:1234$/, 'LM Studio'],
  [/^api\.deepgram\.com$/, 'Deepgram'],
  [/openrouter\.ai$/, 'OpenRouter'],
];

/** "LM Studio at 127.0.0.1:1234" (a known port or host), else "The server at host". */
export function serverName(baseUrl: string): string {
  const host = new URL(baseUrl).host;
  const known = KNOWN_SERVERS.find(([re]) => re.test(host))?.[1];
  return known ? `${known} at ${host}` : `The server at ${host}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const fail = (summary: string): ProviderTestResult => ({ ok: false, summary, models: [] });

function readinessDeps(providers: ProvidersSettings, deps: ProviderTestDeps) {
  return { settings: providers, models: deps.models, hasKey: (id: string) => !!deps.secrets.get(id), ...(deps.detect ? { detect: deps.detect } : {}) };
}

export async function testLanguageModel(providers: ProvidersSettings, deps: ProviderTestDeps): Promise<ProviderTestResult> {
  const { llm } = await whatIsReady(readinessDeps(providers, deps));
  if (!llm.ready || !llm.plan) return fail(llm.reason ?? 'The language model is not ready.');
  const plan = llm.plan;
  if (plan.kind === 'embedded') return { ok: true, summary: `The built-in model is ready (${basename(plan.modelPath)}).`, models: [] };
  const name = plan.serverName ? `${plan.serverName} at ${new URL(plan.baseUrl).host}` : serverName(plan.baseUrl);
  const apiKey = plan.source === 'settings' ? deps.secrets.get('openai-llm') || undefined : undefined;
  try {
    const models = await listModels({ baseUrl: plan.baseUrl, apiKey, clock: deps.clock, timeoutMs: deps.timeoutMs });
    if (models.length === 0) return fail(`${name} answers, but has no model loaded. Load one in the server, then test again.`);
    const found = `${name}, ${plural(models.length, 'model')}`;
    if (providers.llmModel && !models.includes(providers.llmModel)) {
      return { ok: false, summary: `${found}, but none is called "${providers.llmModel}". Pick one from the list.`, models };
    }
    const using = providers.llmModel || models[0]!;
    return { ok: true, summary: `${found}; answers will use ${using}.`, models };
  } catch (error) {
    return fail((error as Error).message);
  }
}

export async function testRecognizer(providers: ProvidersSettings, deps: ProviderTestDeps): Promise<ProviderTestResult> {
  const { stt } = await whatIsReady(readinessDeps(providers, deps));
  if (!stt.ready || !stt.plan) return fail(stt.reason ?? 'Speech recognition is not ready.');
  const plan = stt.plan;
  switch (plan.kind) {
    case 'local':
      return { ok: true, summary: 'The built-in recognizer is downloaded and ready.', models: [] };
    case 'deepgram': {
      const url = providers.sttEndpoint ? deepgramListenUrl(providers.sttEndpoint) : 'wss://api.deepgram.com/v1/listen';
      return probeWebSocket(
        url,
        { authorization: `Token ${deps.secrets.get('deepgram') ?? ''}` },
        `Deepgram at ${new URL(url).host}`,
        deps.timeoutMs ?? 5000,
        plan.model,
      );
    }
    case 'openai-compatible': {
      const name = plan.baseUrl === OPENAI_BASE_URL ? 'OpenAI' : serverName(plan.baseUrl);
      try {
        const models = await listModels({
          baseUrl: plan.baseUrl,
          apiKey: deps.secrets.get('openai-stt') || undefined,
          clock: deps.clock,
          timeoutMs: deps.timeoutMs,
        });
        if (providers.sttModel && models.length > 0 && !models.includes(providers.sttModel)) {
          return { ok: false, summary: `${name}, ${plural(models.length, 'model')}, but none is called "${providers.sttModel}".`, models };
        }
        return { ok: true, summary: `${name} answers; speech will be transcribed with ${plan.model}.`, models };
      } catch (error) {
        return fail((error as Error).message);
      }
    }
  }
}

/** Opens the live-transcription socket with the key, and closes it as soon as it is accepted. */
function probeWebSocket(url: string, headers: Record<string, string>, name: string, timeoutMs: number, model: string): Promise<ProviderTestResult> {
  return new Promise((resolve) => {
    const u = new URL(url);
    u.searchParams.set('model', model);
    const socket = new WebSocket(u, { headers });
    const done = (result: ProviderTestResult) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => done(fail(`${name} did not answer within ${timeoutMs / 1000} s. Is the address right?`)), timeoutMs);
    socket.on('open', () => done({ ok: true, summary: `${name} accepted the key; speech will be transcribed with ${model}.`, models: [] }));
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      done(
        fail(
          status === 401 || status === 403
            ? `${name} refused the API key (HTTP ${status}). Check the key.`
            : `${name} refused the connection (HTTP ${status}). Check the address and model.`,
        ),
      );
    });
    socket.on('error', (e: Error & { code?: string }) => done(fail(`Cannot reach ${u.host} (${e.code ?? e.message}). Is the address right?`)));
  });
}

/** Speaks one short word with the voice settings being edited: the only way to know the key and the voice both work. */
export async function testVoice(tts: TtsSettings, deps: ProviderTestDeps): Promise<ProviderTestResult> {
  const timeoutMs = deps.timeoutMs ?? 8000;
  let opened: Awaited<ReturnType<typeof openSessionTts>> | undefined;
  // KugelAudio: the voice listing fills the Voice field's choices, and answers even when the voice set is not one yet.
  let listing: KugelListing | undefined;
  try {
    if (tts.provider === 'kugel') {
      listing = await kugelListing(tts, deps.secrets, timeoutMs);
      if (!/^\s*\d+/.test(tts.voice)) {
        return {
          ok: false,
          summary: `KugelAudio has ${plural(listing.voices.length, 'voice')} for this key; pick one in the Voice field, then Test again.`,
          models: listing.voices,
        };
      }
    }
    opened = await openSessionTts(tts, { clock: deps.clock, logger: deps.logger, secrets: deps.secrets, playback: { clear: () => undefined } });
    const client = opened.client;
    const startedMs = deps.clock.nowMs();
    const what = opened.description;
    const firstAudio = new Promise<number>((resolve, reject) => {
      client.once('audio', () => resolve(deps.clock.nowMs() - startedMs));
      client.once('error', reject);
      // The client reconnects on its own in a session; for a test, a failed connection is the answer.
      client.once('reconnecting', () => reject(new Error(`Cannot reach ${what}. Is the address right and the server running?`)));
    });
    firstAudio.catch(() => undefined);
    await withTimeout(Promise.race([client.connect(), firstAudio.then(() => undefined)]), timeoutMs, `${what} did not answer within ${timeoutMs / 1000} s.`);
    client.send('Testing.', { flush: true });
    const ms = await withTimeout(firstAudio, timeoutMs, `${what} sent no audio within ${timeoutMs / 1000} s.`);
    const listed = listing
      ? ` ${plural(listing.voices.length, 'voice')} to choose from${listing.models.length ? `; model ${listing.models.join(', ')}` : ''}.`
      : '';
    return {
      ok: true,
      summary: `${capitalize(opened.description)} spoke with voice "${tts.voice}" (first audio after ${Math.round(ms)} ms).${listed}`,
      models: listing?.voices ?? [],
    };
  } catch (error) {
    return { ...fail((error as Error).message), models: listing?.voices ?? [] };
  } finally {
    await opened?.close().catch(() => undefined);
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}
