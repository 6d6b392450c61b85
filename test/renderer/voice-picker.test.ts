// The Voice picker asks main for the service's voices again whenever the service's API key is set,
// replaced or forgotten: a new key can unlock other voices (another account), not only the first one.
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import VoicePicker from '../../renderer/src/components/settings/VoicePicker.vue';
import { useSecretsStore } from '../../renderer/src/stores/secrets';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useBridgePerTest } from './helpers/bridge-per-test';

const bridge = useBridgePerTest({ start: () => useSettingsStore().load() });

describe('Voice picker', () => {
  it('lists the voices again when the KugelAudio key is set, replaced and forgotten', async () => {
    // Main's listing is answered here: the real one would ask the KugelAudio service over the network.
    bridge.answers['providers:voices'] = () => ({ ok: true, value: { voices: [{ id: '1071', label: '1071 — Anna (de, en)' }], note: '' } });
    const settings = useSettingsStore();
    settings.draft.tts = { ...settings.draft.tts, provider: 'kugel' } as typeof settings.draft.tts;
    const secrets = useSecretsStore();
    await secrets.load();
    const asked = () => bridge.calls.filter((c) => c.channel === 'providers:voices').length;
    const wrapper = mount(VoicePicker, { props: { id: 'voice', modelValue: '1071' } });
    await flushPromises();
    const atMount = asked();
    expect(atMount).toBeGreaterThan(0);
    await secrets.setKey('kugel', 'first-key-123');
    await flushPromises();
    expect(asked()).toBe(atMount + 1);
    await secrets.setKey('kugel', 'second-key-456');
    await flushPromises();
    expect(asked()).toBe(atMount + 2);
    await secrets.clearKey('kugel');
    await flushPromises();
    expect(asked()).toBe(atMount + 3);
    wrapper.unmount();
  });
});
