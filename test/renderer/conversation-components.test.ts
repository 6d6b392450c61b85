import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { NOT_STREAMING_MESSAGE } from '../../electron/contract/index';
import AlertBanners from '../../renderer/src/components/AlertBanners.vue';
import LiveAnnouncer from '../../renderer/src/components/LiveAnnouncer.vue';
import AgentStatePill from '../../renderer/src/components/conversation/AgentStatePill.vue';
import BargeInTimeline from '../../renderer/src/components/conversation/BargeInTimeline.vue';
import InterruptButton from '../../renderer/src/components/conversation/InterruptButton.vue';
import LevelMeter from '../../renderer/src/components/conversation/LevelMeter.vue';
import MetricsPanel from '../../renderer/src/components/conversation/MetricsPanel.vue';
import SessionControls from '../../renderer/src/components/conversation/SessionControls.vue';
import TranscriptView from '../../renderer/src/components/conversation/TranscriptView.vue';
import { useAlertsStore } from '../../renderer/src/stores/alerts';
import { useMetricsStore } from '../../renderer/src/stores/metrics';
import { useSessionStore } from '../../renderer/src/stores/session';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useTimelineStore } from '../../renderer/src/stores/timeline';
import { useTranscriptStore } from '../../renderer/src/stores/transcript';
import { scriptInterruptDecided, scriptUpToBargeIn } from '../helpers/agent-events';
import { runningStatus } from './helpers/direct-bridge';
import { useBridgePerTest } from './helpers/bridge-per-test';

const bridge = useBridgePerTest({
  subscribed: () => [useSessionStore(), useTranscriptStore(), useMetricsStore(), useTimelineStore(), useAlertsStore()],
  start: () => useSettingsStore().load(),
});

describe('TranscriptView', () => {
  it('shows interim user text as still being heard', async () => {
    const wrapper = mount(TranscriptView);
    bridge.script.entry({ id: 'u1', speaker: 'user', text: 'what about', interim: true });
    await flushPromises();
    const entry = wrapper.find('[data-entry-id="u1"]');
    expect(entry.classes()).toContain('interim');
    expect(entry.text()).toContain('(still listening)');
  });

  it('shows an interrupted answer: heard text, the unheard rest struck through, and the reason', async () => {
    const wrapper = mount(TranscriptView);
    scriptInterruptDecided(scriptUpToBargeIn(bridge.script));
    await flushPromises();
    const entry = wrapper.find('[data-entry-id="a2"]');
    expect(entry.find('.heard').text()).toBe('Most huts serve a half-board dinner and breakfast, so you only need lunch');
    expect(entry.find('del').text()).toContain('and snacks for the trail.');
    expect(entry.find('.cut-mark').text()).toBe('Interrupted by voice (phrases)');
  });

  it('announces new entries politely as a log', () => {
    const wrapper = mount(TranscriptView);
    const log = wrapper.find('[role="log"]');
    expect(log.attributes('aria-live')).toBe('polite');
  });

  it('copies the heard conversation to the clipboard', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const wrapper = mount(TranscriptView);
    bridge.script.entry({ id: 'u1', speaker: 'user', text: 'Hello' });
    await flushPromises();
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Copy')!
      .trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('You: Hello');
    expect(wrapper.find('[role="status"]').text()).toBe('Transcript copied.');
  });

  it('clears the view', async () => {
    const wrapper = mount(TranscriptView);
    bridge.script.entry({ id: 'u1', speaker: 'user', text: 'Hello' });
    await flushPromises();
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Clear')!
      .trigger('click');
    expect(wrapper.findAll('li')).toHaveLength(0);
  });

  it('stops following new text once the person scrolls up, and offers to jump back', async () => {
    const wrapper = mount(TranscriptView, { attachTo: document.body });
    const scroller = wrapper.find('.scroller').element as HTMLElement;
    Object.defineProperty(scroller, 'scrollHeight', { value: 2000, configurable: true });
    Object.defineProperty(scroller, 'clientHeight', { value: 400, configurable: true });
    scroller.scrollTop = 200;
    await wrapper.find('.scroller').trigger('scroll');
    bridge.script.entry({ id: 'u9', speaker: 'user', text: 'More' });
    await flushPromises();
    expect(scroller.scrollTop).toBe(200);
    const jump = wrapper.find('.jump');
    expect(jump.exists()).toBe(true);
    await jump.trigger('click');
    expect(scroller.scrollTop).toBe(2000);
    wrapper.unmount();
  });
});

describe('AgentStatePill', () => {
  it('says "Not started" with no session', () => {
    expect(mount(AgentStatePill).text()).toBe('Not started');
  });

  it('shows the paused barge-in phase in words', async () => {
    const wrapper = mount(AgentStatePill);
    bridge.script.state('speaking', 'paused');
    await flushPromises();
    expect(wrapper.text()).toBe('Paused: Maybe interrupting…');
  });

  it('shows a resume after a false alarm', async () => {
    const wrapper = mount(AgentStatePill);
    bridge.script.state('speaking', 'resumed');
    await flushPromises();
    expect(wrapper.text()).toContain('Resumed after a false alarm');
  });
});

describe('InterruptButton', () => {
  it('shows the interrupt hotkey from the settings', async () => {
    bridge.services.settings.update({ hotkeys: { interrupt: 'Alt+F9' } });
    await useSettingsStore().load();
    const wrapper = mount(InterruptButton);
    expect(wrapper.findAll('kbd').map((k) => k.text())).toEqual(['Alt', 'F9']);
  });

  it('looks quiet while the agent is silent and live while it speaks', async () => {
    const wrapper = mount(InterruptButton);
    expect(wrapper.find('button').classes()).not.toContain('live');
    bridge.script.state('speaking');
    await flushPromises();
    expect(wrapper.find('button').classes()).toContain('live');
  });

  it('asks main to interrupt, saying it was the button', async () => {
    bridge.answers['agent:interrupt'] = () => ({ ok: true, value: { interrupted: true } });
    const wrapper = mount(InterruptButton);
    await wrapper.find('button').trigger('click');
    await flushPromises();
    expect(bridge.calls.at(-1)).toEqual({ channel: 'agent:interrupt', request: { reason: 'button' } });
  });
});

describe('SessionControls', () => {
  it('shows the readable interrupt error with main message underneath', async () => {
    bridge.answers['agent:interrupt'] = () => ({ ok: false, error: { code: 'not_streaming', message: NOT_STREAMING_MESSAGE } });
    const wrapper = mount(SessionControls);
    await useSessionStore().interrupt('button');
    await flushPromises();
    const alert = wrapper.find('[role="alert"]');
    expect(alert.find('.title').text()).toBe('Nothing to interrupt: no session is running. Start a session first.');
    expect(alert.find('.detail').text()).toBe(NOT_STREAMING_MESSAGE);
    await alert.find('button').trigger('click');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  it('starts a session and then offers to stop it and mute', async () => {
    bridge.answers['agent:start'] = () => runningStatus();
    const wrapper = mount(SessionControls);
    expect(wrapper.find('#mute-toggle').attributes('disabled')).toBeDefined();
    await wrapper.find('#session-toggle').trigger('click');
    await flushPromises();
    expect(wrapper.find('#session-toggle').text()).toBe('Stop session');
    expect(wrapper.find('#mute-toggle').attributes('disabled')).toBeUndefined();
  });

  it('shows mute as a pressed toggle', async () => {
    bridge.answers['agent:status'] = () => runningStatus({ muted: true });
    await useSessionStore().load();
    const wrapper = mount(SessionControls);
    expect(wrapper.find('#mute-toggle').attributes('aria-pressed')).toBe('true');
    expect(wrapper.find('#mute-toggle').text()).toBe('Muted');
  });
});

describe('LevelMeter', () => {
  it('reports the live microphone level as a meter', async () => {
    const wrapper = mount(LevelMeter);
    bridge.script.levels(
      100,
      () => -18.4,
      () => 0.93,
    );
    await flushPromises();
    const meter = wrapper.find('[role="meter"]');
    expect(meter.attributes('aria-valuenow')).toBe('-18');
    expect(wrapper.text()).toContain('Voice 93%');
    expect(wrapper.find('polyline').attributes('points')).toBeTruthy();
  });

  it('says it shows the microphone with the agent’s voice removed only while echo cancellation is on', async () => {
    const wrapper = mount(LevelMeter);
    await flushPromises();
    expect(wrapper.text()).toContain('the agent’s own voice removed');
    useSettingsStore().saved.audio.echoCancellation = false;
    await flushPromises();
    expect(wrapper.text()).not.toContain('voice removed');
  });
});

describe('BargeInTimeline', () => {
  it('draws speech spans and every barge-in mark of the last minute', async () => {
    const wrapper = mount(BargeInTimeline);
    scriptInterruptDecided(scriptUpToBargeIn(bridge.script));
    await flushPromises();
    expect(wrapper.findAll('rect.span.agent').length).toBe(2);
    expect(wrapper.findAll('rect.span.user').length).toBe(3);
    const marks = wrapper.findAll('[data-mark]').map((m) => m.attributes('data-mark'));
    expect(new Set(marks)).toEqual(new Set(['duck', 'pause', 'resume', 'falseInterruption', 'interrupt']));
    expect(wrapper.find('svg').attributes('aria-label')).toBe('Last minute: the agent spoke 2 times, you spoke 3 times, 1 interruptions, 1 false alarms.');
  });
});

describe('MetricsPanel', () => {
  it('shows dashes before anything is measured, then the figures', async () => {
    const wrapper = mount(MetricsPanel);
    expect(wrapper.find('[data-metric="barge-in"] dd').text()).toBe('—');
    bridge.script.metrics({ lastBargeInLatencyMs: 212.4, timeToFirstAudioMs: 640, interruptions: 1, falseInterruptions: 2 });
    await flushPromises();
    expect(wrapper.find('[data-metric="barge-in"] dd').text()).toBe('212 ms');
    expect(wrapper.find('[data-metric="false"] dd').text()).toBe('2');
  });

  it('draws a stacked bar per answered turn, stage widths on one scale, the last six turns', async () => {
    const wrapper = mount(MetricsPanel);
    expect(wrapper.find('[data-metric="latency-budget"]').exists()).toBe(false);
    const turn = (n: number, preemptive: boolean) => ({
      turnId: `t${n}`,
      atMs: 1000 * n,
      preemptive,
      totalMs: 800,
      outputLatencyMs: 60,
      segments: [
        { stage: 'vad' as const, until: 'vadEnd' as const, ms: 400 },
        { stage: 'turn' as const, until: 'endOfTurn' as const, ms: 100 },
        { stage: 'llm' as const, until: 'llmFirstToken' as const, ms: 200 },
        { stage: 'tts' as const, until: 'ttsFirstAudio' as const, ms: 100 },
      ],
    });
    for (let n = 1; n <= 7; n++) bridge.script.emit('latency:budget', turn(n, n === 7));
    await flushPromises();
    const rows = wrapper.findAll('.bar-row');
    expect(rows).toHaveLength(6);
    const segs = rows[0]!.findAll('.seg');
    expect(segs.map((s) => s.attributes('data-stage'))).toEqual(['vad', 'turn', 'llm', 'tts']);
    expect(segs[0]!.attributes('style')).toContain('width: 40%'); // 400 of a 1000 ms scale
    expect(rows[5]!.find('.bar').attributes('aria-label')).toBe(
      '800 ms (answer prepared early): Pause detection 400, End-of-turn wait 100, Model first word 200, Voice 100',
    );
    expect(rows[5]!.find('.total').text()).toContain('800 ms');
    expect(wrapper.find('.legend').text()).toContain('Pause detection');
    expect(wrapper.find('.legend').text()).not.toContain('Recognizer'); // only stages these turns had
  });
});

describe('AlertBanners', () => {
  it('shows a device-lost error with its next step and dismisses it', async () => {
    const wrapper = mount(AlertBanners);
    bridge.script.emit('app:error', {
      kind: 'deviceLost',
      message: 'The microphone was unplugged.',
      nextStep: 'Plug it back in or pick another one in Settings → Audio.',
    });
    await flushPromises();
    expect(wrapper.text()).toContain('Audio device lost: The microphone was unplugged.');
    expect(wrapper.text()).toContain('Next step: Plug it back in');
    await wrapper.find('button').trigger('click');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });
});

describe('LiveAnnouncer', () => {
  it('announces state changes and interruptions politely', async () => {
    const wrapper = mount(LiveAnnouncer);
    const region = () => wrapper.find('[data-testid="announcer"]');
    expect(region().attributes('aria-live')).toBe('polite');
    bridge.script.state('speaking');
    await flushPromises();
    expect(region().text()).toBe('Agent speaking');
    bridge.script.entry({ id: 'a1', speaker: 'agent', text: 'x y', interrupted: true, heardText: 'x', unheardText: 'y', reason: 'button' });
    await flushPromises();
    expect(region().text()).toBe('Agent interrupted by button.');
  });
});
