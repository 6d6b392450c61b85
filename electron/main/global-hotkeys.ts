/**
 * Registers the hotkeys from settings with the OS (Electron's globalShortcut), so they work
 * while another application has focus. A change is applied live; when the new accelerator
 * cannot be registered (taken by another app, or refused by the OS) the previous one stays
 * active and the status says why, for the settings panel to show.
 */
import { globalShortcut } from 'electron';
import { HOTKEY_ACTIONS, type HotkeyAction, type HotkeyStatus, type Settings } from '../contract/index.js';
import { nullLogger, type Logger } from '../engine/logger.js';

export type HotkeySettings = Settings['hotkeys'];

export interface GlobalHotkeysOptions {
  /** Called on each activation (for push-to-talk: each OS key repeat too). Must not throw. */
  onActivate(action: HotkeyAction): void;
  /** Every status change, including failures (main forwards it as `shell:hotkeyStatus`). */
  onStatus?(status: HotkeyStatus): void;
  logger?: Logger;
}

const ACTION_NAMES: Record<HotkeyAction, string> = { interrupt: 'Interrupt', mute: 'Mute', pushToTalk: 'Push to talk' };

export class GlobalHotkeys {
  private readonly active: Record<HotkeyAction, string> = { interrupt: '', mute: '', pushToTalk: '' };
  private readonly requested: Record<HotkeyAction, string> = { interrupt: '', mute: '', pushToTalk: '' };
  private readonly problems: Partial<Record<HotkeyAction, string>> = {};
  private readonly logger: Logger;

  constructor(private readonly options: GlobalHotkeysOptions) {
    this.logger = options.logger ?? nullLogger;
  }

  /** Brings the OS registrations in line with `hotkeys`; answers (and reports) the result. */
  apply(hotkeys: HotkeySettings): HotkeyStatus {
    const before = JSON.stringify(this.status());
    for (const action of HOTKEY_ACTIONS) {
      this.requested[action] = hotkeys[action];
      this.applyOne(action, hotkeys[action]);
    }
    const status = this.status();
    if (JSON.stringify(status) !== before) this.options.onStatus?.(status);
    return status;
  }

  status(): HotkeyStatus {
    return {
      supported: true,
      registrations: HOTKEY_ACTIONS.map((action) => ({
        action,
        requested: this.requested[action],
        active: this.active[action],
        ...(this.problems[action] ? { problem: this.problems[action] } : {}),
      })),
    };
  }

  /** Releases every shortcut this manager registered (on quit). */
  dispose(): void {
    for (const action of HOTKEY_ACTIONS) this.unregister(action);
  }

  private applyOne(action: HotkeyAction, wanted: string): void {
    const current = this.active[action];
    if (same(wanted, current)) {
      delete this.problems[action];
      return;
    }
    if (wanted === '') {
      this.unregister(action);
      delete this.problems[action];
      return;
    }
    const owner = HOTKEY_ACTIONS.find((other) => other !== action && same(this.active[other], wanted));
    if (owner) {
      this.fail(action, wanted, `${wanted} is already the ${ACTION_NAMES[owner]} hotkey.`);
      return;
    }
    const problem = this.tryRegister(action, wanted) ?? null;
    if (problem === null) {
      // The new one works: only now let go of the old one.
      if (current) this.release(current);
      this.active[action] = wanted;
      delete this.problems[action];
      this.logger.info('Global hotkey registered', { action, accelerator: wanted });
      return;
    }
    if (current && problem === 'refused') {
      // Some OSes treat spellings of one combination as the same key ("Ctrl" vs "CommandOrControl"),
      // so our own old registration can block the new one: swap, and put the old one back on failure.
      this.release(current);
      if (this.tryRegister(action, wanted) === null) {
        this.active[action] = wanted;
        delete this.problems[action];
        return;
      }
      if (this.tryRegister(action, current) !== null) this.active[action] = '';
    }
    this.fail(action, wanted, problem === 'refused' ? `${wanted} could not be registered: another application is probably using it.` : problem);
  }

  private fail(action: HotkeyAction, wanted: string, reason: string): void {
    const kept = this.active[action];
    this.problems[action] = kept ? `${reason} ${kept} is still active.` : `${reason} No ${ACTION_NAMES[action]} hotkey is active.`;
    this.logger.warn('Global hotkey not registered', { action, accelerator: wanted, reason });
  }

  /** null when registered; 'refused' when the OS said no; else the error's message. */
  private tryRegister(action: HotkeyAction, accelerator: string): null | string {
    try {
      const registered = globalShortcut.register(accelerator, () => this.activate(action));
      return registered ? null : 'refused';
    } catch (error) {
      return `${accelerator} is not a valid shortcut here (${(error as Error).message}).`;
    }
  }

  private activate(action: HotkeyAction): void {
    try {
      this.options.onActivate(action);
    } catch (error) {
      this.logger.error('Hotkey action threw', { action, error: String(error) });
    }
  }

  private unregister(action: HotkeyAction): void {
    if (this.active[action]) this.release(this.active[action]);
    this.active[action] = '';
  }

  private release(accelerator: string): void {
    try {
      globalShortcut.unregister(accelerator);
    } catch (error) {
      this.logger.warn('Could not unregister a hotkey', { accelerator, error: String(error) });
    }
  }
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
