/** Errors a person understands, limits enforced while typing, hotkeys written one way. */
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defaultSettings, mergeSettings, validateSettings } from '../../electron/contract/index';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useBridgePerTest } from './helpers/bridge-per-test';
import { openSettingsPage } from './helpers/settings-page';

const bridge = useBridgePerTest({ start: () => useSettingsStore().load() });

function messages(patch: Record<string, unknown>): Record<string, string> {
  const r = validateSettings(mergeSettings(defaultSettings(), patch as never));
  return r.ok ? {} : Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
}

describe('validation messages in plain words, with the allowed range and unit', () => {
  it.each([
    [{ conversation: { speakingInterruptDurationMs: 9000 } }, 'conversation.speakingInterruptDurationMs', 'Enter a whole number from 0 to 5000 ms.'],
    [{ conversation: { silenceDurationMs: 300.5 } }, 'conversation.silenceDurationMs', 'Enter a whole number from 120 to 5000 ms.'],
    [
      { conversation: { strategies: [{ type: 'minWords', params: { minWords: 0 } }] } },
      'conversation.strategies.0.params.minWords',
      'Enter a whole number from 1 to 50 words.',
    ],
    [{ conversation: { duckDb: 5 } }, 'conversation.duckDb', 'Enter a number from -60 to 0 dB.'],
    [{ providers: { llmMaxTokens: 5 } }, 'providers.llmMaxTokens', 'Enter a whole number from 16 to 8192 tokens.'],
    [{ tts: { sampleRate: 100 } }, 'tts.sampleRate', 'Enter a whole number from 8000 to 48000 Hz.'],
    [{ history: { keepDays: -1 } }, 'history.keepDays', 'Enter a whole number from 0 to 3650 days.'],
    [{ conversation: { interruptionPhrases: ['x'.repeat(150)] } }, 'conversation.interruptionPhrases.0', 'Use at most 100 characters (this has more).'],
    [{ conversation: { interruptions: 'maybe' } }, 'conversation.interruptions', 'Choose one of: on, off.'],
  ])('%j', (patch, path, message) => {
    expect(messages(patch)[path]).toBe(message);
  });

  it('a hotkey with an unknown key says what keys there are', () => {
    expect(messages({ hotkeys: { interrupt: 'Ctrl+banana' } })['hotkeys.interrupt']).toBe(
      '"banana" is not a key. Use a letter, a digit, F1 to F24, or a named key such as Space, Tab, Enter or Up.',
    );
  });
});

describe('limits enforced while typing', () => {
  it('a phrase longer than the schema allows is refused as a chip, with the reason', async () => {
    const wrapper = await openSettingsPage('strategies');
    const input = wrapper.find('#field-conversation-interruptionPhrases');
    await input.setValue('a'.repeat(150));
    await input.trigger('keydown', { key: 'Enter' });
    expect(wrapper.find('#field-conversation-interruptionPhrases-problem').text()).toBe(
      'A phrase is at most 100 characters; this one has 150. Shorten it, or split it with commas.',
    );
    expect(useSettingsStore().draft.conversation['interruptionPhrases']).not.toContain('a'.repeat(150));
  });

  it('text boxes stop at the schema length', async () => {
    const wrapper = await openSettingsPage('providers');
    await wrapper.find('#field-providers-llmProvider').setValue('openai-compatible');
    expect(wrapper.find('#field-providers-llmModel').attributes('maxlength')).toBe('200');
  });

  it('a save refused for a field names it in the panel’s words', async () => {
    const wrapper = await openSettingsPage('providers');
    await wrapper.find('#field-providers-llmMaxTokens').setValue('5');
    await wrapper.find('#settings-save').trigger('click');
    await flushPromises();
    expect(wrapper.find('#settings-status').text()).toBe('Not saved. Fix Longest answer (Voices and providers): Enter a whole number from 16 to 8192 tokens.');
  });
});

describe('importing settings', () => {
  it('a rejected import names the field in the panel’s words and marks nothing red', async () => {
    const store = useSettingsStore();
    expect(await store.importJson(JSON.stringify({ providers: { llmMaxTokens: 5 }, conversation: { duckDb: 3 } }))).toBe(false);
    expect(store.lastError?.message).toBe(
      'Agent volume while you speak (Conversation): Enter a number from -60 to 0 dB. Longest answer (Voices and providers): Enter a whole number from 16 to 8192 tokens.',
    );
    expect(store.fieldErrors).toEqual({});
  });

  it('a damaged file says where', async () => {
    const store = useSettingsStore();
    expect(await store.importJson('{\n  "vad": {,\n}')).toBe(false);
    expect(store.lastError?.message).toBe('This file is not a settings file Interject can read: the text is damaged at line 2, column 11.');
    void bridge;
  });
});

describe('hotkeys are written as key caps everywhere', () => {
  it('the Hotkeys page shows Ctrl Shift Space as caps, not CommandOrControl+Shift+Space', async () => {
    const wrapper = await openSettingsPage('hotkeys');
    const caps = wrapper.findAll('#field-hotkeys-interrupt-caps kbd').map((k) => k.text());
    expect(caps).toEqual(['Ctrl', 'Shift', 'Space']);
    expect(wrapper.find('[data-page="hotkeys"]').text()).not.toContain('CommandOrControl');
  });

  it('the duck setting reads as a volume, not "turn down by -12 dB"', async () => {
    const wrapper = await openSettingsPage('conversation');
    expect(wrapper.find('label[for="field-conversation-duckDb"]').text()).toBe('Agent volume while you speak');
  });
});

describe('theme', () => {
  it('is previewed as soon as it is chosen, and Discard brings the saved one back', async () => {
    const { mount } = await import('@vue/test-utils');
    const { default: App } = await import('../../renderer/src/App.vue');
    const wrapper = mount(App);
    await flushPromises();
    const store = useSettingsStore();
    store.setField('appearance', 'theme', 'dark');
    await flushPromises();
    expect(document.documentElement.dataset['theme']).toBe('dark');
    store.discard();
    await flushPromises();
    expect(document.documentElement.dataset['theme']).toBe('light');
    wrapper.unmount();
  });
});
