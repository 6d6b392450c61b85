import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotkeyStatus } from '../../electron/contract/index.js';

// The OS side of globalShortcut: what is registered, and what other apps have taken.
const os = vi.hoisted(() => ({
  registered: new Map<string, () => void>(),
  takenByOtherApps: new Set<string>(),
  invalid: new Set<string>(),
}));

// On Linux and Windows "Ctrl" and "CommandOrControl" are one key to the OS.
const osKey = (accelerator: string) => accelerator.toLowerCase().replace(/commandorcontrol|control/g, 'ctrl');

vi.mock('electron', () => ({
  globalShortcut: {
    register: vi.fn((accelerator: string, callback: () => void) => {
      if (os.invalid.has(accelerator)) throw new Error(`conversion failure from ${accelerator}`);
      const takenByUs = [...os.registered.keys()].some((k) => osKey(k) === osKey(accelerator));
      if (os.takenByOtherApps.has(accelerator) || takenByUs) return false;
      os.registered.set(accelerator, callback);
      return true;
    }),
    unregister: vi.fn((accelerator: string) => void os.registered.delete(accelerator)),
  },
}));

const { GlobalHotkeys } = await import('../../electron/main/global-hotkeys.js');

const defaults = { interrupt: 'CommandOrControl+Shift+Space', mute: '', pushToTalk: '' };

function press(accelerator: string): void {
  const callback = os.registered.get(accelerator);
  if (!callback) throw new Error(`${accelerator} is not registered`);
  callback();
}

function setup() {
  const activations: string[] = [];
  const statuses: HotkeyStatus[] = [];
  const hotkeys = new GlobalHotkeys({ onActivate: (a) => activations.push(a), onStatus: (s) => statuses.push(s) });
  return { hotkeys, activations, statuses };
}

function registration(status: HotkeyStatus, action: string) {
  return status.registrations.find((r) => r.action === action)!;
}

describe('GlobalHotkeys', () => {
  beforeEach(() => {
    os.registered.clear();
    os.takenByOtherApps.clear();
    os.invalid.clear();
  });

  it('registers the default interrupt hotkey and calls the interrupt action when pressed', () => {
    const { hotkeys, activations } = setup();
    const status = hotkeys.apply(defaults);
    expect([...os.registered.keys()]).toEqual(['CommandOrControl+Shift+Space']);
    expect(registration(status, 'interrupt')).toEqual({
      action: 'interrupt',
      requested: 'CommandOrControl+Shift+Space',
      active: 'CommandOrControl+Shift+Space',
    });
    press('CommandOrControl+Shift+Space');
    expect(activations).toEqual(['interrupt']);
  });

  it('re-registers live when the setting changes, releasing the old hotkey', () => {
    const { hotkeys, activations, statuses } = setup();
    hotkeys.apply(defaults);
    hotkeys.apply({ ...defaults, interrupt: 'Alt+F9' });
    expect([...os.registered.keys()]).toEqual(['Alt+F9']);
    press('Alt+F9');
    expect(activations).toEqual(['interrupt']);
    expect(registration(statuses.at(-1)!, 'interrupt').active).toBe('Alt+F9');
  });

  it('keeps the previous hotkey and says why when another app has taken the new one', () => {
    const { hotkeys, activations, statuses } = setup();
    hotkeys.apply(defaults);
    os.takenByOtherApps.add('Control+Alt+K');
    const status = hotkeys.apply({ ...defaults, interrupt: 'Control+Alt+K' });
    const interrupt = registration(status, 'interrupt');
    expect(interrupt.active).toBe('CommandOrControl+Shift+Space');
    expect(interrupt.requested).toBe('Control+Alt+K');
    expect(interrupt.problem).toBe(
      'Control+Alt+K could not be registered: another application is probably using it. CommandOrControl+Shift+Space is still active.',
    );
    expect(statuses.at(-1)).toEqual(status);
    press('CommandOrControl+Shift+Space');
    expect(activations).toEqual(['interrupt']);
  });

  it('keeps the previous hotkey when the OS rejects the accelerator as invalid', () => {
    const { hotkeys } = setup();
    hotkeys.apply(defaults);
    os.invalid.add('Super+F13');
    const interrupt = registration(hotkeys.apply({ ...defaults, interrupt: 'Super+F13' }), 'interrupt');
    expect(interrupt.active).toBe('CommandOrControl+Shift+Space');
    expect(interrupt.problem).toMatch(
      /^Super\+F13 is not a valid shortcut here \(conversion failure from Super\+F13\)\. CommandOrControl\+Shift\+Space is still active\.$/,
    );
    expect(os.registered.has('CommandOrControl+Shift+Space')).toBe(true);
  });

  it('clears the problem once the person picks a hotkey that works', () => {
    const { hotkeys } = setup();
    hotkeys.apply(defaults);
    os.takenByOtherApps.add('Control+Alt+K');
    hotkeys.apply({ ...defaults, interrupt: 'Control+Alt+K' });
    const interrupt = registration(hotkeys.apply({ ...defaults, interrupt: 'Control+Alt+L' }), 'interrupt');
    expect(interrupt).toEqual({ action: 'interrupt', requested: 'Control+Alt+L', active: 'Control+Alt+L' });
    expect([...os.registered.keys()]).toEqual(['Control+Alt+L']);
  });

  it('reports a failure with nothing active when the very first registration fails', () => {
    const { hotkeys } = setup();
    os.takenByOtherApps.add('CommandOrControl+Shift+Space');
    const interrupt = registration(hotkeys.apply(defaults), 'interrupt');
    expect(interrupt.active).toBe('');
    expect(interrupt.problem).toMatch(/No Interrupt hotkey is active\.$/);
  });

  it('registers optional mute and push-to-talk hotkeys and removes them when emptied', () => {
    const { hotkeys, activations } = setup();
    hotkeys.apply({ ...defaults, mute: 'Alt+M', pushToTalk: 'Alt+T' });
    press('Alt+M');
    press('Alt+T');
    expect(activations).toEqual(['mute', 'pushToTalk']);
    hotkeys.apply(defaults);
    expect([...os.registered.keys()]).toEqual(['CommandOrControl+Shift+Space']);
  });

  it('refuses to give one combination to two actions', () => {
    const { hotkeys } = setup();
    const mute = registration(hotkeys.apply({ ...defaults, mute: 'commandorcontrol+shift+space' }), 'mute');
    expect(mute.active).toBe('');
    expect(mute.problem).toBe('commandorcontrol+shift+space is already the Interrupt hotkey. No Mute hotkey is active.');
  });

  it('swaps to another spelling of the same combination that the OS sees as taken by us', () => {
    const { hotkeys } = setup();
    hotkeys.apply({ ...defaults, interrupt: 'Ctrl+Shift+Space' });
    const interrupt = registration(hotkeys.apply(defaults), 'interrupt');
    expect(interrupt.active).toBe('CommandOrControl+Shift+Space');
    expect([...os.registered.keys()]).toEqual(['CommandOrControl+Shift+Space']);
  });

  it('does not report a status when nothing changed', () => {
    const { hotkeys, statuses } = setup();
    hotkeys.apply(defaults);
    hotkeys.apply(defaults);
    expect(statuses).toHaveLength(1);
  });

  it('unregisters everything on dispose', () => {
    const { hotkeys } = setup();
    hotkeys.apply({ ...defaults, mute: 'Alt+M' });
    hotkeys.dispose();
    expect(os.registered.size).toBe(0);
  });

  it('survives an action that throws', () => {
    const hotkeys = new GlobalHotkeys({
      onActivate: () => {
        throw new Error('boom');
      },
    });
    hotkeys.apply(defaults);
    expect(() => press('CommandOrControl+Shift+Space')).not.toThrow();
  });
});
