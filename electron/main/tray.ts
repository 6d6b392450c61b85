/**
 * The tray (menu bar on macOS) icon: shows the agent's state and offers the few actions a
 * person needs without the window. Its Interrupt is the same call as the button and hotkey.
 */
import path from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { nullLogger, type Logger } from '../engine/logger.js';
import type { AgentControl, AgentShellStatus } from './agent-control.js';
import { runShellAction, type ActionFailureSink } from './shell-actions.js';

export type TrayState = 'idle' | 'listening' | 'speaking' | 'muted';

const TOOLTIPS: Record<TrayState, string> = {
  idle: 'Interject: no session',
  listening: 'Interject: listening',
  speaking: 'Interject: agent speaking',
  muted: 'Interject: microphone muted',
};

/** Muted wins while a session runs: it is the state a person most needs to notice. */
export function trayStateOf(status: AgentShellStatus): TrayState {
  return status.muted && status.activity !== 'idle' ? 'muted' : status.activity;
}

export interface TrayCommands {
  interrupt(): void;
  toggleMute(): void;
  startStop(): void;
  showWindow(): void;
  quit(): void;
}

export function trayMenuTemplate(status: AgentShellStatus, commands: TrayCommands): MenuItemConstructorOptions[] {
  const inSession = status.activity !== 'idle';
  return [
    { label: 'Interrupt', enabled: inSession, click: () => commands.interrupt() },
    { label: 'Mute microphone', type: 'checkbox', checked: status.muted, enabled: inSession, click: () => commands.toggleMute() },
    { type: 'separator' },
    { label: inSession ? 'Stop session' : 'Start session', click: () => commands.startStop() },
    { type: 'separator' },
    { label: 'Show window', click: () => commands.showWindow() },
    { label: 'Quit Interject', role: 'quit', click: () => commands.quit() },
  ];
}

export interface AppTrayOptions {
  /** Folder with <state>.png and <state>@2x.png. */
  iconDir: string;
  control: AgentControl;
  report: ActionFailureSink;
  showWindow(): void;
  quit(): void;
  logger?: Logger;
}

export class AppTray {
  private readonly tray: Tray;
  private readonly unsubscribe: () => void;
  private readonly commands: TrayCommands;
  private shownState: TrayState | undefined;

  constructor(private readonly options: AppTrayOptions) {
    const logger = options.logger ?? nullLogger;
    const control = options.control;
    this.commands = {
      interrupt: () => void runShellAction('tray', 'interrupt', () => control.interrupt('tray'), options.report, logger),
      toggleMute: () => void runShellAction('tray', 'mute', () => control.toggleMute(), options.report, logger),
      startStop: () => void runShellAction('tray', 'startStop', () => control.startStop(), options.report, logger),
      showWindow: () => options.showWindow(),
      quit: () => options.quit(),
    };
    this.tray = new Tray(this.icon('idle'));
    // Linux tray icons often ignore menus on left click; show the window there too.
    this.tray.on('click', () => options.showWindow());
    this.update(control.status());
    this.unsubscribe = control.onStatusChange((status) => this.update(status));
  }

  update(status: AgentShellStatus): void {
    const state = trayStateOf(status);
    if (state !== this.shownState) {
      this.tray.setImage(this.icon(state));
      this.tray.setToolTip(TOOLTIPS[state]);
      this.shownState = state;
    }
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(status, this.commands)));
  }

  get state(): TrayState | undefined {
    return this.shownState;
  }

  dispose(): void {
    this.unsubscribe();
    this.tray.destroy();
  }

  private icon(state: TrayState) {
    // createFromPath picks <state>@2x.png on HiDPI screens by itself.
    return nativeImage.createFromPath(path.join(this.options.iconDir, `${state}.png`));
  }
}
