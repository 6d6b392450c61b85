/**
 * The first-run recommendation and Settings' "use for conversations", against the real
 * services through the direct bridge. Detection is faked by computing the recommendation for
 * a described machine; the services-side test (test/services/models) injects the detector.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { IpcResult, ModelStatusInfo, ReadinessSummary } from '../../electron/contract/index';
import type { Hardware } from '../../electron/engine/models/hardware';
import { recommend } from '../../electron/engine/models/recommend';
import FirstRunScreen from '../../renderer/src/components/first-run/FirstRunScreen.vue';
import LocalModelsSection from '../../renderer/src/components/settings/LocalModelsSection.vue';
import { useModelsStore } from '../../renderer/src/stores/models';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useBridgePerTest } from './helpers/bridge-per-test';

const GB = 1024 ** 3;
const bridge = useBridgePerTest({ subscribed: () => [useModelsStore()], start: () => useSettingsStore().load() });

function readinessFor(hw: Hardware): ReadinessSummary {
  const rec = recommend(hw)!;
  const downloads = [rec.stt, rec.llm].map((p) => ({ id: p.id, title: p.title, sizeBytes: p.sizeBytes, partialBytes: 0 }));
  return {
    ready: false,
    practiceMode: true,
    stt: { ready: false, reason: 'Not downloaded yet.', download: downloads[0] },
    llm: { ready: false, reason: 'Not downloaded yet.', download: downloads[1] },
    downloads,
    downloadBytes: downloads[0]!.sizeBytes + downloads[1]!.sizeBytes,
    recommendation: rec,
  };
}

async function mountFirstRun(hw: Hardware) {
  bridge.answers['models:readiness'] = () => ({ ok: true, value: readinessFor(hw) });
  await useModelsStore().load();
  const wrapper = mount(FirstRunScreen);
  await flushPromises();
  return wrapper;
}

describe('first-run recommendation', () => {
  it('a 2-core laptop without a GPU is offered the small models and the light voice, with sizes and speed', async () => {
    const wrapper = await mountFirstRun({ totalRamBytes: 8 * GB, cpuCores: 2, gpu: 'cpu' });
    const box = wrapper.find('[data-testid="machine-recommendation"]');
    expect(box.text()).toContain('This computer: 8 GB RAM, 2 cores, no usable GPU (runs on the CPU)');
    expect(box.find('[data-pick="llm-qwen2.5-0.5b-instruct-q4"]').text()).toMatch(/Qwen2.5 0.5B.* · 491 MB · about \d+ tokens a second \(estimate\)$/);
    expect(box.find('[data-pick="tts-piper-en_us-lessac-medium"]').exists()).toBe(true);
    expect(wrapper.find('#first-run-download').text()).toBe('Download 619 MB');
  });

  it('a CUDA machine with 32 GB is offered the 3B model and Kokoro, and the download button says so', async () => {
    const wrapper = await mountFirstRun({ totalRamBytes: 32 * GB, cpuCores: 8, gpu: 'cuda' });
    const box = wrapper.find('[data-testid="machine-recommendation"]');
    expect(box.text()).toContain('32 GB RAM, 8 cores, CUDA GPU');
    expect(box.find('[data-pick="llm-llama-3.2-3b-instruct-q4"]').text()).toContain('2019 MB');
    expect(box.find('.why').text()).toMatch(
      /Language model: The largest model here: CUDA and 32 GB of RAM run it at speaking pace\. Licence: Llama 3.2 Community License\./,
    );
    expect(box.find('[data-pick="stt-zipformer-en-2023-06-26"]').exists()).toBe(true);
    expect(box.find('[data-pick="tts-kokoro-int8-en-v0_19"]').exists()).toBe(true);
    expect(wrapper.find('#first-run-download').text()).toBe('Download 2315 MB');
  });

  it('offers the natural voice as its own download (the built-in voice needs none)', async () => {
    bridge.answers['models:install'] = (req) => ({
      ok: true,
      value: {
        id: (req as { id: string }).id,
        purpose: 'tts',
        title: 'Kokoro',
        sizeBytes: 103e6,
        licence: 'Apache-2.0',
        state: 'downloading',
        checksumPublished: true,
      },
    });
    const wrapper = await mountFirstRun({ totalRamBytes: 16 * GB, cpuCores: 8, gpu: 'cpu' });
    const button = wrapper.find('[data-testid="download-voice"]');
    expect(button.text()).toBe('Add the natural voice (103 MB)');
    await button.trigger('click');
    await flushPromises();
    expect(bridge.calls.filter((c) => c.channel === 'models:install').map((c) => c.request)).toEqual([{ id: 'tts-kokoro-int8-en-v0_19' }]);
    expect(wrapper.find('[data-testid="machine-recommendation"]').text()).toContain('Downloading the natural voice');
  });
});

describe('Settings: choosing the model a conversation uses', () => {
  const installed = (id: string, purpose: ModelStatusInfo['purpose']): ModelStatusInfo => ({
    id,
    purpose,
    title: id,
    sizeBytes: 1e8,
    licence: 'Apache-2.0',
    state: 'installed',
    path: `/m/${id}`,
    checksumPublished: true,
  });

  it('"Use for conversations" saves the choice through the real settings service', async () => {
    const list: IpcResult<unknown> = {
      ok: true,
      value: [installed('llm-qwen2.5-1.5b-instruct-q4', 'llm'), installed('tts-kokoro-int8-en-v0_19', 'tts'), installed('stt-zipformer-en-2023-06-26', 'stt')],
    };
    bridge.answers['models:list'] = () => list;
    await useModelsStore().load();
    const wrapper = mount(LocalModelsSection);
    await flushPromises();
    for (const id of ['llm-qwen2.5-1.5b-instruct-q4', 'tts-kokoro-int8-en-v0_19', 'stt-zipformer-en-2023-06-26']) {
      const row = wrapper.find(`[data-model-id="${id}"]`);
      await row
        .findAll('button')
        .find((b) => b.text() === 'Use for conversations')!
        .trigger('click');
      await flushPromises();
      expect(wrapper.find(`[data-model-id="${id}"] .in-use`).text()).toBe('Used for conversations');
    }
    const saved = bridge.services.settings.get();
    expect(saved.providers).toMatchObject({ llmModel: 'llm-qwen2.5-1.5b-instruct-q4', sttModel: 'stt-zipformer-en-2023-06-26' });
    expect(saved.tts).toMatchObject({ provider: 'local', voice: 'tts-kokoro-int8-en-v0_19' });
  });
});
