import { beforeEach, describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invoke = vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (channel: string, request: unknown) => invoke(channel, request),
    on: (event: string, fn: (...args: unknown[]) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
    },
    removeListener: (event: string, fn: (...args: unknown[]) => void) => listeners.get(event)?.delete(fn),
  },
}));

import { INVOKE_CHANNELS } from '../../electron/contract/names';

type Api = {
  kind: string;
  invoke: (c: string, r?: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
  on: (e: string, h: (p: unknown) => void) => () => void;
  settings: { get: () => Promise<unknown>; update: (p: unknown) => Promise<unknown> };
};

beforeEach(async () => {
  vi.resetModules();
  await import('../../electron/preload/index');
});

describe('preload facade', () => {
  it('exposes a namespaced API, not ipcRenderer', () => {
    const api = exposed['interject'] as Api;
    expect(api.kind).toBe('electron');
    const domains = new Set(INVOKE_CHANNELS.map((c) => c.split(':')[0]));
    expect(Object.keys(api).sort()).toEqual(['invoke', 'kind', 'on', ...domains].sort());
    expect(JSON.stringify(Object.keys(api))).not.toContain('ipcRenderer');
  });

  it('maps settings.update to the settings:update channel', async () => {
    const api = exposed['interject'] as Api;
    await api.settings.update({ appearance: { theme: 'dark' } });
    expect(invoke).toHaveBeenCalledWith('settings:update', { appearance: { theme: 'dark' } });
  });

  it('refuses channels that are not in the contract without calling main', async () => {
    const api = exposed['interject'] as Api;
    invoke.mockClear();
    const result = await api.invoke('shell:exec', 'rm -rf /');
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('unknown_channel');
    expect(invoke).not.toHaveBeenCalled();
  });

  it('subscribes to an event and unsubscribes with the returned function', () => {
    const api = exposed['interject'] as Api;
    const handler = vi.fn();
    const off = api.on('settings:changed', handler);
    listeners.get('settings:changed')!.forEach((fn) => fn({}, { theme: 'dark' }));
    expect(handler).toHaveBeenCalledWith({ theme: 'dark' });
    off();
    expect(listeners.get('settings:changed')!.size).toBe(0);
  });

  it('throws on an event name that is not in the contract', () => {
    const api = exposed['interject'] as Api;
    expect(() => api.on('secret:leak', () => {})).toThrow(/Unknown event/);
  });
});
