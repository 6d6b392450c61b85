/**
 * The provider registries (voices, recognizers, language models) and what is derived from
 * them for every layer: which API keys a choice of providers needs, the option labels.
 */
import { registryLabels, type ProviderRegistry, type ProviderSpec } from './define.js';
import { LLM_PROVIDERS } from './llm.js';
import { STT_PROVIDERS } from './stt.js';
import { TTS_VENDORS } from './tts.js';

export * from './define.js';
export * from './llm.js';
export * from './stt.js';
export * from './tts.js';

export type ProviderKind = 'tts' | 'stt' | 'llm';

export const PROVIDER_REGISTRIES: Record<ProviderKind, ProviderRegistry> = { tts: TTS_VENDORS, stt: STT_PROVIDERS, llm: LLM_PROVIDERS };

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
