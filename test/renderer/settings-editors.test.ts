import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { SETTINGS_SECTIONS, settingsSections } from '../../electron/contract/index';
import SettingsPanel from '../../renderer/src/components/SettingsPanel.vue';
import ApiKeyField from '../../renderer/src/components/settings/ApiKeyField.vue';
import DevicePicker from '../../renderer/src/components/settings/DevicePicker.vue';
import PhraseListEditor from '../../renderer/src/components/settings/PhraseListEditor.vue';
import StrategiesEditor from '../../renderer/src/components/settings/StrategiesEditor.vue';
import { pageFields, settingsPages } from '../../renderer/src/settings/pages';
import { fieldDescriptor } from '../../renderer/src/settings/schema-fields';
import { useDevicesStore } from '../../renderer/src/stores/devices';
import { useHotkeysStore } from '../../renderer/src/stores/hotkeys';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useBridgePerTest } from './helpers/bridge-per-test';
import { openSettingsPage } from './helpers/settings-page';

const bridge = useBridgePerTest({
  start: () => useSettingsStore().load(),
  stop: () => {
    useDevicesStore().unsubscribe();
    useHotkeysStore().unsubscribe();
  },
});

const strategiesField = () => fieldDescriptor('conversation', 'strategies')!;
type Strategy = { type: string; params: Record<string, unknown> };

function mountStrategies(value: Strategy[], errors: Record<string, string> = {}) {
  return mount(StrategiesEditor, { props: { id: 's', field: strategiesField(), modelValue: value, errors }, attachTo: document.body });
}

const last = <T>(w: { emitted: (e: string) => unknown[][] | undefined }) => w.emitted('update:modelValue')!.at(-1)![0] as T;

describe('settings pages', () => {
  it('place every field of the schema on exactly one page', () => {
    const placed = settingsPages().flatMap(pageFields);
    const all = SETTINGS_SECTIONS.flatMap((s) => Object.keys((settingsSections[s] as unknown as { shape: object }).shape).map((k) => `${s}.${k}`));
    expect([...placed].sort()).toEqual([...all].sort());
    expect(new Set(placed).size).toBe(placed.length);
  });

  it('show the strategies from the schema as an ordered list', () => {
    expect(strategiesField().kind).toBe('objectList');
    expect(strategiesField().variants!.map((v) => v.type)).toEqual(expect.arrayContaining(['phrases', 'minWords', 'minVolume', 'minDuration']));
    expect(strategiesField().maxItems).toBe(8);
  });
});

describe('StrategiesEditor', () => {
  it('adds a strategy with sensible starting parameters', async () => {
    const wrapper = mountStrategies([{ type: 'phrases', params: {} }]);
    await wrapper.find('#s-new').setValue('minDuration');
    await wrapper.find('#s').trigger('click');
    expect(last<Strategy[]>(wrapper)).toEqual([
      { type: 'phrases', params: {} },
      { type: 'minDuration', params: { minDurationMs: 500 } },
    ]);
    wrapper.unmount();
  });

  it('moves a strategy up', async () => {
    const wrapper = mountStrategies([
      { type: 'phrases', params: {} },
      { type: 'minWords', params: { minWords: 2 } },
    ]);
    await wrapper.find('#s-1-up').trigger('click');
    expect(last<Strategy[]>(wrapper).map((s) => s.type)).toEqual(['minWords', 'phrases']);
    wrapper.unmount();
  });

  it('removes a strategy', async () => {
    const wrapper = mountStrategies([
      { type: 'phrases', params: {} },
      { type: 'minWords', params: { minWords: 2 } },
    ]);
    await wrapper.find('[aria-label="Remove Phrase lists"]').trigger('click');
    expect(last<Strategy[]>(wrapper).map((s) => s.type)).toEqual(['minWords']);
    wrapper.unmount();
  });

  it('edits a parameter', async () => {
    const wrapper = mountStrategies([{ type: 'minWords', params: { minWords: 2 } }]);
    await wrapper.find('#s-0-minWords').setValue('3');
    expect(last<Strategy[]>(wrapper)).toEqual([{ type: 'minWords', params: { minWords: 3 } }]);
    wrapper.unmount();
  });

  it('shows the schema message under the parameter it is about', () => {
    const wrapper = mountStrategies([{ type: 'minWords', params: { minWords: 0 } }], { '0.params.minWords': 'minWords must be greater than 0.' });
    expect(wrapper.find('#s-0-minWords-error').text()).toBe('minWords must be greater than 0.');
    expect(wrapper.find('#s-0-minWords').attributes('aria-invalid')).toBe('true');
    wrapper.unmount();
  });

  it('refuses a ninth strategy', () => {
    const wrapper = mountStrategies(Array.from({ length: 8 }, () => ({ type: 'phrases', params: {} })));
    expect(wrapper.find('#s').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('At most 8.');
    wrapper.unmount();
  });

  it('saves a reordered list through main and the engine settings change', async () => {
    const store = useSettingsStore();
    store.setField('conversation', 'strategies', [
      { type: 'minWords', params: { minWords: 3 } },
      { type: 'phrases', params: {} },
    ]);
    expect(await store.save()).toBe(true);
    expect(bridge.services.settings.get().conversation.strategies.map((s) => s.type)).toEqual(['minWords', 'phrases']);
  });
});

describe('PhraseListEditor', () => {
  const mountPhrases = (value: string[], maxItems?: number) =>
    mount(PhraseListEditor, { props: { id: 'p', label: 'Always interrupt on', modelValue: value, ...(maxItems ? { maxItems } : {}) } });

  it('adds a phrase on Enter', async () => {
    const wrapper = mountPhrases(['stop']);
    await wrapper.find('#p').setValue('hold up');
    await wrapper.find('#p').trigger('keydown', { key: 'Enter' });
    expect(last<string[]>(wrapper)).toEqual(['stop', 'hold up']);
  });

  it('splits a pasted list on commas', async () => {
    const wrapper = mountPhrases([]);
    await wrapper.find('#p').setValue('wait, stop ,hang on');
    await wrapper.find('button.btn').trigger('click');
    expect(last<string[]>(wrapper)).toEqual(['wait', 'stop', 'hang on']);
  });

  it('refuses a duplicate with the reason', async () => {
    const wrapper = mountPhrases(['Stop']);
    await wrapper.find('#p').setValue('stop');
    await wrapper.find('button.btn').trigger('click');
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
    expect(wrapper.find('[role="alert"]').text()).toBe('"stop" is already in the list.');
  });

  it('removes a phrase with its own button', async () => {
    const wrapper = mountPhrases(['stop', 'wait']);
    await wrapper.find('[aria-label="Remove “stop”"]').trigger('click');
    expect(last<string[]>(wrapper)).toEqual(['wait']);
  });

  it('stops at the most the list may hold', async () => {
    const wrapper = mountPhrases(['a'], 2);
    await wrapper.find('#p').setValue('b, c');
    await wrapper.find('button.btn').trigger('click');
    expect(last<string[]>(wrapper)).toEqual(['a', 'b']);
    expect(wrapper.find('[role="alert"]').text()).toBe('The list holds at most 2 phrases.');
  });
});

describe('DevicePicker', () => {
  it('offers the system default and the listed devices', async () => {
    bridge.answers['devices:list'] = () => ({
      ok: true,
      value: {
        inputs: [
          { id: 'usb', label: 'USB Mic', isDefault: true },
          { id: 'hdmi-in', label: 'Webcam', isDefault: false },
        ],
        outputs: [],
      },
    });
    const wrapper = mount(DevicePicker, { props: { id: 'd', kind: 'input', modelValue: 'default' } });
    await flushPromises();
    expect(wrapper.findAll('option').map((o) => o.text())).toEqual(['System default', 'USB Mic (system default)', 'Webcam']);
  });

  it('keeps a saved device that is not connected, and says so', async () => {
    bridge.answers['devices:list'] = () => ({ ok: true, value: { inputs: [], outputs: [] } });
    const wrapper = mount(DevicePicker, { props: { id: 'd', kind: 'output', modelValue: 'bt-headset' } });
    await flushPromises();
    expect(wrapper.findAll('option').map((o) => o.text())).toContain('bt-headset (not connected)');
  });

  it('shows the microphone test level as a meter', async () => {
    bridge.answers['devices:list'] = () => ({ ok: true, value: { inputs: [], outputs: [] } });
    bridge.answers['devices:testMicrophone'] = () => ({ ok: true, value: { durationMs: 3000 } });
    useDevicesStore().subscribe();
    const wrapper = mount(DevicePicker, { props: { id: 'd', kind: 'input', modelValue: 'default' } });
    await wrapper.find('button').trigger('click');
    bridge.script.emit('devices:testLevel', { deviceId: 'default', tMs: 1, rmsDbfs: -24, done: false });
    await flushPromises();
    expect(wrapper.find('[role="meter"]').attributes('aria-valuenow')).toBe('-24');
    expect(wrapper.find('button').text()).toBe('Listening…');
  });

  it('plays a test sound on the chosen speaker', async () => {
    bridge.answers['devices:list'] = () => ({ ok: true, value: { inputs: [], outputs: [] } });
    bridge.answers['devices:testSpeaker'] = () => ({ ok: true, value: { playedMs: 800 } });
    const wrapper = mount(DevicePicker, { props: { id: 'd', kind: 'output', modelValue: 'default' } });
    await wrapper.find('button').trigger('click');
    await flushPromises();
    expect(bridge.calls.find((c) => c.channel === 'devices:testSpeaker')?.request).toEqual({ deviceId: 'default' });
    expect(wrapper.find('[role="status"]').text()).toBe('Test sound played. Did you hear it?');
  });
});

describe('ApiKeyField', () => {
  it('shows only whether a key is set, and clears the box after saving', async () => {
    const wrapper = mount(ApiKeyField, { props: { provider: 'elevenlabs', label: 'ElevenLabs' } });
    expect(wrapper.find('[data-testid="key-state-elevenlabs"]').text()).toBe('Not set');
    await wrapper.find('input').setValue('xi-secret-key-1');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Save key')!
      .trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="key-state-elevenlabs"]').text()).toBe('Set');
    expect((wrapper.find('input').element as HTMLInputElement).value).toBe('');
    expect(wrapper.html()).not.toContain('xi-secret-key-1');
    expect(bridge.services.secrets.get('elevenlabs')).toBe('xi-secret-key-1');
  });

  it('forgets a key', async () => {
    bridge.services.secrets.set('elevenlabs', 'k-123');
    const wrapper = mount(ApiKeyField, { props: { provider: 'elevenlabs', label: 'ElevenLabs' } });
    const { useSecretsStore } = await import('../../renderer/src/stores/secrets');
    await useSecretsStore().load();
    await flushPromises();
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Forget')!
      .trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="key-state-elevenlabs"]').text()).toBe('Not set');
  });
});

describe('SettingsPanel pages', () => {
  it('shows the API key entry for a cloud voice as soon as it is chosen', async () => {
    const wrapper = await openSettingsPage('providers');
    await wrapper.find('#field-tts-provider').setValue('elevenlabs');
    await flushPromises();
    expect(wrapper.find('[data-provider="elevenlabs"]').exists()).toBe(true);
  });

  it('resets only the fields of the page, keeping other unsaved edits', async () => {
    const store = useSettingsStore();
    bridge.services.settings.update({ vad: { silenceMs: 900 } });
    await store.load();
    store.setField('appearance', 'theme', 'dark');
    const wrapper = await openSettingsPage('vad');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Reset to defaults')!
      .trigger('click');
    await flushPromises();
    expect(bridge.services.settings.get().vad.silenceMs).toBe(320);
    expect(store.draft.appearance['theme']).toBe('dark');
    expect(wrapper.find('[role="status"]').text()).toBe('Voice activity reset to defaults.');
  });

  it('shows a hotkey conflict main reports', async () => {
    const hotkeys = useHotkeysStore();
    hotkeys.subscribe();
    const wrapper = await openSettingsPage('hotkeys');
    await flushPromises();
    bridge.script.emit('shell:hotkeyStatus', {
      supported: true,
      registrations: [{ action: 'interrupt', requested: 'CommandOrControl+Shift+Space', active: '', problem: 'Another application uses this combination.' }],
    });
    await flushPromises();
    expect(wrapper.find('#field-hotkeys-interrupt-problem').text()).toBe('Another application uses this combination.');
  });

  it('shows when two of our hotkeys are the same', async () => {
    const wrapper = await openSettingsPage('hotkeys');
    await wrapper.find('[data-section="hotkeys"]:nth-of-type(2) .btn-quiet').trigger('click');
    await wrapper.find('input#field-hotkeys-mute').setValue('CommandOrControl+Shift+Space');
    expect(wrapper.find('#field-hotkeys-mute-problem').text()).toBe('Also used for Interrupt: choose another combination.');
  });

  it('moves between pages with the arrow keys', async () => {
    const wrapper = mount(SettingsPanel, { attachTo: document.body });
    await wrapper.find('.pages').trigger('keydown', { key: 'ArrowDown' });
    await flushPromises();
    expect(wrapper.find('[data-page]').attributes('data-page')).toBe(settingsPages()[1]!.id);
    wrapper.unmount();
  });

  it('records a hotkey from the keys pressed', async () => {
    const wrapper = await openSettingsPage('hotkeys');
    const record = wrapper.findAll('button').find((b) => b.text() === 'Record')!;
    await record.trigger('click');
    await record.trigger('keydown', { key: 'k', code: 'KeyK', ctrlKey: true, altKey: true });
    expect(useSettingsStore().draft.hotkeys['interrupt']).toBe('CommandOrControl+Alt+K');
  });
});
