/**
 * Provider Test results (recognizer, language model, voice): what main found with the
 * settings being edited, and the model list a server gave (the Model field's choices).
 * A result goes stale, and is dropped, as soon as the fields it tested change.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InvokeRequest, ProviderKind, ProviderTestResultDto, VoiceListingDto } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { useSettingsStore } from './settings';

export interface PartTest extends Partial<ProviderTestResultDto> {
  testing: boolean;
  /** The edited values the result belongs to. */
  testedWith?: string;
}

export const useProvidersStore = defineStore('providers', () => {
  const tests = ref<Partial<Record<ProviderKind, PartTest>>>({});
  const settings = useSettingsStore();

  function editedValues(part: ProviderKind): string {
    return JSON.stringify(part === 'tts' ? settings.draft.tts : settings.draft.providers);
  }

  async function test(part: ProviderKind): Promise<void> {
    const testedWith = editedValues(part);
    tests.value = { ...tests.value, [part]: { ...tests.value[part], testing: true } };
    const request = part === 'tts' ? { part, tts: settings.draft.tts } : { part, providers: settings.draft.providers };
    const result = await getBridge().providers.test(request as InvokeRequest<'providers:test'>);
    tests.value = {
      ...tests.value,
      [part]: result.ok
        ? { ...result.value, testing: false, testedWith }
        : { ok: false, summary: result.error.message, models: [], testing: false, testedWith },
    };
  }

  /** The latest result, unless the fields changed since. */
  function resultFor(part: ProviderKind): PartTest | undefined {
    const t = tests.value[part];
    if (!t || t.testing) return t;
    return t.testedWith === editedValues(part) ? t : undefined;
  }

  /** The models the server listed at the last Test of this part (kept while the address is unchanged). */
  function modelsFor(part: ProviderKind): string[] {
    return tests.value[part]?.models ?? [];
  }

  /** The Voice picker's choices for the voice settings being edited; null until the first answer. */
  const voices = ref<VoiceListingDto | null>(null);
  const voicesLoading = ref(false);
  let voicesAsked = 0;

  /** Asks main for the chosen service's voices; a later call wins over an earlier one still under way. */
  async function loadVoices(): Promise<void> {
    const asked = ++voicesAsked;
    voicesLoading.value = true;
    const result = await getBridge().providers.voices({ tts: settings.draft.tts } as InvokeRequest<'providers:voices'>);
    if (asked !== voicesAsked) return;
    voicesLoading.value = false;
    voices.value = result.ok ? result.value : { voices: [], note: `${result.error.message} You can still type a voice id.` };
  }

  return { tests, test, resultFor, modelsFor, voices, voicesLoading, loadVoices };
});
