/**
 * Connects the shared handler registry and event hub to Electron IPC. Only frames that
 * load the app's own renderer may call; everything else is answered with an error.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { fail, INVOKE_CHANNELS } from '../contract/index.js';
import type { EventHub } from '../services/event-hub.js';
import type { HandlerRegistry } from '../services/handler-registry.js';
import { isAppUrl } from './security.js';

export function registerIpc(
  ipcMain: IpcMain,
  registry: HandlerRegistry,
  events: EventHub,
  windows: () => BrowserWindow[],
  devServerUrl: string | undefined,
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, request: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppUrl(url, devServerUrl)) return fail('invalid_request', 'IPC from an unknown page was refused');
      return registry.handle(channel, request);
    });
  }
  const unsubscribe = events.subscribe((event, payload) => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(event, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
