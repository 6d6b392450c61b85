/**
 * What the settings panel's shell:* channels ask (hotkey status, logs folder, microphone
 * permission). Not the desktop integration (tray, global hotkeys: main/desktop-integration.ts). Electron main implements it with globalShortcut, shell.openPath and
 * systemPreferences; the browser twin gets `twinShellQueries`, which answers what a twin can.
 */
import { IpcFailure, type HotkeyStatus, type MicrophonePermission } from '../../contract/index.js';

export interface ShellQueries {
  hotkeyStatus(): HotkeyStatus;
  /** Opens the logs folder in the file manager; answers its path and whether it opened. */
  openLogsFolder(): Promise<{ path: string; opened: boolean }>;
  microphonePermission(prompt: boolean): Promise<MicrophonePermission>;
  /** The OS file chooser: a model file (GGUF) or a model folder; null when the person cancels. */
  choosePath(kind: 'file' | 'folder', title: string): Promise<{ path: string | null }>;
}

export const twinShellQueries: ShellQueries = {
  // A web page cannot own global shortcuts; the panel shows the hotkeys as desktop-only.
  hotkeyStatus: () => ({ supported: false, registrations: [] }),
  openLogsFolder: async () => {
    throw new IpcFailure({ code: 'unavailable', message: 'The browser twin logs to the terminal it was started from; there is no logs folder.' });
  },
  // A web page never learns where a chosen file lives (the browser hides the path), and the twin's
  // files are the server's: the path is typed (any path this computer can read works).
  choosePath: async () => {
    throw new IpcFailure({
      code: 'unavailable',
      message:
        'The browser twin cannot show your file chooser (a web page never learns a file’s path). Type the path instead: the twin reads files on this computer.',
    });
  },
  // The twin captures in Node like main; only macOS gates that, and the twin is not packaged with a usage string.
  microphonePermission: async () => ({ status: 'granted' }),
};
