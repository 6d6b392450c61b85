// settings.json as a hostile or careless local user leaves it: a link, a FIFO, /dev/zero,
// a huge file, a BOM, a read-only file, temp files from a crash mid-write, odd imports.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, SETTINGS_SCHEMA_VERSION } from '../../../electron/contract/index';
import { SettingsStore } from '../../../electron/services/settings/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';
import { failureOf } from '../../helpers/ipc-failure';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir()));
afterEach(() => cleanup());

const file = () => path.join(dir, 'settings.json');
const custom = () => JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, appearance: { theme: 'dark' }, vad: { speechThreshold: 0.61 } });

/** Opens a store in a child process, so a start-up that hangs is a failed test, not a hung run. */
function openInChild(): { notices: { kind: string; message: string }[]; theme: string; rssMb: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers', 'open-store-child.ts'), dir], {
    timeout: 15_000,
    encoding: 'utf8',
    killSignal: 'SIGKILL',
  });
  if (r.status !== 0) throw new Error(`the store did not start (status ${r.status}, signal ${r.signal}): ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout);
}

describe('settings.json that is not a plain file', () => {
  it('does not follow a symbolic link: the linked file stays untouched, defaults, a notice that says why', () => {
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, '{"mine": true}');
    fs.symlinkSync(other, file());
    const store = new SettingsStore({ dir });
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices()[0]!.message).toMatch(/symbolic link/);
    const failure = failureOf(() => store.update({ vad: { speechThreshold: 0.7 } }));
    expect(failure.error.code).toBe('unavailable');
    expect(failure.message).toMatch(/symbolic link/);
    expect(fs.readFileSync(other, 'utf8')).toBe('{"mine": true}');
    expect(fs.lstatSync(file()).isSymbolicLink()).toBe(true);
  });

  it('starts promptly on defaults when settings.json is a FIFO, leaving it in place', () => {
    spawnSync('mkfifo', [file()]);
    const started = openInChild();
    expect(started.theme).toBe(defaultSettings().appearance.theme);
    expect(started.notices[0]!.message).toMatch(/pipe \(FIFO\)/);
    expect(fs.lstatSync(file()).isFIFO()).toBe(true);
  }, 30_000);

  it('does not read /dev/zero through a link (memory stays small)', () => {
    fs.symlinkSync('/dev/zero', file());
    const started = openInChild();
    expect(started.notices[0]!.message).toMatch(/symbolic link/);
    expect(started.rssMb).toBeLessThan(400);
  }, 30_000);

  it('does not read a file far larger than settings can be, and keeps it', () => {
    fs.writeFileSync(file(), ' '.repeat(20 * 1024 * 1024));
    const store = new SettingsStore({ dir });
    expect(store.notices()[0]!.message).toMatch(/far more than settings ever take/);
    expect(fs.statSync(file()).size).toBe(20 * 1024 * 1024);
  });
});

describe('settings.json contents and permissions', () => {
  it('reads a file that starts with a UTF-8 BOM as it is, keeping every custom value', () => {
    fs.writeFileSync(file(), '\ufeff' + custom());
    const store = new SettingsStore({ dir });
    expect(store.get().appearance.theme).toBe('dark');
    expect(store.get().vad.speechThreshold).toBe(0.61);
    expect(store.notices()).toEqual([]);
  });

  it('leaves a read-only settings file read-only and says why a change cannot be saved', () => {
    fs.writeFileSync(file(), custom());
    fs.chmodSync(file(), 0o444);
    const store = new SettingsStore({ dir });
    expect(store.get().appearance.theme).toBe('dark');
    const failure = failureOf(() => store.update({ vad: { speechThreshold: 0.7 } }));
    expect(failure.error.code).toBe('unavailable');
    expect(failure.message).toMatch(/read-only/);
    expect(fs.statSync(file()).mode & 0o777).toBe(0o444);
    expect(JSON.parse(fs.readFileSync(file(), 'utf8')).vad.speechThreshold).toBe(0.61);
  });

  it('keeps the mode the person gave the file when it saves', () => {
    fs.writeFileSync(file(), custom());
    fs.chmodSync(file(), 0o600);
    new SettingsStore({ dir }).update({ vad: { speechThreshold: 0.7 } });
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file(), 'utf8')).vad.speechThreshold).toBe(0.7);
  });

  it('removes settings.json.tmp-* files left by a crash mid-write at start-up', () => {
    fs.writeFileSync(path.join(dir, 'settings.json.tmp-123-abc'), '{');
    fs.writeFileSync(path.join(dir, 'settings.json.tmp-9'), '');
    new SettingsStore({ dir });
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('settings import', () => {
  it('refuses built-in property names as sections and changes nothing', () => {
    const store = new SettingsStore({ dir });
    store.update({ appearance: { theme: 'dark' } });
    const failure = failureOf(() => store.importJson('{"constructor":{},"toString":1}'));
    expect(failure.message).toBe('Unknown settings sections: constructor, toString.');
    expect(failureOf(() => store.importJson('{"__proto__":{"x":1}}')).message).toBe('Unknown settings sections: __proto__.');
    expect(store.get().appearance.theme).toBe('dark');
  });

  it('reads an imported file that starts with a BOM', () => {
    const store = new SettingsStore({ dir });
    expect(store.importJson('\ufeff' + custom()).appearance.theme).toBe('dark');
  });

  it('gives an invalid imported value the same field message the panel shows', () => {
    const store = new SettingsStore({ dir });
    const failure = failureOf(() => store.importJson('{"vad":{"speechThreshold":7}}'));
    expect(failure.error.issues?.[0]?.path).toBe('vad.speechThreshold');
    expect(failure.message).toContain(failure.error.issues![0]!.message);
  });
});
