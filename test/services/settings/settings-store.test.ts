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
const readFile = () => JSON.parse(fs.readFileSync(file(), 'utf8'));

describe('SettingsStore', () => {
  it('starts on defaults and writes a versioned file when there is none', () => {
    const store = new SettingsStore({ dir });
    expect(store.get()).toEqual(defaultSettings());
    expect(readFile().schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(store.notices()).toEqual([]);
  });

  it('persists a change so a new store (a restart) reads it back', () => {
    new SettingsStore({ dir }).update({ vad: { speechThreshold: 0.62 } });
    expect(new SettingsStore({ dir }).get().vad.speechThreshold).toBe(0.62);
  });

  it('refuses an invalid change with field issues and saves nothing', () => {
    const store = new SettingsStore({ dir });
    const before = fs.readFileSync(file(), 'utf8');
    const failure = failureOf(() => store.update({ vad: { speechThreshold: 1.5 } }));
    expect(failure.error.code).toBe('invalid_request');
    expect(failure.error.issues).toContainEqual({ path: 'vad.speechThreshold', message: 'Enter a number from 0 to 1.' });
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
    expect(store.get().vad.speechThreshold).toBe(0.5);
  });

  it('checks rules across fields of a section', () => {
    const store = new SettingsStore({ dir });
    const failure = failureOf(() => store.update({ vad: { speechThreshold: 0.3, releaseThreshold: 0.4 } }));
    expect(failure.error.issues?.[0]?.path).toBe('vad.releaseThreshold');
  });

  it('refuses an invalid hotkey with a sentence saying why', () => {
    const store = new SettingsStore({ dir });
    const failure = failureOf(() => store.update({ hotkeys: { interrupt: 'Ctrl+Banana' } }));
    expect(failure.error.issues?.[0]?.message).toContain('"Banana" is not a key');
  });

  it('moves a damaged file aside, starts on defaults and says so', () => {
    fs.writeFileSync(file(), '{"vad": {"speechThr');
    const store = new SettingsStore({ dir, now: () => Date.parse('2026-11-22T10:00:00Z') });
    expect(store.get()).toEqual(defaultSettings());
    const [notice] = store.notices();
    expect(notice?.kind).toBe('corrupt-file-replaced');
    expect(notice?.movedTo).toBe(path.join(dir, 'settings.corrupt-2026-11-22T10-00-00-000Z.json'));
    expect(fs.readFileSync(notice!.movedTo!, 'utf8')).toBe('{"vad": {"speechThr');
    expect(readFile().vad.speechThreshold).toBe(0.5);
  });

  it('keeps the valid fields of a file with one bad field, resets only that one and keeps a copy', () => {
    fs.writeFileSync(file(), JSON.stringify({ schemaVersion: 1, vad: { speechThreshold: 7, silenceMs: 400 }, appearance: { theme: 'dark' } }));
    const store = new SettingsStore({ dir });
    expect(store.get().vad.silenceMs).toBe(400);
    expect(store.get().appearance.theme).toBe('dark');
    expect(store.get().vad.speechThreshold).toBe(0.5);
    expect(store.notices()[0]?.message).toContain('vad.speechThreshold');
    expect(fs.existsSync(store.notices()[0]!.movedTo!)).toBe(true);
  });

  it('loads a low speech threshold saved before the tentative threshold existed, as it is', () => {
    fs.writeFileSync(file(), JSON.stringify({ schemaVersion: 1, vad: { speechThreshold: 0.25, releaseThreshold: 0.1, silenceMs: 500 } }));
    const store = new SettingsStore({ dir });
    expect(store.get().vad).toMatchObject({ speechThreshold: 0.25, releaseThreshold: 0.1, silenceMs: 500 });
    expect(store.notices()).toEqual([]);
  });

  it('resets a section, and says so, when a rule across its fields fails against a field the file lacks', () => {
    // releaseThreshold defaults to 0.35, above this speech threshold: no field in the file to drop
    fs.writeFileSync(file(), JSON.stringify({ schemaVersion: 1, vad: { speechThreshold: 0.2, silenceMs: 500 }, appearance: { theme: 'dark' } }));
    const store = new SettingsStore({ dir });
    expect(store.get().vad).toEqual(defaultSettings().vad);
    expect(store.get().appearance.theme).toBe('dark');
    expect(store.notices()[0]?.message).toContain('vad');
  });

  it('migrates a file written before versioning', () => {
    fs.writeFileSync(file(), JSON.stringify({ appearance: { theme: 'light' } }));
    const store = new SettingsStore({ dir });
    expect(store.get().appearance.theme).toBe('light');
    expect(store.notices().map((n) => n.kind)).toContain('migrated');
    expect(readFile().schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
  });

  it('resets one section to its defaults and leaves the others', () => {
    const store = new SettingsStore({ dir });
    store.update({ vad: { silenceMs: 900 }, appearance: { theme: 'dark' } });
    store.reset('vad');
    expect(store.get().vad.silenceMs).toBe(defaultSettings().vad.silenceMs);
    expect(store.get().appearance.theme).toBe('dark');
  });

  it('exports and imports settings as JSON', () => {
    const a = new SettingsStore({ dir });
    a.update({ appearance: { theme: 'dark' } });
    const json = a.exportJson();
    const other = makeTempDir();
    try {
      const b = new SettingsStore({ dir: other.dir });
      expect(b.importJson(json).appearance.theme).toBe('dark');
    } finally {
      other.cleanup();
    }
  });

  it('rejects an import that is not JSON, naming the problem', () => {
    const store = new SettingsStore({ dir });
    expect(failureOf(() => store.importJson('not json')).message).toMatch(/not valid JSON/);
  });

  it('rejects an import with an unknown section instead of dropping it', () => {
    const store = new SettingsStore({ dir });
    expect(failureOf(() => store.importJson('{"vadd": {}}')).message).toBe('Unknown settings sections: vadd.');
  });

  it('tells listeners about every saved change', () => {
    const store = new SettingsStore({ dir });
    const seen: number[] = [];
    store.on('changed', (s) => seen.push(s.vad.speechThreshold));
    store.update({ vad: { speechThreshold: 0.7 } });
    expect(seen).toEqual([0.7]);
  });
});
