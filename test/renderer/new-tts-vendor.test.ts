/**
 * A new TTS vendor is its adapter plus one registry entry: with only the fake vendor's entry
 * spliced into the contract's registry, the settings panel offers it by name, a person can
 * choose and save it, and its API-key box appears.
 */
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useModelsStore } from '../../renderer/src/stores/models';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useBridgePerTest } from './helpers/bridge-per-test';
import { openSettingsPage } from './helpers/settings-page';

vi.mock('../../electron/contract/providers/tts.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/contract/providers/tts.js')>();
  const { fakeVendorEntry } = await import('../helpers/fake-tts-vendor');
  return { ...real, TTS_VENDORS: { ...real.TTS_VENDORS, fakevoice: fakeVendorEntry } };
});

// The page's local-models list loads first, so nothing is still loading when a test ends.
const bridge = useBridgePerTest({
  start: async () => {
    await useSettingsStore().load();
    await useModelsStore().load();
  },
});

async function openProvidersPage() {
  const wrapper = await openSettingsPage('providers');
  await flushPromises();
  return wrapper;
}

describe('a TTS vendor added by its registry entry', () => {
  it('is offered in the voice provider list under its label', async () => {
    const wrapper = await openProvidersPage();
    const options = wrapper.findAll('#field-tts-provider option').map((o) => o.attributes('value'));
    expect(options).toContain('fakevoice');
    const option = wrapper.find('#field-tts-provider option[value="fakevoice"]');
    expect(option.text()).toBe('Fake Voice');
    wrapper.unmount();
  });

  it('shows its API-key box once chosen, and the choice is saved', async () => {
    const wrapper = await openProvidersPage();
    expect(wrapper.find('[data-provider="fakevoice"]').exists()).toBe(false);
    await wrapper.find('#field-tts-provider').setValue('fakevoice');
    await flushPromises();
    const box = wrapper.find('[data-provider="fakevoice"]');
    expect(box.exists()).toBe(true);
    expect(box.find('label').text()).toBe('API key for Fake Voice (voice)');
    await useSettingsStore().save();
    expect(bridge.services.settings.get().tts.provider).toBe('fakevoice');
    wrapper.unmount();
  });
});
