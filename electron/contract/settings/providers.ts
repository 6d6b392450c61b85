import { z } from 'zod';
import { registryIds } from '../providers/define.js';
import { LLM_PROVIDERS } from '../providers/llm.js';
import { STT_PROVIDERS } from '../providers/stt.js';

/**
 * Which speech recognizer and language model the agent uses. Local by default so a fresh
 * machine with no account can hold a conversation. API keys are NOT settings: main keeps them
 * in its secret store under the ids in `PROVIDER_SECRET_IDS`, and the renderer only learns
 * whether a key is set. The choices, their names and keys come from the registries in
 * contract/providers/.
 */

/** An http(s) address, or empty for "the provider's usual address". */
const endpoint = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v), { message: 'Must be an http:// or https:// address, or empty.' });

const modelName = z.string().trim().max(200, 'At most 200 characters.');

export const ProvidersSettingsSchema = z.object({
  /**
   * local: sherpa-onnx streaming model from the catalogue (downloaded on first use);
   * deepgram: Deepgram streaming (needs a key); openai-compatible: any /v1/audio/transcriptions
   * endpoint, one request per utterance; none: practice mode (no recognition).
   */
  sttProvider: z.enum(registryIds(STT_PROVIDERS)).default('local'),
  /** Empty uses the provider's own address (api.openai.com, api.deepgram.com). */
  sttEndpoint: endpoint.default(''),
  /** Empty uses the provider's default model (nova-3, whisper-1, or the catalogue's local model). */
  sttModel: modelName.default(''),
  /** ISO-639-1 code; English by default because the local model is English-only. */
  sttLanguage: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'Use a language code such as "en" or "en-GB".')
    .default('en'),

  /**
   * auto: a local OpenAI-compatible server if one answers (Ollama, LM Studio), else the
   * embedded model if downloaded, else practice mode; embedded: the downloaded GGUF in-process;
   * openai-compatible: the endpoint below; none: practice mode.
   */
  llmProvider: z.enum(registryIds(LLM_PROVIDERS)).default('auto'),
  /** Up to the version segment, e.g. "http://127.0.0.1:11434/v1". Empty uses api.openai.com. */
  llmEndpoint: endpoint.default(''),
  /** Empty picks the first model the server lists, or the catalogue's embedded model. */
  llmModel: modelName.default(''),
  /** Embedded model CPU threads; 0 = automatic (1 on 2 cores, where more threads are far slower). */
  llmThreads: z.number().int('Must be a whole number.').min(0, 'Must not be negative.').max(64).default(0),
  /** Spoken replies are short; 400 tokens is about two minutes of speech and bounds a runaway answer. */
  llmMaxTokens: z.number().int('Must be a whole number.').min(16, 'At least 16 tokens.').max(8192).default(400),
});

export type ProvidersSettings = z.infer<typeof ProvidersSettingsSchema>;

// Every parameter a registry entry names is a field of this section: a typo fails the typecheck.
type ParameterOf<R> = { [K in keyof R]: R[K] extends { parameters: readonly (infer P)[] } ? P : never }[keyof R];
type UnknownParameter = Exclude<ParameterOf<typeof STT_PROVIDERS> | ParameterOf<typeof LLM_PROVIDERS>, keyof ProvidersSettings>;
export const providerParametersAreSettings: [UnknownParameter] extends [never] ? true : UnknownParameter = true;

type SecretIdOf<R> = { [K in keyof R]: R[K] extends { key: { secretId: infer S } } ? S : never }[keyof R];

/** Secret-store ids of recognizer and language-model keys (values never leave main; the renderer sees only hasKey). */
export type ProviderSecretId = SecretIdOf<typeof STT_PROVIDERS> | SecretIdOf<typeof LLM_PROVIDERS>;
export const PROVIDER_SECRET_IDS: readonly ProviderSecretId[] = [
  ...new Set([...Object.values(STT_PROVIDERS), ...Object.values(LLM_PROVIDERS)].flatMap((p): ProviderSecretId[] => (p.key ? [p.key.secretId] : []))),
];
