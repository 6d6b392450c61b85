import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import NoticeBanner from '../../renderer/src/components/NoticeBanner.vue';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { sectionFields } from '../../renderer/src/settings/schema-fields';
import { useBridgePerTest } from './helpers/bridge-per-test';
import { openSettingsPage } from './helpers/settings-page';

const bridge = useBridgePerTest({ start: () => useSettingsStore().load() });

describe('SettingsPanel', () => {
  it('shows every field of the section from the schema', async () => {
    const wrapper = await openSettingsPage('vad');
    for (const field of sectionFields('vad')) {
      expect(wrapper.find(`#field-vad-${field.key}`).exists()).toBe(true);
    }
  });

  it('shows the schema message under a field with a bad value', async () => {
    const wrapper = await openSettingsPage('vad');
    await wrapper.find('#field-vad-speechThreshold').setValue('1.5');
    expect(wrapper.find('#field-vad-speechThreshold-error').text()).toBe('Enter a number from 0 to 1.');
    expect(wrapper.find('#field-vad-speechThreshold').attributes('aria-invalid')).toBe('true');
  });

  it('saves a changed value through main', async () => {
    const wrapper = await openSettingsPage('vad');
    await wrapper.find('#field-vad-speechThreshold').setValue('0.65');
    await wrapper.find('#settings-save').trigger('click');
    await flushPromises();
    expect(bridge.services.settings.get().vad.speechThreshold).toBe(0.65);
    expect(wrapper.find('[role="status"]').text()).toBe('Settings saved.');
  });

  it('asks for a number when the text is not one', async () => {
    const wrapper = await openSettingsPage('vad');
    await wrapper.find('#field-vad-silenceMs').setValue('');
    expect(wrapper.find('#field-vad-silenceMs-error').text()).toBe('Enter a number.');
  });

  it('marks a section with errors in the section list', async () => {
    const wrapper = await openSettingsPage('vad');
    await wrapper.find('#field-vad-speechThreshold').setValue('2');
    const link = wrapper.findAll('.section-link').find((b) => b.text().startsWith('Voice activity'));
    expect(link!.find('[aria-label="has errors"]').exists()).toBe(true);
  });
});

describe('NoticeBanner', () => {
  it('shows a notice from main and dismisses it', async () => {
    const store = useSettingsStore();
    store.notices = [{ kind: 'corrupt-file-replaced', message: 'The settings file was damaged.', atMs: 1 }];
    const wrapper = mount(NoticeBanner);
    expect(wrapper.text()).toContain('The settings file was damaged.');
    await wrapper.find('button').trigger('click');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });
});
