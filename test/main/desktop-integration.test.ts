/**
 * The desktop shell wired to the real services (temp data dir), with Electron mocked at the
 * module boundary: hotkeys follow settings live, failures reach the renderer as events,
 * the tray and close-to-tray follow settings, keys go through safeStorage.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentControl } from '../../electron/main/agent-control.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const os = vi.hoisted(() => ({ registered: new Map<string, () => void>(), taken: new Set<string>(), trays: 0 }));

vi.mock('electron', () => ({
  app: { isPackaged: false, getAppPath: () => process.cwd() },
  globalShortcut: {
    register: (accelerator: string, callback: () => void) => {
      if (os.taken.has(accelerator) || os.registered.has(accelerator)) return false;
      os.registered.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator: string) => void os.registered.delete(accelerator),
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (text: string) => Buffer.from([...text].reverse().join('')),
    decryptString: (data: Buffer) => [...data.toString()].reverse().join(''),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  },
  shell: { openPath: async () => '' },
  systemPreferences: { getMediaAccessStatus: () => 'granted', askForMediaAccess: async () => true },
  nativeImage: { createFromPath: (p: string) => ({ path: p }) },
  Menu: { buildFromTemplate: (t: unknown) => t },
  Tray: class {
    constructor() {
      os.trays++;
    }
    setImage() {}
    setToolTip() {}
    setContextMenu() {}
    on() {}
    destroy() {
      os.trays--;
    }
  },
}));

const { DesktopIntegration } = await import('../../electron/main/desktop-integration.js');
const { createAppServices } = await import('../../electron/services/app-services.js');
const { idleAgentControl } = await import('../../electron/main/agent-control.js');

class FakeWindow extends EventEmitter {
  visible = true;
  hide() {
    this.visible = false;
  }
  clickClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return prevented;
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  os.registered.clear();
  os.taken.clear();
});

function setup(control: AgentControl = idleAgentControl()) {
  const temp = makeTempDir('interject-desktop-');
  const desktop = new DesktopIntegration({
    userDataDir: temp.dir,
    logsDir: path.join(temp.dir, 'logs'),
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const services = createAppServices({ dataDir: temp.dir, secrets: desktop.secrets, shell: desktop.shell });
  const events: { event: string; payload: unknown }[] = [];
  services.events.subscribe((event, payload) => void events.push({ event, payload }));
  const app = new EventEmitter() as EventEmitter & { quit(): void };
  app.quit = () => {};
  desktop.start({ app: app as never, services, control, mainWindow: () => undefined, trayIconDir: path.resolve('resources/tray') });
  cleanups.push(() => {
    desktop.dispose();
    temp.cleanup();
  });
  return { desktop, services, events, app };
}

describe('desktop integration', () => {
  it('registers the interrupt hotkey from settings at start', () => {
    setup();
    expect([...os.registered.keys()]).toEqual(['CommandOrControl+Shift+Space']);
  });

  it('re-registers live when the hotkey setting changes over IPC', async () => {
    const { services, events } = setup();
    const result = await services.registry.handle('settings:update', { hotkeys: { interrupt: 'Alt+F9', mute: 'Alt+F10' } });
    expect(result.ok).toBe(true);
    expect([...os.registered.keys()].sort()).toEqual(['Alt+F10', 'Alt+F9']);
    expect(events.map((e) => e.event)).toContain('shell:hotkeyStatus');
  });

  it('keeps the previous hotkey when the new one is taken, and tells the renderer why', async () => {
    const { services, events } = setup();
    os.taken.add('Control+Alt+K');
    await services.registry.handle('settings:update', { hotkeys: { interrupt: 'Control+Alt+K' } });
    expect([...os.registered.keys()]).toEqual(['CommandOrControl+Shift+Space']);
    const status = events.filter((e) => e.event === 'shell:hotkeyStatus').at(-1)!.payload as { registrations: { action: string; problem?: string }[] };
    expect(status.registrations.find((r) => r.action === 'interrupt')!.problem).toMatch(/another application/);
    const asked = await services.registry.handle('shell:hotkeyStatus', undefined);
    expect(asked).toEqual({ ok: true, value: status });
  });

  it('a hotkey press without a session shows the interrupt API error in the window', async () => {
    const { events } = setup();
    os.registered.get('CommandOrControl+Shift+Space')!();
    await new Promise((r) => setImmediate(r));
    expect(events.filter((e) => e.event === 'shell:actionFailed').map((e) => e.payload)).toEqual([
      { source: 'hotkey', action: 'interrupt', message: 'Failed to send interrupt command: not currently streaming', atMs: expect.any(Number) },
    ]);
  });

  it('closing the window hides it to the tray, unless the setting is turned off', async () => {
    const { desktop, services } = setup();
    const window = new FakeWindow();
    desktop.attachWindow(window as never);
    expect(window.clickClose()).toBe(true);
    expect(window.visible).toBe(false);
    await services.registry.handle('settings:update', { app: { closeToTray: false } });
    expect(window.clickClose()).toBe(false);
  });

  it('stores API keys through safeStorage (the status says encrypted)', async () => {
    const { services } = setup();
    const result = await services.registry.handle('secrets:set', { provider: 'openai', key: 'sk-desktop-0123456789' });
    expect(result).toMatchObject({ ok: true, value: { storage: { kind: 'encrypted', available: true }, providers: [{ provider: 'openai', set: true }] } });
  });

  it('dispose releases every hotkey and removes the tray', () => {
    const { desktop } = setup();
    desktop.dispose();
    expect(os.registered.size).toBe(0);
    expect(os.trays).toBe(0);
  });
});
