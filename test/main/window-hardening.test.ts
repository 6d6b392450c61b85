/**
 * The window main actually opens is the hardened one: its webPreferences are exactly
 * security.ts's, its WebContents are locked down, and no other BrowserWindow is created
 * anywhere in main without them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => ({ options: [] as Record<string, unknown>[], openHandlers: [] as (() => unknown)[], events: [] as string[] }));

vi.mock('electron', () => ({
  session: { defaultSession: { webRequest: { onHeadersReceived: () => {} }, setPermissionRequestHandler: () => {} } },
  BrowserWindow: class {
    webContents = {
      on: (event: string) => void created.events.push(event),
      setWindowOpenHandler: (handler: () => unknown) => void created.openHandlers.push(handler),
    };
    constructor(options: Record<string, unknown>) {
      created.options.push(options);
    }
    once() {}
    on() {}
    loadFile() {
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
  },
}));

const { createMainWindow } = await import('../../electron/main/window.js');
const { secureWebPreferences } = await import('../../electron/main/security.js');

describe('main window hardening', () => {
  it('opens the window with exactly the hardened webPreferences', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', rendererFile: '/app/out/renderer/index.html', devServerUrl: undefined });
    const prefs = created.options.at(-1)!['webPreferences'] as Record<string, unknown>;
    expect(prefs).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('preloadURL');
  });

  it('locks the window down: no new windows, no navigation away, no webviews', () => {
    createMainWindow({ preloadPath: '/p.cjs', rendererFile: '/r/index.html', devServerUrl: undefined });
    expect(created.openHandlers.at(-1)!()).toEqual({ action: 'deny' });
    expect(created.events).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
  });

  it('no file in electron/main creates a BrowserWindow without secureWebPreferences', () => {
    const mainDir = path.resolve(import.meta.dirname, '../../electron/main');
    for (const file of fs.readdirSync(mainDir).filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(mainDir, file), 'utf8');
      if (/new BrowserWindow\s*\(/.test(source)) expect(source, file).toContain('...secureWebPreferences(');
    }
  });
});
