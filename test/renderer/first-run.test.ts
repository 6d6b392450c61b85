/**
 * The first-run screen and practice mode in the conversation view, against the real services
 * through the direct bridge. Channels whose real answer would need the network (a 600 MB
 * download) or a running engine answer from the test instead.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcResult, ModelStatusInfo, ReadinessSummary } from '../../electron/contract/index';
import SettingsPanel from '../../renderer/src/components/SettingsPanel.vue';
import PracticeModePanel from '../../renderer/src/components/conversation/PracticeModePanel.vue';
import FirstRunScreen from '../../renderer/src/components/first-run/FirstRunScreen.vue';
import { useFirstRunStore } from '../../renderer/src/stores/first-run';
import { useModelsStore } from '../../renderer/src/stores/models';
import { useSessionStore } from '../../renderer/src/stores/session';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { runningStatus } from './helpers/direct-bridge';
import { useBridgePerTest } from './helpers/bridge-per-test';

const STT = 'stt-zipformer-en-20m';
const LLM = 'llm-qwen2.5-0.5b-instruct-q4';

beforeEach(() => localStorage.clear());
const bridge = useBridgePerTest({
  subscribed: () => [useModelsStore(), useSessionStore()],
  start: () => useSettingsStore().load(),
  stop: () => vi.restoreAllMocks(),
});

function status(id: string, overrides: Partial<ModelStatusInfo> = {}): ModelStatusInfo {
  return {
    id,
    purpose: id === STT ? 'stt' : 'llm',
    title: id === STT ? 'English speech recognition' : 'Small local language model',
    sizeBytes: id === STT ? 128e6 : 491e6,
    licence: 'Apache-2.0',
    state: 'absent',
    checksumPublished: false,
    ...overrides,
  };
}

function readiness(overrides: Partial<ReadinessSummary> = {}): ReadinessSummary {
  return {
    ready: false,
    practiceMode: true,
    stt: {
      ready: false,
      reason: 'The local speech recognition model (128 MB) is not downloaded yet.',
      download: { id: STT, title: 'English speech recognition', sizeBytes: 128e6, partialBytes: 0 },
    },
    llm: { ready: false, reason: 'No language model yet.', download: { id: LLM, title: 'Small local language model', sizeBytes: 491e6, partialBytes: 0 } },
    downloads: [
      { id: STT, title: 'English speech recognition', sizeBytes: 128e6, partialBytes: 0 },
      { id: LLM, title: 'Small local language model', sizeBytes: 491e6, partialBytes: 0 },
    ],
    downloadBytes: 619e6,
    ...overrides,
  };
}

const answer =
  <T>(value: T) =>
  (): IpcResult<unknown> => ({ ok: true, value });

async function mountFirstRun() {
  await useModelsStore().load();
  const wrapper = mount(FirstRunScreen);
  await flushPromises();
  return wrapper;
}

describe('FirstRunScreen', () => {
  it('explains the choice on a fresh machine: the local models and their size, a provider, or practice', async () => {
    bridge.answers['models:readiness'] = answer(
      readiness({
        llm: { ...readiness().llm, reason: 'No language model yet: download the local one (491 MB), start Ollama or LM Studio, or enter a provider.' },
      }),
    );
    const wrapper = await mountFirstRun();
    expect(useFirstRunStore().shown).toBe(true);
    const text = wrapper.text();
    expect(text).toContain('Speech recognition: The local speech recognition model (128 MB) is not downloaded yet.');
    expect(text).toMatch(/Language model: No language model yet: download the local one \(491 MB\)/);
    expect(wrapper.find('#first-run-download').text()).toBe('Download 619 MB');
    expect(wrapper.find('#first-run-provider').text()).toBe('Enter a provider');
    expect(wrapper.find('#first-run-practice').text()).toBe('Practise interrupting now');
  });

  it("says there is no network when the download cannot start, in main's words", async () => {
    bridge.answers['models:readiness'] = answer(readiness());
    bridge.answers['models:install'] = () => ({
      ok: false,
      error: { code: 'unavailable', message: 'No network: Cannot reach huggingface.co (ENOTFOUND): there seems to be no network connection.' },
    });
    const wrapper = await mountFirstRun();
    await wrapper.find('#first-run-download').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="download-error"]').text()).toBe(
      'No network: Cannot reach huggingface.co (ENOTFOUND): there seems to be no network connection.',
    );
    expect(bridge.calls.filter((c) => c.channel === 'models:install').map((c) => c.request)).toEqual([{ id: STT }, { id: LLM }]);
  });

  it('shows one progress bar for both downloads with bytes, rate and time left, and cancels them', async () => {
    bridge.answers['models:readiness'] = answer(readiness());
    bridge.answers['models:install'] = (req) => ({ ok: true, value: status((req as { id: string }).id, { state: 'downloading' }) });
    bridge.answers['models:cancel'] = (req) => ({ ok: true, value: status((req as { id: string }).id, { state: 'partial', partialBytes: 64e6 }) });
    const wrapper = await mountFirstRun();
    await wrapper.find('#first-run-download').trigger('click');
    await flushPromises();
    // The first reports of a download carry a one-chunk rate: no rate or time left until it has run a second.
    bridge.services.events.emit('models:progress', {
      id: STT,
      phase: 'downloading',
      receivedBytes: 32_768,
      totalBytes: 128e6,
      bytesPerSecond: 33e6,
      remainingMs: 4000,
    });
    bridge.services.events.emit('models:progress', {
      id: LLM,
      phase: 'downloading',
      receivedBytes: 32_768,
      totalBytes: 491e6,
      bytesPerSecond: 33e6,
      remainingMs: 15_000,
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="download-figures"]').text()).toBe('66 kB of 619 MB');
    vi.spyOn(performance, 'now').mockReturnValue(performance.now() + 1500);
    bridge.services.events.emit('models:progress', {
      id: STT,
      phase: 'downloading',
      receivedBytes: 64e6,
      totalBytes: 128e6,
      bytesPerSecond: 4e6,
      remainingMs: 16_000,
    });
    bridge.services.events.emit('models:progress', { id: LLM, phase: 'downloading', receivedBytes: 60e6, totalBytes: 491e6, bytesPerSecond: 4e6 });
    await flushPromises();
    const bar = wrapper.find('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('20');
    // (619 - 124) MB at 8 MB/s: 62 s.
    expect(wrapper.find('[data-testid="download-figures"]').text()).toBe('124 MB of 619 MB · 8 MB/s · about 62 s left');

    await wrapper.find('#first-run-cancel').trigger('click');
    await flushPromises();
    expect(bridge.calls.filter((c) => c.channel === 'models:cancel').map((c) => c.request)).toEqual([{ id: STT }, { id: LLM }]);
    expect(wrapper.find('[role="progressbar"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('(64 MB already downloaded)');
    expect(wrapper.find('#first-run-download').text()).toBe('Resume download (491 MB left)');
  });

  it('reports a download that fails half-way (models:state with the reason)', async () => {
    bridge.answers['models:readiness'] = answer(readiness());
    bridge.answers['models:install'] = (req) => ({ ok: true, value: status((req as { id: string }).id, { state: 'downloading' }) });
    const wrapper = await mountFirstRun();
    await wrapper.find('#first-run-download').trigger('click');
    await flushPromises();
    bridge.services.events.emit(
      'models:state',
      status(LLM, {
        state: 'partial',
        partialBytes: 5e6,
        error: { code: 'interrupted', message: 'Download failed: The connection dropped after 5 MB of 491 MB.' },
      }),
    );
    await flushPromises();
    expect(wrapper.find('[data-testid="download-error"]').text()).toContain('Download failed: The connection dropped after 5 MB of 491 MB.');
  });

  it('uses a model folder the person already has', async () => {
    bridge.answers['models:readiness'] = answer(readiness());
    bridge.answers['models:link'] = (req) => ({ ok: true, value: status(LLM, { state: 'linked', path: (req as { path: string }).path }) });
    const wrapper = await mountFirstRun();
    await wrapper.find('#first-run-existing').trigger('click');
    await wrapper.find(`#link-${LLM.replace(/\./g, '\\.')}`).setValue('/home/me/models/qwen');
    await wrapper.findAll('.link-row')[1]!.trigger('submit');
    await flushPromises();
    expect(bridge.calls.find((c) => c.channel === 'models:link')?.request).toEqual({ id: LLM, path: '/home/me/models/qwen' });
    expect(useModelsStore().statuses[LLM]?.state).toBe('linked');
  });

  it('asks to open Settings at the providers page for "Enter a provider"', async () => {
    const wrapper = await mountFirstRun();
    await wrapper.find('#first-run-provider').trigger('click');
    expect(wrapper.emitted('openProviders')).toHaveLength(1);
  });

  it('starts practice mode with "Practise interrupting now" and steps aside for good', async () => {
    bridge.answers['agent:start'] = () => runningStatus({ mode: 'practice' });
    const wrapper = await mountFirstRun();
    await wrapper.find('#first-run-practice').trigger('click');
    await flushPromises();
    expect(bridge.calls.some((c) => c.channel === 'agent:start')).toBe(true);
    expect(useSessionStore().running).toBe(true);
    expect(useFirstRunStore().shown).toBe(false);
    expect(localStorage.getItem('interject.firstRun.dismissed')).toBe('1');
  });

  it('is not shown once a conversation can run', async () => {
    bridge.answers['models:readiness'] = answer(
      readiness({
        ready: true,
        practiceMode: false,
        stt: { ready: true, provider: 'Local speech recognition model' },
        llm: { ready: true, provider: 'Ollama' },
        downloads: [],
        downloadBytes: 0,
      }),
    );
    await useModelsStore().load();
    expect(useFirstRunStore().shown).toBe(false);
  });

  it('asks readiness again when the settings change (a provider was entered)', async () => {
    await useModelsStore().load();
    const asked = bridge.calls.filter((c) => c.channel === 'models:readiness').length;
    await bridge.api.settings.update({ providers: { llmProvider: 'openai-compatible', llmEndpoint: 'http://127.0.0.1:9/v1' } });
    await vi.waitFor(
      () => expect(useModelsStore().readiness?.llm).toMatchObject({ ready: true, provider: 'OpenAI-compatible server at http://127.0.0.1:9/v1' }),
      { timeout: 10_000 },
    );
    expect(bridge.calls.filter((c) => c.channel === 'models:readiness').length).toBe(asked + 1);
  });
});

describe('SettingsPanel opened from the first-run screen', () => {
  it('opens at the providers page', async () => {
    const wrapper = mount(SettingsPanel, { props: { initialPage: 'providers' } });
    await flushPromises();
    expect(wrapper.find('#settings-page-providers').attributes('aria-current')).toBe('page');
    // Recognizer and language model come first (not below the voice's fields).
    const ids = wrapper.findAll('[id^="field-"]').map((e) => e.attributes('id'));
    expect(ids.indexOf('field-providers-sttProvider')).toBeLessThan(ids.indexOf('field-tts-provider'));
    expect(ids.indexOf('field-providers-llmProvider')).toBeLessThan(ids.indexOf('field-tts-provider'));
  });
});

describe('PracticeModePanel', () => {
  const notes = ['The local speech recognition model (128 MB) is not downloaded yet.'];

  async function mountRunning(mode: 'practice' | 'conversation') {
    bridge.answers['agent:status'] = () => runningStatus({ mode, notes: mode === 'practice' ? notes : [] });
    const wrapper = mount(PracticeModePanel);
    await useSessionStore().load();
    await flushPromises();
    return wrapper;
  }

  it('labels practice mode clearly and says why', async () => {
    const wrapper = await mountRunning('practice');
    expect(wrapper.find('#practice-title').text()).toBe('Practice mode');
    expect(wrapper.find('[aria-label="Why practice mode"]').text()).toBe(notes[0]);
  });

  it('reads the next passage, or continues the interrupted one, by button', async () => {
    bridge.answers['agent:practice'] = answer({ text: 'A passage.' });
    const wrapper = await mountRunning('practice');
    await wrapper.find('#practice-continue').trigger('click');
    await flushPromises();
    await wrapper.find('#practice-next').trigger('click');
    await flushPromises();
    expect(bridge.calls.filter((c) => c.channel === 'agent:practice').map((c) => c.request)).toEqual([{ action: 'continue' }, { action: 'next' }]);
  });

  it("shows main's error when practice is no longer running", async () => {
    const wrapper = await mountRunning('practice');
    await wrapper.find('#practice-next').trigger('click');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe('Practice mode is not running.');
  });

  it('notices when main restarted the session as a conversation (a provider was entered)', async () => {
    const wrapper = await mountRunning('practice');
    expect(wrapper.find('[data-testid="practice-mode"]').exists()).toBe(true);
    bridge.answers['agent:status'] = () => runningStatus({ mode: 'conversation', notes: [] });
    bridge.script.state('thinking');
    await flushPromises();
    bridge.script.state('listening');
    await flushPromises();
    expect(wrapper.find('[data-testid="practice-mode"]').exists()).toBe(false);
  });

  it('is absent in a normal conversation', async () => {
    const wrapper = await mountRunning('conversation');
    expect(wrapper.find('[data-testid="practice-mode"]').exists()).toBe(false);
  });

  it('offers to switch to a conversation once one is ready', async () => {
    bridge.answers['models:readiness'] = answer(readiness({ ready: true, practiceMode: false, downloads: [], downloadBytes: 0 }));
    await useModelsStore().load();
    const wrapper = await mountRunning('practice');
    expect(wrapper.find('#practice-switch').text()).toBe('Start a conversation');
  });
});
