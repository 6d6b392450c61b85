/**
 * Settings → Voices and providers → Local models, against the real services through the direct
 * bridge; downloads answer from the test (a real one would fetch hundreds of MB).
 */
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { IpcResult, ModelStatusInfo } from '../../electron/contract/index';
import SettingsPanel from '../../renderer/src/components/SettingsPanel.vue';
import LocalModelsSection from '../../renderer/src/components/settings/LocalModelsSection.vue';
import { useModelsStore } from '../../renderer/src/stores/models';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useBridgePerTest } from './helpers/bridge-per-test';

const STT = 'stt-zipformer-en-20m';
const LLM = 'llm-qwen2.5-0.5b-instruct-q4';

const bridge = useBridgePerTest({ subscribed: () => [useModelsStore()], start: () => useSettingsStore().load() });

function status(id: string, overrides: Partial<ModelStatusInfo> = {}): IpcResult<unknown> {
  return {
    ok: true,
    value: {
      id,
      purpose: id === STT ? 'stt' : 'llm',
      title: 'A model',
      sizeBytes: 128e6,
      licence: 'Apache-2.0',
      state: 'absent',
      checksumPublished: false,
      ...overrides,
    },
  };
}

async function mountSection() {
  await useModelsStore().load();
  const wrapper = mount(LocalModelsSection);
  await flushPromises();
  return wrapper;
}

const row = (wrapper: ReturnType<typeof mount>, id: string) => wrapper.find(`[data-model-id="${id}"]`);
const button = (wrapper: ReturnType<typeof mount>, id: string, text: string) =>
  row(wrapper, id)
    .findAll('button')
    .find((b) => b.text() === text);

describe('LocalModelsSection', () => {
  it("lists the catalogue's models, not downloaded, with size and licence", async () => {
    const wrapper = await mountSection();
    expect(row(wrapper, STT).text()).toContain('Speech recognition: English speech recognition');
    expect(row(wrapper, STT).text()).toContain('128 MB · Apache-2.0');
    expect(row(wrapper, LLM).find('.state').text()).toBe('Not downloaded');
    expect(button(wrapper, LLM, 'Download')).toBeDefined();
  });

  it('downloads one model and shows its progress, then offers Cancel', async () => {
    bridge.answers['models:install'] = (req) => status((req as { id: string }).id, { state: 'downloading' });
    const wrapper = await mountSection();
    await button(wrapper, LLM, 'Download')!.trigger('click');
    await flushPromises();
    bridge.services.events.emit('models:progress', { id: LLM, phase: 'downloading', receivedBytes: 12e6, totalBytes: 491e6, bytesPerSecond: 0 });
    await flushPromises();
    expect(row(wrapper, LLM).find('.state').text()).toBe('Downloading: 12 MB of 491 MB');
    expect(button(wrapper, LLM, 'Cancel')).toBeDefined();
  });

  it('uses a folder the person already has, through the real services, and says what is missing', async () => {
    const wrapper = await mountSection();
    await row(wrapper, LLM).find('input').setValue('/nowhere/at/all');
    await row(wrapper, LLM).find('form').trigger('submit');
    // The real services check the disk: real I/O, not only promise ticks.
    await vi.waitFor(() => expect(wrapper.find('.models > [role="alert"]').exists()).toBe(true), { timeout: 10_000 });
    expect(wrapper.find('.models > [role="alert"]').text()).toBe('Nothing exists at /nowhere/at/all.');
  });

  it('Browse… fills the path box with the chosen file (a GGUF file for the language model), or says why there is no chooser', async () => {
    const wrapper = await mountSection();
    bridge.answers['shell:choosePath'] = () => ({ ok: true, value: { path: '/home/me/models/qwen.gguf' } });
    await wrapper.find(`[data-browse="${LLM}"]`).trigger('click');
    await flushPromises();
    expect(bridge.calls.at(-1)).toMatchObject({ channel: 'shell:choosePath', request: { kind: 'file' } });
    expect((row(wrapper, LLM).find('input').element as HTMLInputElement).value).toBe('/home/me/models/qwen.gguf');
    // The twin's answer (the real services here are the twin's): a note, and the box keeps what was there.
    delete bridge.answers['shell:choosePath'];
    await wrapper.find(`[data-browse="${STT}"]`).trigger('click');
    await flushPromises();
    expect(bridge.calls.at(-1)).toMatchObject({ channel: 'shell:choosePath', request: { kind: 'folder' } });
    expect(wrapper.find('.browse-note').text()).toContain('Type the path instead');
  });

  it('deletes an installed model', async () => {
    bridge.answers['models:list'] = () => ({
      ok: true,
      value: [(status(LLM, { state: 'installed', path: '/data/models/llm' }) as { value: ModelStatusInfo }).value],
    });
    bridge.answers['models:delete'] = (req) => status((req as { id: string }).id, { state: 'absent' });
    const wrapper = await mountSection();
    expect(row(wrapper, LLM).find('.state').text()).toBe('Installed');
    await button(wrapper, LLM, 'Delete')!.trigger('click');
    await flushPromises();
    expect(bridge.calls.find((c) => c.channel === 'models:delete')?.request).toEqual({ id: LLM });
    expect(row(wrapper, LLM).find('.state').text()).toBe('Not downloaded');
  });

  it('is on the Voices and providers page of Settings', async () => {
    await useModelsStore().load();
    const wrapper = mount(SettingsPanel, { props: { initialPage: 'providers' } });
    await flushPromises();
    expect(wrapper.find('[data-testid="local-models"]').exists()).toBe(true);
  });
});
