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
  for (const deadline = Date.now() + 10_000; !check() && Date.now() < deadline;) {
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

describe('quick setup presets', () => {
  it('Ollama fills the language model’s provider and address, says what is next, and Discard undoes it', async () => {
    const wrapper = await openSettingsPage('providers');
    const ollama = wrapper.find('[data-presets="llm"] [data-preset="ollama"]');
    expect(ollama.attributes('aria-pressed')).toBe('false');
    await ollama.trigger('click');
    expect((wrapper.find('#field-providers-llmProvider').element as HTMLSelectElement).value).toBe('openai-compatible');
    expect((wrapper.find('#field-providers-llmEndpoint').element as HTMLInputElement).value).toBe('http://127.0.0.1:11434/v1');
    expect(ollama.attributes('aria-pressed')).toBe('true');
    expect(wrapper.find('[data-presets="llm"] .note').text()).toBe('Ollama: Start Ollama (ollama serve) and pull a model, then Test.');
    // Only the language model changed; nothing is saved until Save.
    expect(useSettingsStore().draft.providers.sttProvider).toBe('local');
    expect(bridge.services.settings.get().providers.llmProvider).toBe('auto');
    useSettingsStore().discard();
    await flushPromises();
    expect(wrapper.find('#field-providers-llmEndpoint').exists()).toBe(false);
    expect(ollama.attributes('aria-pressed')).toBe('false');
  });

  it('a voice preset fills the vendor and its default voice, and a recognizer preset its model', async () => {
    const wrapper = await openSettingsPage('providers');
    await wrapper.find('[data-presets="tts"] [data-preset="elevenlabs"]').trigger('click');
    expect(useSettingsStore().draft.tts).toMatchObject({ provider: 'elevenlabs', voice: '21m00Tcm4TlvDq8ikWAM' });
    await wrapper.find('[data-presets="stt"] [data-preset="deepgram"]').trigger('click');
    expect(useSettingsStore().draft.providers).toMatchObject({ sttProvider: 'deepgram', sttEndpoint: '', sttModel: 'nova-3' });
    // Deepgram's key box appears, for both the voice and the recognizer choice it needs.
    expect(wrapper.text()).toContain('Deepgram');
  });
});

describe('the voice picker', () => {
  const voiceNote = (w: Awaited<ReturnType<typeof openSettingsPage>>) => w.find('#field-tts-voice-voices').text();

  it('offers the built-in voices by name, and a typed id on request', async () => {
    const wrapper = await openSettingsPage('providers');
    await settle(() => wrapper.find('select#field-tts-voice').exists());
    const select = wrapper.find('select#field-tts-voice');
    expect(select.findAll('option').map((o) => o.attributes('value'))).toEqual(['slt', 'kal16', 'awb', 'rms', '__type-an-id__']);
    expect(select.find('option').text()).toBe('slt — US English, female (flite slt)');
    await select.setValue('kal16');
    expect(useSettingsStore().draft.tts.voice).toBe('kal16');
    await select.setValue('__type-an-id__');
    const box = wrapper.find('input#field-tts-voice');
    expect((box.element as HTMLInputElement).value).toBe('kal16');
    await box.setValue('tts-kokoro-int8-en-v0_19:bm_george');
    expect(useSettingsStore().draft.tts.voice).toBe('tts-kokoro-int8-en-v0_19:bm_george');
    // A voice the list lacks stays chosen, and says so.
    await wrapper.find('.voice-picker button').trigger('click');
    expect(wrapper.find('select#field-tts-voice option').text()).toBe('tts-kokoro-int8-en-v0_19:bm_george (not in the list)');
  });

  it('a service with no key yet: a text box and a note that says why', async () => {
    const wrapper = await openSettingsPage('providers');
    await wrapper.find('[data-presets="tts"] [data-preset="cartesia"]').trigger('click');
    await settle(() => voiceNote(wrapper).startsWith('Enter'));
    expect(voiceNote(wrapper)).toBe('Enter your Cartesia API key (below) to choose from its voices. You can still type a voice id.');
    expect((wrapper.find('input#field-tts-voice').element as HTMLInputElement).value).toBe('f786b574-daa5-4673-aa0c-cbe3e8534c02');
    expect(wrapper.find('input#field-tts-voice').attributes('aria-describedby')).toContain('field-tts-voice-voices');
  });
});
