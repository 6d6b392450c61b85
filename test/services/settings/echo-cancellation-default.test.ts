/**
 * Echo cancellation became on by default. The settings file holds every field (the store
 * writes the defaults on first start), so a stored `false` may be a choice or an old default:
 * it is kept either way, so nobody's choice is reset. A file without the field (written before
 * the setting existed, or by hand) and a new install get the new default.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION } from '../../../electron/contract/index';
import { SettingsStore } from '../../../electron/services/settings/settings-store';
import { makeTempDir } from '../../helpers/temp-dir';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir()));
afterEach(() => cleanup());

const file = () => path.join(dir, 'settings.json');

describe('audio.echoCancellation default', () => {
  it('is on for a new install', () => {
    expect(new SettingsStore({ dir }).get().audio.echoCancellation).toBe(true);
  });

  it('is on for a settings file saved without the field', () => {
    fs.writeFileSync(file(), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, audio: { inputDeviceId: 'default', outputDeviceId: 'default' } }));
    expect(new SettingsStore({ dir }).get().audio.echoCancellation).toBe(true);
  });

  it('stays off, after a restart too, where the file says off', () => {
    fs.writeFileSync(
      file(),
      JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, audio: { inputDeviceId: 'default', outputDeviceId: 'default', echoCancellation: false } }),
    );
    expect(new SettingsStore({ dir }).get().audio.echoCancellation).toBe(false);
    expect(new SettingsStore({ dir }).get().audio.echoCancellation).toBe(false);
  });
});
