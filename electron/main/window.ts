import path from 'node:path';
import { BrowserWindow, session } from 'electron';
import { CONTENT_SECURITY_POLICY, lockDownWebContents, secureWebPreferences } from './security.js';

export interface MainWindowOptions {
  preloadPath: string;
  rendererFile: string;
  devServerUrl: string | undefined;
}

export function installContentSecurityPolicy(devServerUrl: string | undefined): void {
  // Dev server needs its HMR socket; production gets the strict policy as a header too.
  const policy = devServerUrl
    ? CONTENT_SECURITY_POLICY.replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*")
    : CONTENT_SECURITY_POLICY;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  // The renderer asks for nothing; deny every permission request (the mic is captured in main).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Interject',
    backgroundColor: '#f6f6f4',
    webPreferences: {
      ...secureWebPreferences(options.preloadPath),
      // Repeated literally so Electronegativity (npm run security:scan) can see them;
      // test/main/window-hardening.test.ts checks the result equals secureWebPreferences().
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDownWebContents(window.webContents, options.devServerUrl);
  window.once('ready-to-show', () => window.show());
  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(path.resolve(options.rendererFile));
  return window;
}
