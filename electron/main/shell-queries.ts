/**
 * Main's answers to the settings panel's shell questions: hotkey status (from the hotkey
 * manager), the logs folder (opened with the OS file manager) and microphone permission.
 */
import fs from 'node:fs';
import { BrowserWindow, dialog, shell } from 'electron';
import type { HotkeyStatus, MicrophonePermission } from '../contract/index.js';
import { nullLogger, type Logger } from '../engine/logger.js';
import type { ShellQueries } from '../services/shell/shell-queries.js';

export interface ElectronShellQueriesOptions {
  logsDir: string;
  hotkeyStatus(): HotkeyStatus;
  microphonePermission(prompt: boolean): Promise<MicrophonePermission>;
  logger?: Logger;
}

export function createElectronShellQueries(options: ElectronShellQueriesOptions): ShellQueries {
  const logger = options.logger ?? nullLogger;
  return {
    hotkeyStatus: () => options.hotkeyStatus(),
    async openLogsFolder() {
      fs.mkdirSync(options.logsDir, { recursive: true });
      // openPath answers '' on success, else the OS's reason.
      const problem = await shell.openPath(options.logsDir);
      if (problem) logger.warn('Could not open the logs folder', { path: options.logsDir, problem });
      return { path: options.logsDir, opened: problem === '' };
    },
    microphonePermission: (prompt) => options.microphonePermission(prompt),
    async choosePath(kind, title) {
      const options = {
        title,
        properties: [kind === 'folder' ? ('openDirectory' as const) : ('openFile' as const)],
        ...(kind === 'file'
          ? {
              filters: [
                { name: 'GGUF model', extensions: ['gguf'] },
                { name: 'All files', extensions: ['*'] },
              ],
            }
          : {}),
      };
      // A sheet on the app's window where there is one (macOS), else a free dialog.
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
  };
}
