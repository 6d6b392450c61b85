import { describe, expect, it } from 'vitest';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useBridgePerTest } from './helpers/bridge-per-test';

const bridge = useBridgePerTest({ stop: () => useSettingsStore().stop() });

describe('settings store', () => {
  it('loads the saved settings from main', async () => {
    const store = useSettingsStore();
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.saved.vad.speechThreshold).toBe(0.5);
  });

  it('shows a field error as soon as a value breaks the schema', async () => {
    const store = useSettingsStore();
    await store.load();
    store.setField('vad', 'speechThreshold', 1.4);
    expect(store.fieldErrors['vad.speechThreshold']).toBe('Enter a number from 0 to 1.');
    expect(await store.save()).toBe(false);
    expect(bridge.services.settings.get().vad.speechThreshold).toBe(0.5);
  });

  it('saves only the changed fields and becomes clean', async () => {
    const store = useSettingsStore();
    await store.load();
    store.setField('vad', 'speechThreshold', 0.6);
    expect(store.dirty).toBe(true);
    expect(await store.save()).toBe(true);
    expect(bridge.services.settings.get().vad.speechThreshold).toBe(0.6);
    expect(store.dirty).toBe(false);
  });

  it('follows a change made elsewhere without losing an edit in progress', async () => {
    const store = useSettingsStore();
    store.start();
    await store.load();
    store.setField('vad', 'silenceMs', 700);
    bridge.services.settings.update({ appearance: { theme: 'dark' } });
    expect(store.saved.appearance.theme).toBe('dark');
    expect(store.draft.appearance['theme']).toBe('dark');
    expect(store.draft.vad['silenceMs']).toBe(700);
  });

  it('resets a section to its defaults', async () => {
    const store = useSettingsStore();
    await store.load();
    store.setField('vad', 'silenceMs', 900);
    await store.save();
    await store.resetSection('vad');
    expect(store.saved.vad.silenceMs).toBe(320);
  });

  it('rejects an import with the reason', async () => {
    const store = useSettingsStore();
    await store.load();
    expect(await store.importJson('{"vad": {"speechThreshold": "high"}}')).toBe(false);
    expect(store.lastError?.message).toBe('Speech threshold (Voice activity): Enter a number from 0 to 1.');
  });
});
