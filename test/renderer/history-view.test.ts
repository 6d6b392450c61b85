import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import HistoryView from '../../renderer/src/components/history/HistoryView.vue';
import { useHistoryStore } from '../../renderer/src/stores/history';
import { useBridgePerTest } from './helpers/bridge-per-test';

const bridge = useBridgePerTest({ subscribed: () => [useHistoryStore()] });

function talk(): void {
  bridge.services.events.emit('transcript:update', { entries: [{ id: 'a-e1', speaker: 'user', text: 'Tell me about trains', interim: false }] });
  bridge.services.events.emit('transcript:update', {
    entries: [
      {
        id: 'a-e2',
        speaker: 'agent',
        text: 'The next train leaves at nine.',
        interim: false,
        interrupted: true,
        heardText: 'The next train',
        unheardText: 'leaves at nine.',
        reason: 'voice',
      },
    ],
  });
  bridge.services.events.emit('agent:state', { state: 'idle', atMs: 0 });
}

async function settled(wrapper: ReturnType<typeof mount>, check: () => boolean): Promise<void> {
  // Main's answers go through real files: allow a slow, loaded machine (the loop ends as soon as check() holds).
  for (const deadline = Date.now() + 10_000; !check() && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 10));
    await flushPromises();
  }
  expect(check()).toBe(true);
  void wrapper;
}

describe('the history view', () => {
  it('lists saved conversations by first words, opens one with its cut, and renames it', async () => {
    talk();
    const wrapper = mount(HistoryView);
    await settled(wrapper, () => wrapper.findAll('.item').length === 1);
    expect(wrapper.find('.item .title').text()).toBe('Tell me about trains');
    expect(wrapper.find('.item .meta').text()).toContain('2 turns');
    await wrapper.find('.item').trigger('click');
    await flushPromises();
    expect(wrapper.find('#history-detail-title').text()).toBe('Tell me about trains');
    expect(wrapper.find('.unheard').text()).toContain('leaves at nine.');
    await wrapper.find('[data-action="rename"]').trigger('click');
    await wrapper.find('#history-rename').setValue('Train times');
    await wrapper.find('form.rename').trigger('submit');
    await flushPromises();
    expect(wrapper.find('#history-detail-title').text()).toBe('Train times');
    expect(wrapper.find('.item .title').text()).toBe('Train times');
  });

  it('a turn whose answer failed shows its mark when reopened, and "Continue and ask again" continues, then asks again', async () => {
    const FAILED = 'The language model failed: Cannot reach 127.0.0.1:9 (ECONNREFUSED).';
    bridge.services.events.emit('transcript:update', {
      entries: [{ id: 'c-e1', speaker: 'user', text: 'When is the ferry', interim: false, replyFailed: FAILED }],
    });
    bridge.services.events.emit('agent:state', { state: 'idle', atMs: 0 });
    const wrapper = mount(HistoryView);
    await settled(wrapper, () => wrapper.findAll('.item').length === 1);
    await wrapper.find('.item').trigger('click');
    await flushPromises();
    const mark = wrapper.find('[data-testid="failed-reply"]');
    expect(mark.text()).toContain(`No answer: ${FAILED}`);
    bridge.answers['history:continue'] = () => ({
      ok: true,
      value: {
        state: 'listening',
        phase: 'none',
        sessionId: 's',
        muted: false,
        transcript: [],
        metrics: { lastBargeInLatencyMs: null, timeToFirstAudioMs: null, interruptions: 0, falseInterruptions: 0 },
      },
    });
    bridge.answers['agent:retry'] = () => ({ ok: true, value: { retried: true } });
    await mark.find('button').trigger('click');
    await flushPromises();
    expect(bridge.calls.slice(-2).map((c) => c.channel)).toEqual(['history:continue', 'agent:retry']);
    expect(wrapper.emitted('continued')).toHaveLength(1);
  });

  it('delete offers Undo, which brings the conversation back', async () => {
    talk();
    const wrapper = mount(HistoryView);
    await settled(wrapper, () => wrapper.findAll('.item').length === 1);
    await wrapper.find('.item').trigger('click');
    await flushPromises();
    await wrapper.find('[data-action="delete"]').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('.item')).toHaveLength(0);
    expect(wrapper.find('.undo').text()).toContain('Deleted “Tell me about trains”.');
    await wrapper.find('.undo button').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('.item')).toHaveLength(1);
  });

  it('exports Markdown as a file download', async () => {
    talk();
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (created.push(b as Blob), 'blob:x'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const wrapper = mount(HistoryView);
    await settled(wrapper, () => wrapper.findAll('.item').length === 1);
    await wrapper.find('.item').trigger('click');
    await flushPromises();
    await wrapper.find('[data-action="export-markdown"]').trigger('click');
    await flushPromises();
    expect(await created[0]!.text()).toContain('**Agent**: The next train *(interrupted by voice)* ~~leaves at nine.~~ *(not heard)*');
    expect(wrapper.find('.detail-head .status').text()).toMatch(/^Exported \d{4}-\d{2}-\d{2}-tell-me-about-trains\.md\.$/);
    vi.restoreAllMocks();
  });

  it('search narrows the list to conversations containing the words', async () => {
    talk();
    bridge.services.events.emit('transcript:update', { entries: [{ id: 'b-e1', speaker: 'user', text: 'What about the weather', interim: false }] });
    const wrapper = mount(HistoryView);
    await settled(wrapper, () => wrapper.findAll('.item').length === 2);
    await wrapper.find('input[type="search"]').setValue('weather');
    await settled(wrapper, () => wrapper.findAll('.item').length === 1);
    expect(wrapper.find('.item .title').text()).toBe('What about the weather');
  });
});
