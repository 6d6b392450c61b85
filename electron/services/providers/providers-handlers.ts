import type { HandlerRegistry } from '../handler-registry.js';
import { testLanguageModel, testRecognizer, testVoice, type ProviderTestDeps } from './provider-test.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { listVoices, type VoiceApiBases } from './voice-listing.js';

/** Tests the section being edited when the request carries it, else the saved one. */
export function registerProvidersHandlers(
  registry: HandlerRegistry,
  settings: SettingsStore,
  deps: ProviderTestDeps & { voiceApis?: Partial<VoiceApiBases> },
): void {
  registry.registerAll({
    'providers:test': ({ part, providers, tts }) => {
      const saved = settings.get();
      const p = providers ?? saved.providers;
      if (part === 'llm') return testLanguageModel(p, deps);
      if (part === 'stt') return testRecognizer(p, deps);
      return testVoice(tts ?? saved.tts, deps);
    },
    'providers:voices': ({ tts }) =>
      listVoices(tts ?? settings.get().tts, { secrets: deps.secrets, models: deps.models, ...(deps.voiceApis ? { apis: deps.voiceApis } : {}) }),
  });
}
