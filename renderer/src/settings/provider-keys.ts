/**
 * Which API-key boxes the settings page shows for the chosen providers: read from the
 * contract's provider registries (a vendor whose entry names a key gets its box).
 */
import { keysNeeded as keysFor, type KeyNeed } from '../../../electron/contract/index';

export type { KeyNeed };

/** The choices it reads, as saved or as being edited (a draft's values are not checked yet). */
type Chosen = { tts: { provider?: unknown }; providers?: { sttProvider?: unknown; llmProvider?: unknown } };

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function keysNeeded(settings: Chosen): KeyNeed[] {
  return keysFor({ tts: text(settings.tts.provider), stt: text(settings.providers?.sttProvider), llm: text(settings.providers?.llmProvider) });
}
