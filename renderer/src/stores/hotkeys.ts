/** Global hotkey registrations as main reports them: what is active, and why one failed. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { HotkeyAction, HotkeyStatus } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';

export const useHotkeysStore = defineStore('hotkeys', () => {
  const status = ref<HotkeyStatus | null>(null);
  const subscriptions = new Subscriptions();

  async function load(): Promise<void> {
    const result = await getBridge().shell.hotkeyStatus();
    if (result.ok) status.value = result.value;
  }

  function problemFor(action: HotkeyAction): string | undefined {
    return status.value?.registrations.find((r) => r.action === action)?.problem;
  }

  function subscribe(): void {
    if (subscriptions.active) return;
    subscriptions.hold(getBridge().on('shell:hotkeyStatus', (next) => (status.value = next)));
  }

  function unsubscribe(): void {
    subscriptions.end();
  }

  return { status, load, problemFor, subscribe, unsubscribe };
});
