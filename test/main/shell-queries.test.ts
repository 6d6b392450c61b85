import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const opened = vi.hoisted(() => ({ paths: [] as string[], answer: '' }));
vi.mock('electron', () => ({
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
});
