/** Which providers have an API key (never the key), and setting or forgetting one. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { IpcError, SecretsStatus } from '../../../electron/contract/index';
import { getBridge } from '../bridge';

export const useSecretsStore = defineStore('secrets', () => {
  const status = ref<SecretsStatus | null>(null);
  const errors = ref<Record<string, string>>({});

  function isSet(provider: string): boolean {
    return !!status.value?.providers.some((p) => p.provider === provider);
  }

  function handle(provider: string, result: { ok: true; value: SecretsStatus } | { ok: false; error: IpcError }): boolean {
    if (!result.ok) {
      errors.value = { ...errors.value, [provider]: result.error.issues?.[0]?.message ?? result.error.message };
      return false;
    }
    status.value = result.value;
    const { [provider]: _gone, ...rest } = errors.value;
    errors.value = rest;
    return true;
  }

  async function load(): Promise<void> {
    const result = await getBridge().secrets.status();
    if (result.ok) status.value = result.value;
  }

  async function setKey(provider: string, key: string): Promise<boolean> {
    return handle(provider, await getBridge().secrets.set({ provider, key }));
  }

  async function clearKey(provider: string): Promise<boolean> {
    return handle(provider, await getBridge().secrets.clear({ provider }));
  }

  return { status, errors, isSet, load, setKey, clearKey };
});
