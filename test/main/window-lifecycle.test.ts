import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { claimSingleInstance, hideOnClose, revealWindow } = await import('../../electron/main/window-lifecycle.js');

class FakeWindow extends EventEmitter {
  visible = true;
  minimized = false;
  focused = false;
  hide() {
    this.visible = false;
  }
  show() {
    this.visible = true;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused = true;
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return false;
  }
  /** What BrowserWindow does on the close button: emit 'close' with a cancellable event. */
  clickClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return prevented;
  }
}

class FakeApp extends EventEmitter {
  lock = true;
  requestSingleInstanceLock() {
    return this.lock;
  }
}

type AppArg = Parameters<typeof hideOnClose>[0];
type WindowArg = Parameters<typeof hideOnClose>[1];

describe('close to tray', () => {
  it('hides the window instead of closing when the setting is on', () => {
    const app = new FakeApp();
    const window = new FakeWindow();
    hideOnClose(app as unknown as AppArg, window as unknown as WindowArg, { shouldHide: () => true });
    expect(window.clickClose()).toBe(true);
    expect(window.visible).toBe(false);
  });

  it('closes normally when the setting is off (read at each close)', () => {
    const app = new FakeApp();
    const window = new FakeWindow();
    let closeToTray = true;
    hideOnClose(app as unknown as AppArg, window as unknown as WindowArg, { shouldHide: () => closeToTray });
    closeToTray = false;
    expect(window.clickClose()).toBe(false);
  });

  it('lets Quit close the window even with close-to-tray on', () => {
    const app = new FakeApp();
    const window = new FakeWindow();
    hideOnClose(app as unknown as AppArg, window as unknown as WindowArg, { shouldHide: () => true });
    app.emit('before-quit');
    expect(window.clickClose()).toBe(false);
  });
});

describe('single instance', () => {
  it('a second launch reveals the hidden, minimised window of the first', () => {
    const app = new FakeApp();
    const window = new FakeWindow();
    window.visible = false;
    window.minimized = true;
    expect(claimSingleInstance(app as unknown as AppArg, () => revealWindow(window as unknown as WindowArg))).toBe(true);
    app.emit('second-instance');
    expect(window).toMatchObject({ visible: true, minimized: false, focused: true });
  });

  it('answers false when another instance holds the lock', () => {
    const app = new FakeApp();
    app.lock = false;
    expect(claimSingleInstance(app as unknown as AppArg, () => {})).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});
