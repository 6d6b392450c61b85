import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShellActionFailed } from '../../electron/contract/index.js';
import type { AgentControl, AgentShellStatus } from '../../electron/main/agent-control.js';

interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

const trays = vi.hoisted(() => [] as { image: string; tooltip: string; menu: FakeMenuItem[]; destroyed: boolean; listeners: Record<string, () => void> }[]);

vi.mock('electron', () => ({
  nativeImage: { createFromPath: (p: string) => ({ path: p }) },
  Menu: { buildFromTemplate: (template: FakeMenuItem[]) => template },
  Tray: class {
    state = { image: '', tooltip: '', menu: [] as FakeMenuItem[], destroyed: false, listeners: {} as Record<string, () => void> };
    constructor(image: { path: string }) {
      this.state.image = image.path;
      trays.push(this.state);
    }
    setImage(image: { path: string }) {
      this.state.image = image.path;
    }
    setToolTip(text: string) {
      this.state.tooltip = text;
    }
    setContextMenu(menu: FakeMenuItem[]) {
      this.state.menu = menu;
    }
    on(event: string, listener: () => void) {
      this.state.listeners[event] = listener;
    }
    destroy() {
      this.state.destroyed = true;
    }
  },
}));

const { AppTray, trayStateOf } = await import('../../electron/main/tray.js');

const iconDir = path.resolve(import.meta.dirname, '../../resources/tray');

function fakeControl(initial: AgentShellStatus, overrides: Partial<AgentControl> = {}) {
  let listener: ((s: AgentShellStatus) => void) | undefined;
  const calls: string[] = [];
  const control: AgentControl = {
    interrupt: async (reason) => void calls.push(`interrupt:${reason}`),
    toggleMute: () => void calls.push('toggleMute'),
    setPushToTalk: () => {},
    startStop: async () => void calls.push('startStop'),
    status: () => initial,
    onStatusChange: (l) => {
      listener = l;
      return () => (listener = undefined);
    },
    ...overrides,
  };
  return { control, calls, emit: (s: AgentShellStatus) => listener?.(s), subscribed: () => listener !== undefined };
}

function setup(initial: AgentShellStatus = { activity: 'idle', muted: false }, overrides: Partial<AgentControl> = {}) {
  const fake = fakeControl(initial, overrides);
  const failures: ShellActionFailed[] = [];
  const shown: string[] = [];
  const tray = new AppTray({
    iconDir,
    control: fake.control,
    report: (f) => failures.push(f),
    showWindow: () => shown.push('show'),
    quit: () => shown.push('quit'),
  });
  return { tray, ...fake, failures, shown, electronTray: trays.at(-1)! };
}

const item = (menu: FakeMenuItem[], label: string) => menu.find((i) => i.label === label)!;

describe('tray', () => {
  beforeEach(() => void (trays.length = 0));

  it('has a 16 px icon and a @2x icon on disk for every state', () => {
    for (const state of ['idle', 'listening', 'speaking', 'muted']) {
      for (const [file, size] of [
        [`${state}.png`, 16],
        [`${state}@2x.png`, 32],
      ] as const) {
        const png = fs.readFileSync(path.join(iconDir, file));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      }
    }
  });

  it('shows the agent state as its icon and tooltip, following changes', () => {
    const { electronTray, emit } = setup();
    expect(path.basename(electronTray.image)).toBe('idle.png');
    expect(electronTray.tooltip).toBe('Interject: no session');
    emit({ activity: 'listening', muted: false });
    expect(path.basename(electronTray.image)).toBe('listening.png');
    emit({ activity: 'speaking', muted: false });
    expect(path.basename(electronTray.image)).toBe('speaking.png');
    expect(electronTray.tooltip).toBe('Interject: agent speaking');
    emit({ activity: 'speaking', muted: true });
    expect(path.basename(electronTray.image)).toBe('muted.png');
  });

  it('shows idle, not muted, when there is no session', () => {
    expect(trayStateOf({ activity: 'idle', muted: true })).toBe('idle');
  });

  it('offers Interrupt, Mute, Start/Stop session, Show window and Quit', () => {
    const { electronTray } = setup({ activity: 'speaking', muted: false });
    expect(electronTray.menu.filter((i) => i.label).map((i) => i.label)).toEqual([
      'Interrupt',
      'Mute microphone',
      'Stop session',
      'Show window',
      'Quit Interject',
    ]);
  });

  it('disables Interrupt and Mute and offers Start when there is no session', () => {
    const { electronTray } = setup();
    expect(item(electronTray.menu, 'Interrupt').enabled).toBe(false);
    expect(item(electronTray.menu, 'Mute microphone').enabled).toBe(false);
    expect(item(electronTray.menu, 'Start session')).toBeDefined();
  });

  it('Interrupt calls the same interrupt() as the button, tagged as the tray', async () => {
    const { electronTray, calls } = setup({ activity: 'speaking', muted: false });
    item(electronTray.menu, 'Interrupt').click!();
    await Promise.resolve();
    expect(calls).toEqual(['interrupt:tray']);
  });

  it("reports interrupt()'s error unchanged", async () => {
    const { electronTray, failures } = setup(
      { activity: 'listening', muted: false },
      {
        interrupt: () => Promise.reject(new Error('Failed to send interrupt command: no active session')),
      },
    );
    item(electronTray.menu, 'Interrupt').click!();
    await new Promise((r) => setImmediate(r));
    expect(failures).toEqual([
      { source: 'tray', action: 'interrupt', message: 'Failed to send interrupt command: no active session', atMs: expect.any(Number) },
    ]);
  });

  it('Mute is a checkbox showing the mute state and toggles it', () => {
    const { electronTray, calls, emit } = setup({ activity: 'listening', muted: false });
    emit({ activity: 'listening', muted: true });
    expect(item(electronTray.menu, 'Mute microphone')).toMatchObject({ type: 'checkbox', checked: true });
    item(electronTray.menu, 'Mute microphone').click!();
    expect(calls).toEqual(['toggleMute']);
  });

  it('Start session, Show window and Quit do what they say', async () => {
    const { electronTray, calls, shown } = setup();
    item(electronTray.menu, 'Start session').click!();
    item(electronTray.menu, 'Show window').click!();
    item(electronTray.menu, 'Quit Interject').click!();
    await Promise.resolve();
    expect(calls).toEqual(['startStop']);
    expect(shown).toEqual(['show', 'quit']);
  });

  it('clicking the icon shows the window', () => {
    const { electronTray, shown } = setup();
    electronTray.listeners['click']!();
    expect(shown).toEqual(['show']);
  });

  it('dispose removes the icon and stops following the agent', () => {
    const { tray, electronTray, subscribed } = setup();
    tray.dispose();
    expect(electronTray.destroyed).toBe(true);
    expect(subscribed()).toBe(false);
  });
});
