/**
 * Electron entry. Thin: builds the shared services, hosts them over IPC, opens the window.
 * No turn-taking logic lives here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import { consoleLogger } from '../engine/logger.js';
import { createAppServices } from '../services/app-services.js';
import { registerIpc } from './ipc-host.js';
import { createMainWindow, installContentSecurityPolicy } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const logger = consoleLogger('main');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    const services = createAppServices({ dataDir: app.getPath('userData'), logger });
    installContentSecurityPolicy(devServerUrl);
    registerIpc(ipcMain, services.registry, services.events, () => BrowserWindow.getAllWindows(), devServerUrl);
    const open = () =>
      createMainWindow({
        preloadPath: path.join(here, '../preload/index.cjs'),
        rendererFile: path.join(here, '../renderer/index.html'),
        devServerUrl,
      });
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
    app.on('will-quit', () => void services.dispose());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
