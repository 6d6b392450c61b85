import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../electron/contract/index';
import AlertBanners from '../../renderer/src/components/AlertBanners.vue';
import TranscriptView from '../../renderer/src/components/conversation/TranscriptView.vue';
import { useAlertsStore } from '../../renderer/src/stores/alerts';
import { useSessionStore } from '../../renderer/src/stores/session';
import { useTranscriptStore } from '../../renderer/src/stores/transcript';
import { runningStatus } from './helpers/direct-bridge';
import { useBridgePerTest } from './helpers/bridge-per-test';

const bridge = useBridgePerTest({ subscribed: () => [useTranscriptStore(), useAlertsStore()] });
const FAILED = 'The language model failed: Cannot reach 127.0.0.1:1 (ECONNREFUSED). Is the server running and the address right?';

async function failedTurn() {
  useSessionStore().applyStatus((runningStatus() as { ok: true; value: AgentStatus }).value);
  // What main sends: the banner's error, then the turn marked with why its answer failed.
  bridge.script.emit('app:error', { kind: 'providerUnreachable', message: FAILED, nextStep: 'Check the provider.' });
  bridge.script.emit('transcript:update', { entries: [{ id: 'e1', speaker: 'user', text: 'when is the next train', interim: false, replyFailed: FAILED }] });
  await flushPromises();
}

describe('a reply that failed', () => {
  it('is marked in the transcript under the turn, with Retry that asks again', async () => {
    const wrapper = mount(TranscriptView);
    await failedTurn();
    const marker = wrapper.find('[data-testid="failed-reply"]');
    expect(marker.text()).toContain(`No answer: ${FAILED}`);
    bridge.answers['agent:retry'] = () => ({ ok: true, value: { retried: true } });
    await marker.find('button').trigger('click');
    await flushPromises();
    expect(bridge.calls.at(-1)?.channel).toBe('agent:retry');
    expect(wrapper.text()).toContain('Asking again…');
    // The answer comes: main takes the mark off the turn.
    bridge.script.emit('transcript:update', {
      entries: [
        { id: 'e1', speaker: 'user', text: 'when is the next train', interim: false },
        { id: 'e2', speaker: 'agent', text: 'At nine.', interim: false },
      ],
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="failed-reply"]').exists()).toBe(false);
  });

  it('an earlier unanswered turn keeps its mark without Retry once the person moved on', async () => {
    const wrapper = mount(TranscriptView);
    await failedTurn();
    bridge.script.emit('transcript:update', { entries: [{ id: 'e2', speaker: 'user', text: 'never mind', interim: false }] });
    await flushPromises();
    const marker = wrapper.find('[data-testid="failed-reply"]');
    expect(marker.text()).toContain('No answer:');
    expect(marker.find('button').exists()).toBe(false);
  });

  it('the banner clears itself once the agent answers again', async () => {
    const banners = mount(AlertBanners);
    await failedTurn();
    expect(banners.text()).toContain('Provider unreachable');
    bridge.script.emit('transcript:update', { entries: [{ id: 'e2', speaker: 'agent', text: 'At nine.', interim: false }] });
    await flushPromises();
    expect(banners.text()).not.toContain('Provider unreachable');
  });
});

describe('an answer being spoken', () => {
  it('shows the heard words in full and the rest as pending, and all of it once played out', async () => {
    const { default: TranscriptEntryItem } = await import('../../renderer/src/components/conversation/TranscriptEntryItem.vue');
    const speaking = mount(TranscriptEntryItem, {
      props: { entry: { id: 'a1', speaker: 'agent', text: 'Bring water and a warm layer.', interim: true, spokenText: 'Bring water' } },
    });
    expect(speaking.find('.spoken').text()).toBe('Bring water');
    expect(speaking.find('.pending').text()).toBe('Still to be spoken:  and a warm layer.');
    const done = mount(TranscriptEntryItem, { props: { entry: { id: 'a1', speaker: 'agent', text: 'Bring water and a warm layer.', interim: false } } });
    expect(done.find('.pending').exists()).toBe(false);
    expect(done.find('.text').text()).toBe('Bring water and a warm layer.');
  });
});
