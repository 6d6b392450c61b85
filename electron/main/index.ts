/**
 * Electron entry. Thin: builds the shared services, hosts them over IPC, opens the window.
 * No turn-taking logic lives here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import { createAppServices } from '../services/app-services.js';
import { permissionCheckedVoiceIo } from '../services/permissions/permission-checked-voice-io.js';
import { nativeVoiceIo } from '../services/voice/voice-io.js';
import { DesktopIntegration } from './desktop-integration.js';
import { registerIpc } from './ipc-host.js';
import { setupMainLogging } from './logging.js';
import { ensureMicrophoneAccess } from './microphone-permission.js';
import { agentControlFromVoice } from './voice-agent-control.js';
import { claimSingleInstance, revealWindow } from './window-lifecycle.js';
import { createMainWindow, installContentSecurityPolicy } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const logging = setupMainLogging();
const logger = logging.logger;
let mainWindow: BrowserWindow | undefined;

// A second launch brings this instance's window back (it may be hidden in the tray).
if (!claimSingleInstance(app, () => revealWindow(mainWindow))) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    const desktop = new DesktopIntegration({ userDataDir: app.getPath('userData'), logsDir: logging.logsDir, logger });
    // The OS is asked for the microphone right before capture; refusals read the same on every OS.
    const voiceIo = permissionCheckedVoiceIo(nativeVoiceIo, { ensureAccess: () => ensureMicrophoneAccess(), platform: process.platform });
    const services = createAppServices({ dataDir: app.getPath('userData'), logger, secrets: desktop.secrets, shell: desktop.shell, voiceIo });
    desktop.start({ app, services, control: agentControlFromVoice(services.voice, services.events), mainWindow: () => mainWindow });
    installContentSecurityPolicy(devServerUrl);
    registerIpc(ipcMain, services.registry, services.events, () => BrowserWindow.getAllWindows(), devServerUrl);
    const open = () => {
      mainWindow = createMainWindow({
        preloadPath: path.join(here, '../preload/index.cjs'),
        rendererFile: path.join(here, '../renderer/index.html'),
        devServerUrl,
      });
      desktop.attachWindow(mainWindow);
    };
    open();
    app.on('activate', () => {
      if (mainWindow && !mainWindow.isDestroyed()) revealWindow(mainWindow);
      else open();
    });
    app.on('will-quit', () => {
      desktop.dispose();
      void services.dispose();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
