/**
 * What the settings panel asks of the desktop shell (hotkey status, logs folder, microphone
 * permission). Electron main implements it with globalShortcut, shell.openPath and
 * systemPreferences; the browser twin gets `twinDesktopShell`, which answers what a twin can.
 */
import { IpcFailure, type HotkeyStatus, type MicrophonePermission } from '../../contract/index.js';

export interface DesktopShell {
  hotkeyStatus(): HotkeyStatus;
  /** Opens the logs folder in the file manager; answers its path and whether it opened. */
  openLogsFolder(): Promise<{ path: string; opened: boolean }>;
  microphonePermission(prompt: boolean): Promise<MicrophonePermission>;
}

export const twinDesktopShell: DesktopShell = {
  // A web page cannot own global shortcuts; the panel shows the hotkeys as desktop-only.
  hotkeyStatus: () => ({ supported: false, registrations: [] }),
  openLogsFolder: async () => {
    throw new IpcFailure({ code: 'unavailable', message: 'The browser twin logs to the terminal it was started from; there is no logs folder.' });
  },
  // The twin captures in Node like main; only macOS gates that, and the twin is not packaged with a usage string.
  microphonePermission: async () => ({ status: 'granted' }),
};
