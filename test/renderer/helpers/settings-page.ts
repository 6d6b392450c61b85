/** Opening one page of the settings panel the way a person does: a click in the page list. */
import { mount } from '@vue/test-utils';
import SettingsPanel from '../../../renderer/src/components/SettingsPanel.vue';

/** Mounts the settings panel and opens the page with this id (see renderer/src/settings/pages.ts). */
export async function openSettingsPage(pageId: string) {
  const wrapper = mount(SettingsPanel);
  const link = wrapper.find(`#settings-page-${pageId}`);
  if (!link.exists()) throw new Error(`The settings panel has no page "${pageId}".`);
  await link.trigger('click');
  return wrapper;
}
