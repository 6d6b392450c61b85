// secrets.json as a hostile or careless local user leaves it, and a data folder that cannot be written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlainFileSecretStore } from '../../../electron/services/secrets/plain-file-secret-store';
import { failureOf } from '../../helpers/ipc-failure';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-secrets-harden-'))));
afterEach(() => {
  fs.chmodSync(dir, 0o700);
  fs.rmSync(dir, { recursive: true, force: true });
});

type Outcome = { code: string; message: string };
/** Runs write-in-child.ts on `folder`, bounded: a hang is a failure, not a stuck run. */
function inChild(folder: string, user: { uid?: number; gid?: number } = {}): { providers: string[]; secrets: Outcome; settings: Outcome } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers', 'write-in-child.ts'), folder], {
    encoding: 'utf8',
    timeout: 20_000,
    killSignal: 'SIGKILL',
    ...user,
    env: { ...process.env, HOME: '/tmp' },
  });
  if (r.status !== 0) throw new Error(`child failed (status ${r.status}, signal ${r.signal}): ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout);
}

describe('secrets.json that is not a plain file', () => {
  it('does not follow a symbolic link: no keys read through it, saving refused, the linked file untouched', () => {
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, JSON.stringify({ version: 1, secrets: { openai: 'sk-other-abcdef' } }));
    fs.symlinkSync(other, path.join(dir, 'secrets.json'));
    const store = new PlainFileSecretStore(path.join(dir, 'secrets.json'));
    expect(store.providers()).toEqual([]);
    const failure = failureOf(() => store.set('openai', 'sk-mine-abcdef'));
    expect(failure.error.code).toBe('unavailable');
    expect(failure.message).toMatch(/symbolic link/);
    expect(JSON.parse(fs.readFileSync(other, 'utf8')).secrets.openai).toBe('sk-other-abcdef');
  });

  it('says in the key-storage status that keys cannot be read or saved, and why, instead of just "no keys"', () => {
    fs.symlinkSync('/dev/zero', path.join(dir, 'secrets.json'));
    const storage = new PlainFileSecretStore(path.join(dir, 'secrets.json')).storage();
    expect(storage.available).toBe(false);
    expect(storage.description).toMatch(/^Keys cannot be read or saved: secrets\.json is a symbolic link/);
    fs.rmSync(path.join(dir, 'secrets.json'));
    expect(new PlainFileSecretStore(path.join(dir, 'secrets.json')).storage().available).toBe(true);
  });

  it('does not open a FIFO (no hang) and says so', () => {
    spawnSync('mkfifo', [path.join(dir, 'secrets.json')]);
    const { providers, secrets } = inChild(dir);
    expect(providers).toEqual([]);
    expect(secrets.code).toBe('unavailable');
    expect(secrets.message).toMatch(/pipe \(FIFO\)/);
    expect(fs.lstatSync(path.join(dir, 'secrets.json')).isFIFO()).toBe(true);
  }, 30_000);

  it('reads a file that starts with a UTF-8 BOM', () => {
    fs.writeFileSync(path.join(dir, 'secrets.json'), '\ufeff' + JSON.stringify({ version: 1, secrets: { openai: 'sk-bom-abcdef' } }), { mode: 0o600 });
    expect(new PlainFileSecretStore(path.join(dir, 'secrets.json')).get('openai')).toBe('sk-bom-abcdef');
  });

  it('answers a read-only data folder with the same clear `unavailable` as the settings', () => {
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(data, 0o555);
    // Root writes anywhere, so as root the child runs as nobody.
    const { secrets, settings } = inChild(data, process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {});
    expect(settings.code).toBe('unavailable');
    expect(secrets.code).toBe('unavailable');
    expect(secrets.message).toMatch(/read-only/);
    expect(settings.message).toMatch(/read-only/);
  }, 30_000);
});
