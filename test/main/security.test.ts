import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { CONTENT_SECURITY_POLICY, isAppUrl, lockDownWebContents, secureWebPreferences } from '../../electron/main/security';

describe('renderer security', () => {
  it('isolates the renderer: no Node, sandboxed, context isolation on', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('allows scripts only from the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('blocks navigation away from the app and every new window', () => {
    const handlers: Record<string, (event: { preventDefault: () => void }, url: string) => void> = {};
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: (event: { preventDefault: () => void }, url: string) => void) => {
        handlers[name] = fn;
      },
      setWindowOpenHandler: (fn: () => { action: string }) => {
        openHandler = fn;
      },
    };
    lockDownWebContents(contents as never, undefined);
    const away = { preventDefault: vi.fn() };
    handlers['will-navigate']!(away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { preventDefault: vi.fn() };
    handlers['will-navigate']!(home, 'file:///opt/Interject/resources/app.asar/out/renderer/index.html');
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(openHandler!()).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    handlers['will-attach-webview']!(webview, '');
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('knows the dev server as the app only in development', () => {
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
  });
});
