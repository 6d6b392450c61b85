import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { useModelsStore } from '../../renderer/src/stores/models';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useBridgePerTest } from './helpers/bridge-per-test';
import { openSettingsPage } from './helpers/settings-page';

// What main answers is tested against real servers in test/services/providers; happy-dom's
// fetch enforces CORS, so here main's answer is scripted and the request it got is checked.
// The page's local-models list loads first, so nothing is still loading when a test ends.
const bridge = useBridgePerTest({
  start: async () => {
    await useSettingsStore().load();
    await useModelsStore().load();
  },
});
const BASE = 'http://127.0.0.1:1234/v1';

/** Waits for main's answer to arrive and be rendered (a real HTTP round trip). */
async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) {
    await new Promise((r) => setTimeout(r, 20));
    await flushPromises();
  }
}

describe('the providers page', () => {
  it('goes in the order of a conversation: recognizer, language model, voice', async () => {
    const wrapper = await openSettingsPage('providers');
    const titles = wrapper.findAll('.group-title').map((t) => t.text());
    expect(titles.slice(0, 3)).toEqual(['Speech recognition', 'Language model', 'Voice (speech synthesis)']);
  });

  it('shows only the fields that apply to the chosen provider', async () => {
    const wrapper = await openSettingsPage('providers');
    // Defaults: built-in recognizer, automatic language model, built-in voice.
    expect(wrapper.find('#field-providers-sttEndpoint').exists()).toBe(false);
    expect(wrapper.find('#field-providers-llmEndpoint').exists()).toBe(false);
    expect(wrapper.find('#field-tts-endpointUrl').exists()).toBe(false);
    expect(wrapper.find('#field-providers-llmThreads').exists()).toBe(true);
    await wrapper.find('#field-providers-llmProvider').setValue('openai-compatible');
    expect(wrapper.find('#field-providers-llmEndpoint').exists()).toBe(true);
    expect(wrapper.find('#field-providers-llmThreads').exists()).toBe(false);
  });

  it('Test says what answered and offers its models in the Model field, before anything is saved', async () => {
    const summary = 'LM Studio at 127.0.0.1:1234, 3 models; answers will use qwen2.5-7b.';
    bridge.answers['providers:test'] = () => ({ ok: true, value: { ok: true, summary, models: ['qwen2.5-7b', 'llama3.2', 'phi-4'] } });
    const wrapper = await openSettingsPage('providers');
    await wrapper.find('#field-providers-llmProvider').setValue('openai-compatible');
    await wrapper.find('#field-providers-llmEndpoint').setValue(BASE);
    await wrapper.find('[data-part="llm"] button').trigger('click');
    await settle(() => wrapper.find('[data-part="llm"] .outcome').text() !== '');
    expect(bridge.calls.at(-1)).toMatchObject({
      channel: 'providers:test',
      request: { part: 'llm', providers: { llmProvider: 'openai-compatible', llmEndpoint: BASE } },
    });
    expect(wrapper.find('[data-part="llm"] .outcome').text()).toBe(summary);
    expect(bridge.services.settings.get().providers.llmEndpoint).toBe('');
    const options = wrapper.findAll('#field-providers-llmModel-choices option').map((o) => o.attributes('value'));
    expect(options).toEqual(['qwen2.5-7b', 'llama3.2', 'phi-4']);
    expect(wrapper.find('#field-providers-llmModel').attributes('list')).toBe('field-providers-llmModel-choices');
  });

  it('a result is dropped once the fields it tested change', async () => {
    bridge.answers['providers:test'] = () => ({
      ok: true,
      value: { ok: false, summary: 'LM Studio at 127.0.0.1:1234 refused the API key (HTTP 401).', models: [] },
    });
    const wrapper = await openSettingsPage('providers');
    await wrapper.find('#field-providers-llmProvider').setValue('openai-compatible');
    await wrapper.find('#field-providers-llmEndpoint').setValue(BASE);
    await wrapper.find('[data-part="llm"] button').trigger('click');
    await settle(() => wrapper.find('[data-part="llm"] .outcome').text() !== '');
    expect(wrapper.find('[data-part="llm"] .outcome').text()).toContain('refused the API key');
    await wrapper.find('#field-providers-llmEndpoint').setValue('http://127.0.0.1:1/v1');
    expect(wrapper.find('[data-part="llm"] .outcome').text()).toBe('');
  });
});
