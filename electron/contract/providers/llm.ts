/**
 * The language models: one entry each. The session builds them from readiness plans
 * (engine/models/readiness.ts decides what can run, services/voice/provider-resolver.ts builds it).
 */
import type { ProviderRegistry, ProviderSpec } from './define.js';

export interface LlmCapabilities {
  /** Works with no network and no account. */
  offline: boolean;
}

export interface LlmProviderSpec extends ProviderSpec<LlmCapabilities> {
  /** The provider settings it reads, the panel may hide the others (settings/providers.ts checks the names). */
  parameters: readonly string[];
}

export const LLM_PROVIDERS = {
  auto: {
    label: 'Automatic (local server, else built-in)',
    key: null,
    capabilities: { offline: true },
    // llmModel picks among the detected server's models; llmThreads is for the embedded fallback.
    parameters: ['llmModel', 'llmThreads', 'llmMaxTokens'],
  },
  embedded: { label: 'Built-in model', key: null, capabilities: { offline: true }, parameters: ['llmThreads', 'llmMaxTokens'] },
  'openai-compatible': {
    label: 'OpenAI-compatible',
    // Required by api.openai.com; Ollama and LM Studio need none.
    key: { secretId: 'openai-llm', required: false, label: 'the language model (OpenAI-compatible)' },
    capabilities: { offline: false },
    parameters: ['llmEndpoint', 'llmModel', 'llmMaxTokens'],
  },
  none: { label: 'None (practice mode)', key: null, capabilities: { offline: true }, parameters: [] },
} as const satisfies ProviderRegistry<LlmProviderSpec>;

export type LlmProviderId = keyof typeof LLM_PROVIDERS;
