/**
 * The settings page says which barge-in rules are in force, in the practice panel's words, and
 * follows the draft as it is edited: the recognizer chosen, the timings, interruptions on or off.
 */
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type IpcResult, type ProviderPart } from '../../electron/contract/index';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useBridgePerTest } from './helpers/bridge-per-test';
import { openSettingsPage } from './helpers/settings-page';

const bridge = useBridgePerTest({ start: () => useSettingsStore().load() });

/** The first rule, with the default pause (its reason is in contract/settings/conversation.ts). */
const DUCK_THEN_PAUSE = `The agent turns down as soon as you start speaking and pauses after ${defaultSettings().conversation.speakingInterruptDurationMs} ms of your voice.`;
const NOT_DOWNLOADED = 'The local speech recognition model (128 MB) is not downloaded yet.';

/** Main's readiness answer: whether the saved recognizer can run (the language model is not what these rules depend on). */
function sttReadiness(stt: ProviderPart): () => IpcResult<unknown> {
  const part = { ready: true, provider: 'Local model' };
  return () => ({ ok: true, value: { ready: stt.ready, practiceMode: !stt.ready, stt, llm: part, downloads: [], downloadBytes: 0 } });
}

async function rulesPage(pageId = 'conversation', stt: ProviderPart = { ready: false, reason: NOT_DOWNLOADED }) {
  bridge.answers['models:readiness'] = sttReadiness(stt);
  const wrapper = await openSettingsPage(pageId);
  await flushPromises(); // main's readiness answer
  return {
    wrapper,
    recognizer: () => wrapper.find('[data-testid="rules-recognizer"]').text(),
    rules: () => wrapper.findAll('[data-testid="rules-list"] li').map((li) => li.text()),
  };
}

describe('Rules in force, on the settings page', () => {
  it('a fresh install (built-in recognizer, model not downloaded): the voice alone decides, and the page says why', async () => {
    const { recognizer, rules } = await rulesPage();
    expect(recognizer()).toBe(`Speech recognition: Built-in (offline) cannot run yet. ${NOT_DOWNLOADED} Until it can, only the sound of your voice decides.`);
    expect(rules()).toEqual([
      DUCK_THEN_PAUSE,
      'Words: not used now (no speech recognition is running).',
      expect.stringMatching(/^Voice: 1\.0 s of your voice stops it; anything shorter/),
    ]);
  });

  it('once the built-in model is installed, its words decide as you speak', async () => {
    const { recognizer, rules } = await rulesPage('conversation', { ready: true, provider: 'Local model' });
    expect(recognizer()).toBe('Speech recognition: Built-in (offline), with words as you speak.');
    expect(rules()[1]).toMatch(/^Words \(as you speak\)/);
  });

  it('choosing a streaming recognizer (Deepgram) in the draft brings the word rules in, and the voice rule becomes a safety net', async () => {
    const { recognizer, rules } = await rulesPage();
    useSettingsStore().setField('providers', 'sttProvider', 'deepgram');
    await flushPromises();
    expect(recognizer()).toBe('Speech recognition: Deepgram, with words as you speak.');
    expect(rules()[1]).toMatch(/^Words \(as you speak\): a question, a request, "no"/);
    expect(rules()[2]).toBe('Voice: only if no words arrive, 1.5 s of your voice stops it.');
  });

  it('a recognizer that does not stream: words count only after you stop', async () => {
    const { recognizer, rules } = await rulesPage();
    useSettingsStore().setField('providers', 'sttProvider', 'openai-compatible');
    await flushPromises();
    expect(recognizer()).toBe('Speech recognition: OpenAI-compatible, with words only after you stop (it does not stream).');
    expect(rules()[1]).toMatch(/^Words \(only after you stop \(this recognizer does not stream\)\)/);
  });

  it('no recognizer (practice mode) says so', async () => {
    const { recognizer } = await rulesPage();
    useSettingsStore().setField('providers', 'sttProvider', 'none');
    await flushPromises();
    expect(recognizer()).toBe('No speech recognition (practice mode): only the sound of your voice can decide.');
  });

  it('follows the fields of the page as they are typed', async () => {
    const { wrapper, rules } = await rulesPage();
    await wrapper.find('#field-conversation-speakingInterruptDurationMs').setValue('300');
    expect(rules()[0]).toBe('The agent turns down as soon as you start speaking and pauses after 300 ms of your voice.');
  });

  it('interruptions off: one rule, and what happens to your words', async () => {
    const { rules } = await rulesPage();
    useSettingsStore().setField('conversation', 'interruptions', 'off');
    await flushPromises();
    expect(rules()).toEqual(['Interruptions are off: what you say while the agent speaks is answered after it finishes.']);
    useSettingsStore().setField('conversation', 'whenOff', 'ignore');
    await flushPromises();
    expect(rules()).toEqual(['Interruptions are off: what you say while the agent speaks is ignored.']);
  });

  it('a value the schema refuses shows no rules, and says what to do', async () => {
    const { wrapper } = await rulesPage();
    await wrapper.find('#field-conversation-speakingInterruptDurationMs').setValue('-5');
    expect(wrapper.find('[data-testid="rules-list"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="rules-invalid"]').text()).toBe('Fix the fields marked above to see the rules they make.');
  });

  it('while main has not said whether the recognizer can run, the page says it is checking', async () => {
    bridge.answers['models:readiness'] = () => ({ ok: false, error: { code: 'unavailable', message: 'not now' } });
    const wrapper = await openSettingsPage('conversation');
    await flushPromises();
    expect(wrapper.find('[data-testid="rules-recognizer"]').text()).toBe('Speech recognition: Built-in (offline); checking whether it can run now…');
  });

  it('is on the strategies page too, follows the strategies as edited, and warns when nothing said can stop the agent', async () => {
    const { wrapper, rules } = await rulesPage('strategies');
    expect(rules()).toHaveLength(3);
    await wrapper.find('[data-strategy="voiceShape"] button[aria-label^="Remove"]').trigger('click');
    expect(rules()).toEqual([
      DUCK_THEN_PAUSE,
      'Words: not used now (no speech recognition is running).',
      'Nothing you say can stop it now: add the Voice strategy or set up speech recognition. The Interrupt button and hotkey still stop it.',
    ]);
  });
});
