/**
 * The renderer's one way to reach main: the Electron preload facade when present,
 * else the browser twin's WebSocket bridge. Tests install a fake with `setBridge`.
 */
import type { InterjectApi } from '../../../electron/contract/index';
import { createTwinBridge } from './twin-client';

let bridge: InterjectApi | undefined;

export function getBridge(): InterjectApi {
  if (bridge) return bridge;
  if (window.interject) {
    bridge = window.interject;
    return bridge;
  }
  const meta = document.querySelector<HTMLMetaElement>('meta[name="interject-twin"]');
  if (!meta?.content) {
    throw new Error('No bridge to Interject: open this page from the desktop app or from `npm run start:web`.');
  }
  bridge = createTwinBridge(meta.content);
  return bridge;
}

export function setBridge(api: InterjectApi | undefined): void {
  bridge = api;
}
