import { describe, expect, it } from 'vitest';
import { NOT_STREAMING_MESSAGE } from '../../electron/contract/index';
const NOT_READY = 'The audio devices are not available here';
import { useAlertsStore } from '../../renderer/src/stores/alerts';
import { useDevicesStore } from '../../renderer/src/stores/devices';
import { useHotkeysStore } from '../../renderer/src/stores/hotkeys';
import { useMetricsStore } from '../../renderer/src/stores/metrics';
import { useSecretsStore } from '../../renderer/src/stores/secrets';
import { useBridgePerTest } from './helpers/bridge-per-test';

const bridge = useBridgePerTest({
  stop: () => {
    for (const store of [useAlertsStore(), useDevicesStore(), useMetricsStore(), useHotkeysStore()]) store.unsubscribe();
  },
});

describe('metrics store', () => {
  it('follows the session metrics from main', () => {
    const store = useMetricsStore();
    store.subscribe();
    bridge.script.metrics({ lastBargeInLatencyMs: 190, timeToFirstAudioMs: 700, interruptions: 3, falseInterruptions: 1 });
    expect(store.metrics).toEqual({ lastBargeInLatencyMs: 190, timeToFirstAudioMs: 700, interruptions: 3, falseInterruptions: 1 });
  });
});

describe('alerts store', () => {
  it('shows an engine error with its next step', () => {
    const store = useAlertsStore();
    store.subscribe();
    bridge.script.emit('app:error', { kind: 'deviceLost', message: 'The microphone was unplugged.', nextStep: 'Plug it back in.' });
    expect(store.alerts).toMatchObject([{ kind: 'deviceLost', message: 'The microphone was unplugged.', nextStep: 'Plug it back in.' }]);
  });

  it('replaces a repeated error instead of stacking copies', () => {
    const store = useAlertsStore();
    store.subscribe();
    for (let i = 0; i < 3; i++)
      bridge.script.emit('app:error', { kind: 'providerUnreachable', message: 'OpenAI did not answer.', nextStep: 'Check the network.' });
    expect(store.alerts).toHaveLength(1);
  });

  it('forgets a dismissed alert', () => {
    const store = useAlertsStore();
    store.push({ kind: 'other', message: 'x', nextStep: '' });
    store.dismiss(store.alerts[0]!.id);
    expect(store.alerts).toEqual([]);
  });

  it('words a failed hotkey interrupt for the person and keeps main message as the detail', () => {
    const store = useAlertsStore();
    store.subscribe();
    bridge.script.emit('shell:actionFailed', { source: 'hotkey', action: 'interrupt', message: NOT_STREAMING_MESSAGE, atMs: 1 });
    expect(store.alerts[0]).toMatchObject({
      kind: 'actionFailed',
      message: 'The hotkey: Nothing to interrupt: no session is running. Start a session first.',
      nextStep: NOT_STREAMING_MESSAGE,
    });
  });
});

describe('devices store', () => {
  it('says why the devices cannot be listed', async () => {
    bridge.answers['devices:list'] = () => ({ ok: false, error: { code: 'unavailable', message: NOT_READY } });
    const store = useDevicesStore();
    await store.load();
    expect(store.loadError).toBe(NOT_READY);
  });

  it('lists the devices main reports', async () => {
    bridge.answers['devices:list'] = () => ({ ok: true, value: { inputs: [{ id: 'mic-1', label: 'USB Mic', isDefault: true }], outputs: [] } });
    const store = useDevicesStore();
    await store.load();
    expect(store.inputs.map((d) => d.label)).toEqual(['USB Mic']);
    expect(store.loadError).toBeNull();
  });

  it('follows devices plugged in while the panel is open', () => {
    const store = useDevicesStore();
    store.subscribe();
    bridge.script.emit('devices:changed', { inputs: [], outputs: [{ id: 'hdmi', label: 'HDMI', isDefault: false }] });
    expect(store.outputs.map((d) => d.id)).toEqual(['hdmi']);
  });

  it('draws the microphone test level and says it worked', async () => {
    bridge.answers['devices:testMicrophone'] = () => ({ ok: true, value: { durationMs: 3000 } });
    const store = useDevicesStore();
    store.subscribe();
    await store.testMicrophone('default');
    bridge.script.emit('devices:testLevel', { deviceId: 'default', tMs: 1, rmsDbfs: -20, done: false });
    expect(store.mic).toMatchObject({ running: true, levelDbfs: -20 });
    bridge.script.emit('devices:testLevel', { deviceId: 'default', tMs: 2, rmsDbfs: -90, done: true });
    expect(store.mic).toMatchObject({ running: false, peakDbfs: -20, message: 'Your microphone works.' });
  });

  it('shows why a speaker test failed', async () => {
    bridge.answers['devices:testSpeaker'] = () => ({ ok: false, error: { code: 'unavailable', message: NOT_READY } });
    const store = useDevicesStore();
    await store.testSpeaker('default');
    expect(store.speaker).toEqual({ running: false, message: NOT_READY });
  });
});

describe('hotkeys store', () => {
  it('shows the problem main reports for a hotkey', () => {
    const store = useHotkeysStore();
    store.subscribe();
    bridge.script.emit('shell:hotkeyStatus', {
      supported: true,
      registrations: [{ action: 'interrupt', requested: 'Ctrl+Shift+Space', active: '', problem: 'Another application already uses Ctrl+Shift+Space.' }],
    });
    expect(store.problemFor('interrupt')).toBe('Another application already uses Ctrl+Shift+Space.');
    expect(store.problemFor('mute')).toBeUndefined();
  });
});

describe('secrets store', () => {
  it('knows a key is set without ever holding it', async () => {
    const store = useSecretsStore();
    await store.load();
    expect(store.isSet('elevenlabs')).toBe(false);
    expect(await store.setKey('elevenlabs', 'sk-test-123')).toBe(true);
    expect(store.isSet('elevenlabs')).toBe(true);
    expect(JSON.stringify(store.$state)).not.toContain('sk-test-123');
  });

  it('shows the schema message for a bad key', async () => {
    const store = useSecretsStore();
    expect(await store.setKey('openai', 'has space')).toBe(false);
    expect(store.errors['openai']).toContain('printable characters without spaces');
  });
});
