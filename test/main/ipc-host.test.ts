import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { INVOKE_CHANNELS } from '../../electron/contract/index';
import { registerIpc } from '../../electron/main/ipc-host';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import { makeTempDir } from '../helpers/temp-dir';

type InvokeHandler = (event: { senderFrame: { url: string } | null }, request: unknown) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, InvokeHandler>();
  return {
    handlers,
    handle: (channel: string, fn: InvokeHandler) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

const APP_URL = 'file:///opt/Interject/resources/app.asar/out/renderer/index.html';
let services: AppServices;
let cleanup: () => void;

beforeEach(() => {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  services = createAppServices({ dataDir: tmp.dir });
});
afterEach(() => cleanup());

describe('Electron IPC host', () => {
  it('registers every invoke channel of the contract', () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc as never, services.registry, services.events, () => [], undefined);
    expect([...ipc.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('answers the app renderer through the shared registry', async () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc as never, services.registry, services.events, () => [], undefined);
    const result = (await ipc.handlers.get('settings:get')!({ senderFrame: { url: APP_URL } }, undefined)) as { ok: boolean };
    expect(result.ok).toBe(true);
  });

  it('refuses a call from a page that is not the app', async () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc as never, services.registry, services.events, () => [], undefined);
    const result = (await ipc.handlers.get('settings:update')!({ senderFrame: { url: 'https://evil.example/' } }, { appearance: { theme: 'dark' } })) as {
      ok: boolean;
    };
    expect(result.ok).toBe(false);
    expect(services.settings.get().appearance.theme).toBe('system');
  });

  it('forwards contract events to every open window', async () => {
    const ipc = fakeIpcMain();
    const send = vi.fn();
    const window = { isDestroyed: () => false, webContents: { send } };
    registerIpc(ipc as never, services.registry, services.events, () => [window as never], undefined);
    await services.registry.handle('settings:update', { appearance: { theme: 'dark' } });
    expect(send).toHaveBeenCalledWith('settings:changed', expect.objectContaining({ appearance: { theme: 'dark' } }));
  });

  it('removes its handlers when disposed', () => {
    const ipc = fakeIpcMain();
    const dispose = registerIpc(ipc as never, services.registry, services.events, () => [], undefined);
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});
