/**
 * Which API-key boxes the settings page shows for the chosen providers: read from the
 * contract's provider registries (a vendor whose entry names a key gets its box).
 */
import { keysNeeded as keysFor, type KeyNeed, type Settings } from '../../../electron/contract/index';

export type { KeyNeed };

export function keysNeeded(settings: Settings): KeyNeed[] {
  const providers = (settings as Partial<Settings>).providers;
  return keysFor({ tts: settings.tts.provider, stt: providers?.sttProvider, llm: providers?.llmProvider });
}
