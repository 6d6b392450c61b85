/**
 * Audio devices for the pickers, and the microphone / speaker tests in Settings → Audio.
 * When main cannot list devices, `loadError` says why and the pickers offer the OS default.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AudioDevice, DeviceList } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';

export interface DeviceTestState {
  running: boolean;
  /** Last level of the mic test, dBFS (-100 = silence). */
  levelDbfs: number;
  /** Loudest level seen in this test, so "it heard me" is visible after the fact. */
  peakDbfs: number;
  message: string;
}

export const useDevicesStore = defineStore('devices', () => {
  const inputs = ref<AudioDevice[]>([]);
  const outputs = ref<AudioDevice[]>([]);
  const loaded = ref(false);
  const loadError = ref<string | null>(null);
  const mic = ref<DeviceTestState>({ running: false, levelDbfs: -100, peakDbfs: -100, message: '' });
  const speaker = ref<{ running: boolean; message: string }>({ running: false, message: '' });
  const subscriptions = new Subscriptions();

  function applyList(list: DeviceList): void {
    inputs.value = list.inputs;
    outputs.value = list.outputs;
  }

  async function load(): Promise<void> {
    const result = await getBridge().devices.list();
    loaded.value = true;
    if (!result.ok) {
      loadError.value = result.error.message;
      return;
    }
    loadError.value = null;
    applyList(result.value);
  }

  async function testMicrophone(deviceId: string): Promise<void> {
    mic.value = { running: true, levelDbfs: -100, peakDbfs: -100, message: 'Listening… say something.' };
    const result = await getBridge().devices.testMicrophone({ deviceId });
    if (!result.ok) mic.value = { ...mic.value, running: false, message: result.error.message };
  }

  async function testSpeaker(deviceId: string): Promise<void> {
    speaker.value = { running: true, message: 'Playing a test sound…' };
    const result = await getBridge().devices.testSpeaker({ deviceId });
    speaker.value = result.ok ? { running: false, message: 'Test sound played. Did you hear it?' } : { running: false, message: result.error.message };
  }

  function subscribe(): void {
    if (subscriptions.active) return;
    const api = getBridge();
    subscriptions.hold(
      api.on('devices:changed', applyList),
      api.on('devices:testLevel', (level) => {
        const peakDbfs = Math.max(mic.value.peakDbfs, level.rmsDbfs);
        mic.value = level.done
          ? {
              running: false,
              levelDbfs: -100,
              peakDbfs,
              message: peakDbfs > -50 ? 'Your microphone works.' : 'Nothing was heard. Check the device and its volume.',
            }
          : { ...mic.value, running: true, levelDbfs: level.rmsDbfs, peakDbfs };
      }),
    );
  }

  function unsubscribe(): void {
    subscriptions.end();
  }

  return { inputs, outputs, loaded, loadError, mic, speaker, load, testMicrophone, testSpeaker, subscribe, unsubscribe, applyList };
});
