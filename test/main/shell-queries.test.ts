import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const opened = vi.hoisted(() => ({ paths: [] as string[], answer: '' }));
const dialogs = vi.hoisted(() => ({ asked: [] as unknown[], answer: { canceled: false, filePaths: [] as string[] } }));
vi.mock('electron', () => ({
  BrowserWindow: { getFocusedWindow: () => null },
  dialog: {
    showOpenDialog: vi.fn(async (options: unknown) => {
      dialogs.asked.push(options);
      return dialogs.answer;
    }),
  },
  shell: {
    openPath: vi.fn(async (p: string) => {
      opened.paths.push(p);
      return opened.answer;
    }),
  },
}));

const { createElectronShellQueries } = await import('../../electron/main/shell-queries.js');
const { createAppServices } = await import('../../electron/services/app-services.js');

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  opened.paths = [];
  opened.answer = '';
});

function setup() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-shell-'));
  const logsDir = path.join(dir, 'logs');
  const shell = createElectronShellQueries({
    logsDir,
    hotkeyStatus: () => ({ supported: true, registrations: [] }),
    microphonePermission: async () => ({ status: 'granted' }),
  });
  return { logsDir, services: createAppServices({ dataDir: dir, shell }) };
}

describe('Electron desktop shell over IPC', () => {
  it('"Open logs folder" opens the logs folder in the file manager (creating it if needed)', async () => {
    const { logsDir, services } = setup();
    const result = await services.registry.handle('shell:openLogsFolder', undefined);
    expect(result).toEqual({ ok: true, value: { path: logsDir, opened: true } });
    expect(opened.paths).toEqual([logsDir]);
    expect(fs.existsSync(logsDir)).toBe(true);
  });

  it('answers the path with opened: false when the OS cannot open it', async () => {
    const { logsDir, services } = setup();
    opened.answer = 'No application is associated with the folder';
    const result = await services.registry.handle('shell:openLogsFolder', undefined);
    expect(result).toEqual({ ok: true, value: { path: logsDir, opened: false } });
  });

  it('Browse… opens the OS chooser for a GGUF file or a folder, answers the chosen path, and null when cancelled', async () => {
    const { services } = setup();
    dialogs.asked = [];
    dialogs.answer = { canceled: false, filePaths: ['/home/me/models/qwen2.5-0.5b-instruct-q4_k_m.gguf'] };
    const file = await services.registry.handle('shell:choosePath', { kind: 'file', title: 'Choose the file of Qwen 2.5' });
    expect(file).toEqual({ ok: true, value: { path: '/home/me/models/qwen2.5-0.5b-instruct-q4_k_m.gguf' } });
    expect(dialogs.asked[0]).toMatchObject({
      title: 'Choose the file of Qwen 2.5',
      properties: ['openFile'],
      filters: [{ extensions: ['gguf'] }, { extensions: ['*'] }],
    });
    dialogs.answer = { canceled: true, filePaths: [] };
    expect(await services.registry.handle('shell:choosePath', { kind: 'folder', title: 'Choose the folder of Zipformer' })).toEqual({
      ok: true,
      value: { path: null },
    });
    expect(dialogs.asked[1]).toMatchObject({ properties: ['openDirectory'] });
    // A request that is not the contract's never reaches the dialog.
    expect(await services.registry.handle('shell:choosePath', { kind: 'anything', title: 'x' })).toMatchObject({ ok: false });
    expect(dialogs.asked).toHaveLength(2);
  });

  it('answers the hotkey status from the hotkey manager', async () => {
    const { services } = setup();
    expect(await services.registry.handle('shell:hotkeyStatus', undefined)).toEqual({ ok: true, value: { supported: true, registrations: [] } });
  });
});

describe('browser twin shell', () => {
  it('says there is no logs folder, as a typed error', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-shell-'));
    const services = createAppServices({ dataDir: dir });
    const result = await services.registry.handle('shell:openLogsFolder', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('terminal') } });
    expect(await services.registry.handle('shell:hotkeyStatus', undefined)).toEqual({ ok: true, value: { supported: false, registrations: [] } });
  });

  it('Browse… says why there is no file chooser, so the path is typed', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-shell-'));
    const services = createAppServices({ dataDir: dir });
    const result = await services.registry.handle('shell:choosePath', { kind: 'file', title: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('Type the path instead') } });
  });
});
