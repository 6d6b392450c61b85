/**
 * Window behaviour around the tray: closing hides to the tray when the settings say so (and
 * a tray exists), a real quit still closes; a second launch brings the existing window back.
 */
import type { App, BrowserWindow } from 'electron';

export interface CloseToTrayOptions {
  /** Read at each close, so a settings change applies at once. */
  shouldHide(): boolean;
}

/** Returns a function that removes the behaviour. */
export function hideOnClose(app: App, window: BrowserWindow, options: CloseToTrayOptions): () => void {
  let quitting = false;
  const onBeforeQuit = () => {
    quitting = true;
  };
  const onClose = (event: Electron.Event) => {
    if (quitting || !options.shouldHide()) return;
    event.preventDefault();
    window.hide();
  };
  app.on('before-quit', onBeforeQuit);
  window.on('close', onClose);
  return () => {
    app.removeListener('before-quit', onBeforeQuit);
    window.removeListener('close', onClose);
  };
}

/** Brings a hidden, minimised or background window to the front. */
export function revealWindow(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

/**
 * The single-instance lock: false means another Interject runs (this one should quit);
 * when a second copy starts, `onSecondInstance` runs here (reveal the window).
 */
export function claimSingleInstance(app: App, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => onSecondInstance());
  return true;
}
