/**
 * Builds the speech recognizer and language model of a session from the readiness plans
 * (engine/models/readiness.ts decides what can run; this file only constructs it). Whatever
 * is not ready resolves to null with the reason; then the session runs in practice mode.
 */
import type { ProvidersSettings, ProviderSecretId } from '../../contract/settings/providers.js';
import type { LocalServer } from '../../engine/llm/local-servers.js';
import { EmbeddedLlamaModel } from '../../engine/llm/embedded-llama.js';
import { OpenAiChatModel } from '../../engine/llm/openai-chat.js';
import type { LanguageModel } from '../../engine/llm/types.js';
import type { Logger } from '../../engine/logger.js';
import type { HardwareDetector } from '../../engine/models/hardware.js';
import type { ModelManager } from '../../engine/models/model-manager.js';
import { whatIsReady, type LlmPlan, type SttPlan } from '../../engine/models/readiness.js';
import { DeepgramRecognizer } from '../../engine/stt/deepgram-streaming.js';
import { OpenAiTranscriptionRecognizer } from '../../engine/stt/openai-transcription.js';
import { SherpaRecognizer } from '../../engine/stt/sherpa-streaming.js';
import type { SpeechRecognizer } from '../../engine/stt/types.js';
import type { SecretStore } from '../secrets/secret-store.js';

export interface ResolvedProviders {
  stt: SpeechRecognizer | null;
  llm: LanguageModel | null;
  /** Why a part is not ready, in words for the person. */
  notes: string[];
}

export interface ProviderResolverDeps {
  secrets: SecretStore;
  models: ModelManager;
  logger: Logger;
  /** Ollama/LM Studio probe; injectable so tests never touch real ports. */
  detect?: () => Promise<LocalServer[]>;
  /** Hardware detection, so the session loads the model the first-run screen recommended. */
  hardware?: HardwareDetector;
}

function key(secrets: SecretStore, id: ProviderSecretId): string | undefined {
  return secrets.get(id) || undefined;
}

/** "https://dg.example" → "wss://dg.example/v1/listen": the setting is an http(s) address, the stream a WebSocket. */
export function deepgramListenUrl(endpoint: string): string {
  const url = new URL(endpoint);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/listen';
  return url.toString();
}

export async function buildRecognizer(plan: SttPlan, settings: ProvidersSettings, deps: ProviderResolverDeps): Promise<SpeechRecognizer> {
  switch (plan.kind) {
    case 'local':
      return SherpaRecognizer.start({ modelDir: plan.modelDir, logger: deps.logger });
    case 'deepgram':
      return new DeepgramRecognizer({
        apiKey: key(deps.secrets, 'deepgram') ?? '',
        model: plan.model,
        language: settings.sttLanguage,
        ...(settings.sttEndpoint ? { url: deepgramListenUrl(settings.sttEndpoint) } : {}),
        logger: deps.logger,
      });
    case 'openai-compatible': {
      const apiKey = key(deps.secrets, 'openai-stt');
      return new OpenAiTranscriptionRecognizer({
        baseUrl: plan.baseUrl,
        model: plan.model,
        language: settings.sttLanguage.slice(0, 2),
        ...(apiKey ? { apiKey } : {}),
        logger: deps.logger,
      });
    }
  }
}

export async function buildLanguageModel(plan: LlmPlan, settings: ProvidersSettings, deps: ProviderResolverDeps): Promise<LanguageModel> {
  switch (plan.kind) {
    case 'embedded':
      return EmbeddedLlamaModel.load({
        modelPath: plan.modelPath,
        maxTokens: settings.llmMaxTokens,
        ...(settings.llmThreads > 0 ? { threads: settings.llmThreads } : {}),
        logger: deps.logger,
      });
    case 'openai-compatible': {
      const apiKey = plan.source === 'settings' ? key(deps.secrets, 'openai-llm') : undefined;
      // An empty model is asked of the server (GET /models) on the first answer.
      return new OpenAiChatModel({
        baseUrl: plan.baseUrl,
        model: plan.model,
        maxTokens: settings.llmMaxTokens,
        ...(apiKey ? { apiKey } : {}),
        logger: deps.logger,
      });
    }
  }
}

export async function resolveProviders(settings: ProvidersSettings, deps: ProviderResolverDeps): Promise<ResolvedProviders> {
  const readiness = await whatIsReady({
    settings,
    models: deps.models,
    hasKey: (id) => key(deps.secrets, id) !== undefined,
    ...(deps.detect ? { detect: deps.detect } : {}),
    ...(deps.hardware ? { hardware: deps.hardware } : {}),
  });
  const notes = [readiness.stt.reason, readiness.llm.reason].filter((r): r is string => !!r);
  const [stt, llm] = await Promise.all([
    readiness.stt.ready && readiness.stt.plan
      ? buildOrNote(() => buildRecognizer(readiness.stt.plan!, settings, deps), 'Speech recognition', notes, deps)
      : null,
    readiness.llm.ready && readiness.llm.plan
      ? buildOrNote(() => buildLanguageModel(readiness.llm.plan!, settings, deps), 'The language model', notes, deps)
      : null,
  ]);
  return { stt, llm, notes };
}

/** A provider that fails to load (a damaged model file) leaves the session in practice mode, with the reason. */
async function buildOrNote<T>(build: () => Promise<T>, what: string, notes: string[], deps: ProviderResolverDeps): Promise<T | null> {
  try {
    return await build();
  } catch (error) {
    deps.logger.error(`${what} failed to load`, { error: String(error) });
    notes.push(`${what} failed to load: ${(error as Error).message}`);
    return null;
  }
}
