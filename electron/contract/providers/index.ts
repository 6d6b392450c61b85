/**
 * The provider registries (voices, recognizers, language models) and what is derived from
 * them for every layer: which API keys a choice of providers needs, the option labels.
 */
import { registryLabels, type ProviderRegistry, type ProviderSpec } from './define.js';
import { LLM_PROVIDERS, type LlmProviderSpec } from './llm.js';
import { STT_PROVIDERS, type SttProviderSpec } from './stt.js';
import { TTS_VENDORS, type TtsVendorSpec } from './tts.js';

export * from './define.js';
export * from './llm.js';
export * from './presets.js';
export * from './stt.js';
export * from './tts.js';

/** The kinds of provider, in the order of a conversation: recognizer, language model, voice. */
export const PROVIDER_KINDS = ['stt', 'llm', 'tts'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface ProviderRegistries {
  tts: ProviderRegistry<TtsVendorSpec>;
  stt: ProviderRegistry<SttProviderSpec>;
  llm: ProviderRegistry<LlmProviderSpec>;
}

export const PROVIDER_REGISTRIES: ProviderRegistries = { tts: TTS_VENDORS, stt: STT_PROVIDERS, llm: LLM_PROVIDERS };

/** One API-key box: the secret-store id and how the box names it. */
export interface KeyNeed {
  provider: string;
  label: string;
}

function keyLabel(kind: ProviderKind, spec: ProviderSpec): string {
  if (spec.key?.label) return spec.key.label;
  // A voice vendor's key is named as such: "Deepgram (voice)" next to a Deepgram recognizer key.
  return kind === 'tts' ? `${spec.label} (voice)` : spec.label;
}

/**
 * The API keys a choice of providers uses, one box per secret-store id (Deepgram's voice and
 * recognizer share one key), in the order voice, recognizer, language model.
 */
export function keysNeeded(chosen: Partial<Record<ProviderKind, string>>, registries: Record<ProviderKind, ProviderRegistry> = PROVIDER_REGISTRIES): KeyNeed[] {
  const needs: KeyNeed[] = [];
  for (const kind of ['tts', 'stt', 'llm'] as const) {
    const id = chosen[kind];
    const spec = id === undefined ? undefined : registries[kind][id];
    if (!spec?.key || needs.some((n) => n.provider === spec.key!.secretId)) continue;
    needs.push({ provider: spec.key.secretId, label: keyLabel(kind, spec) });
  }
  return needs;
}

/** id -> label of each registry, for the settings panel's option labels. */
export function providerOptionLabels(kind: ProviderKind): Record<string, string> {
  return registryLabels(PROVIDER_REGISTRIES[kind]);
}

/** The names of the settings a provider reads (its entry's parameters). */
function parameterNames(spec: TtsVendorSpec | SttProviderSpec | LlmProviderSpec): readonly string[] {
  return 'shape' in spec.parameters ? Object.keys(spec.parameters.shape) : spec.parameters;
}

/**
 * Whether a settings field applies to the chosen provider of its kind: true when the chosen
 * entry reads it, false when only other entries do, undefined when no entry of the kind reads
 * it (then it is not a provider parameter and always applies). An unknown choice shows everything.
 */
export function parameterApplies(kind: ProviderKind, chosenId: string, field: string): boolean | undefined {
  const entries: (TtsVendorSpec | SttProviderSpec | LlmProviderSpec)[] = Object.values(PROVIDER_REGISTRIES[kind]);
  if (!entries.some((spec) => parameterNames(spec).includes(field))) return undefined;
  const chosen = PROVIDER_REGISTRIES[kind][chosenId];
  return chosen ? parameterNames(chosen).includes(field) : true;
}
