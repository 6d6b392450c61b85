/**
 * The renderer's only door to main: a namespaced facade over the contract's channel names.
 * No raw ipcRenderer crosses the bridge; unknown channels are refused here too.
 * Sandboxed, so this file is bundled as CommonJS and imports nothing but `electron` and names.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../contract/names.js';
import { namespaced } from '../contract/bridge.js';

const invokeAllowed = new Set<string>(INVOKE_CHANNELS);
const eventAllowed = new Set<string>(EVENT_CHANNELS);

function invoke(channel: string, request: unknown): Promise<unknown> {
  if (!invokeAllowed.has(channel)) {
    return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown channel: ${channel}` } });
  }
  return ipcRenderer.invoke(channel, request);
}

function on(event: string, handler: (payload: unknown) => void): () => void {
  if (!eventAllowed.has(event)) throw new Error(`Unknown event: ${event}`);
  const listener = (_e: IpcRendererEvent, payload: unknown) => handler(payload);
  ipcRenderer.on(event, listener);
  return () => {
    ipcRenderer.removeListener(event, listener);
  };
}

contextBridge.exposeInMainWorld('interject', { kind: 'electron', invoke, on, ...namespaced(invoke, INVOKE_CHANNELS) });
