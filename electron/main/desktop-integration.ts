/**
 * Wires the desktop shell into the app: global hotkeys (live from settings), the tray, close
 * to tray, the safeStorage key store and the Electron answers to the shell channels. Two
 * steps because the services need the shell and secrets, and the hotkeys need the services:
 *
 *   const desktop = new DesktopIntegration({ userDataDir, logsDir, logger });
 *   const services = createAppServices({ ..., secrets: desktop.secrets, shell: desktop.shell });
 *   desktop.start({ app, services, control, mainWindow });   // then desktop.attachWindow(window)
 */
import type { App, BrowserWindow } from 'electron';
import type { Settings, ShellActionFailed } from '../contract/index.js';
import { DisposableStore } from '../engine/disposables.js';
import type { Logger } from '../engine/logger.js';
import type { AppServices } from '../services/app-services.js';
import type { SecretStore } from '../services/secrets/secret-store.js';
import type { ShellQueries } from '../services/shell/shell-queries.js';
import type { AgentControl } from './agent-control.js';
import { createElectronShellQueries } from './shell-queries.js';
import { GlobalHotkeys } from './global-hotkeys.js';
import { createHotkeyActions, type HotkeyActionHandler } from './hotkey-actions.js';
import { microphonePermission } from './microphone-permission.js';
import { resourcesDir } from './resources-path.js';
import { createSafeStorageSecretStore } from './secrets.js';
import { AppTray } from './tray.js';
import { hideOnClose, revealWindow } from './window-lifecycle.js';

export interface DesktopIntegrationOptions {
  userDataDir: string;
  logsDir: string;
  logger: Logger;
}

export interface DesktopStartOptions {
  app: App;
  services: AppServices;
  /** The agent session's controls (interrupt, mute, start/stop, status). */
  control: AgentControl;
  mainWindow(): BrowserWindow | undefined;
  /** Where the tray icons are; default resources/tray. */
  trayIconDir?: string;
}

export class DesktopIntegration {
  readonly secrets: SecretStore;
  readonly shell: ShellQueries;
  private hotkeys: GlobalHotkeys | undefined;
  private hotkeyActions: HotkeyActionHandler | undefined;
  private tray: AppTray | null = null;
  private services: AppServices | undefined;
  private app: App | undefined;
  /** What start() and attachWindow() subscribed to, ended by dispose(). */
  private readonly subscriptions = new DisposableStore();

  constructor(private readonly options: DesktopIntegrationOptions) {
    this.secrets = createSafeStorageSecretStore(options.userDataDir, options.logger);
    this.shell = createElectronShellQueries({
      logsDir: options.logsDir,
      hotkeyStatus: () => this.hotkeys?.status() ?? { supported: true, registrations: [] },
      microphonePermission: (prompt) => microphonePermission(prompt),
      logger: options.logger,
    });
  }

  start(start: DesktopStartOptions): void {
    const { services, control, logger } = { ...start, logger: this.options.logger };
    this.services = services;
    const report = (failure: ShellActionFailed) => services.events.emit('shell:actionFailed', failure);
    const actions = createHotkeyActions({ control: () => control, report, logger });
    this.hotkeyActions = actions;
    const hotkeys = new GlobalHotkeys({
      onActivate: (action) => actions.onActivate(action),
      onStatus: (status) => services.events.emit('shell:hotkeyStatus', status),
      logger,
    });
    this.hotkeys = hotkeys;
    hotkeys.apply(services.settings.get().hotkeys);
    const onSettings = (settings: Settings) => {
      hotkeys.apply(settings.hotkeys);
      if (settings.hotkeys.pushToTalk === '') actions.releasePushToTalk();
    };
    services.settings.on('changed', onSettings);
    this.subscriptions.add(() => {
      services.settings.off('changed', onSettings);
    });

    try {
      this.tray = new AppTray({
        iconDir: start.trayIconDir ?? resourcesDir('tray'),
        control,
        report,
        showWindow: () => revealWindow(start.mainWindow()),
        quit: () => start.app.quit(),
        logger,
      });
    } catch (error) {
      // Some Linux desktops have no tray; the app still works, and closing the window quits.
      logger.warn('No tray icon', { error: String(error) });
      this.tray = null;
    }
    this.app = start.app;
  }

  /** Closing this window hides it to the tray while the setting is on and a tray exists. */
  attachWindow(window: BrowserWindow): void {
    if (!this.app) throw new Error('DesktopIntegration.start() must run before attachWindow()');
    this.subscriptions.add(hideOnClose(this.app, window, { shouldHide: () => this.tray !== null && (this.services?.settings.get().app.closeToTray ?? false) }));
  }

  dispose(): void {
    // Its closers are synchronous: all have run when dispose() returns.
    void this.subscriptions.dispose();
    this.hotkeyActions?.releasePushToTalk();
    this.hotkeys?.dispose();
    this.tray?.dispose();
    this.tray = null;
  }
}
