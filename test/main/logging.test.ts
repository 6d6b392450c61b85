import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';

const temp = vi.hoisted(() => ({ dir: '' }));

vi.mock('electron', () => ({ app: { getPath: (name: string) => `${temp.dir}/${name}`, isPackaged: true } }));
// electron-log's main logger needs Electron; its node logger has the same file transport.
vi.mock('electron-log/main', async () => {
  const nodeLog = (await import('electron-log/node')).default;
  const log = nodeLog.create({ logId: 'main-logging-test' });
  log.errorHandler.startCatching = () => log.errorHandler;
  return { default: log };
});

const { dir, cleanup } = makeTempDir('interject-main-logging-');
temp.dir = dir;
afterAll(cleanup);

const { setupMainLogging } = await import('../../electron/main/logging.js');

describe('main logging', () => {
  it('writes scoped engine logs to <logs dir>/main.log and names that folder for "Open logs folder"', () => {
    const logging = setupMainLogging();
    expect(logging.logsDir).toBe(path.join(dir, 'logs'));
    logging.scoped('voice').info('Voice session started', { io: 'system audio devices' });
    const text = fs.readFileSync(path.join(dir, 'logs', 'main.log'), 'utf8');
    expect(text).toMatch(/\(voice\) Voice session started \{"io":"system audio devices"\}/);
  });
});
