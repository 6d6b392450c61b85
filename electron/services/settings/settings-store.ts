/**
 * Owns the settings: in memory the validated truth, on disk a JSON file replaced atomically
 * (guarded-file: never through a link, keeping the file's mode, never over a read-only file).
 * Every change is validated against the contract's schema first; an invalid change is refused
 * whole with field issues and nothing is saved.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import {
  defaultSettings,
  SETTINGS_SECTIONS,
  IpcFailure,
  mergeSettings,
  SETTINGS_SCHEMA_VERSION,
  validateSettings,
  type Settings,
  type SettingsNotice,
  type SettingsPatch,
  type SettingsSection,
} from '../../contract/index.js';
import { asRefusal, FileRefusal, removeTempOrphans, writeGuardedFile } from '../files/guarded-file.js';
import { loadSettingsFile } from './load-settings-file.js';

/** A new settings file: readable by the user's other tools, writable only by the user (what conf wrote before). */
const NEW_FILE_MODE = 0o644;

export interface SettingsStoreEvents {
  changed: [Settings];
  notice: [SettingsNotice];
}

export interface SettingsStoreOptions {
  /** The folder that holds settings.json (Electron: userData; twin: --data-dir). */
  dir: string;
  now?: () => number;
}

export class SettingsStore extends EventEmitter<SettingsStoreEvents> {
  readonly filePath: string;
  private current: Settings;
  private pending: SettingsNotice[];
  private readonly now: () => number;
  /** Set when the file at start-up was not read (a link, a FIFO...): nothing is written over it. */
  private readonly refused: string | undefined;

  constructor(options: SettingsStoreOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.filePath = path.join(options.dir, 'settings.json');
    // A crash mid-write leaves settings.json.tmp-* behind; the real file is whole either way.
    removeTempOrphans(options.dir, 'settings.json');
    const loaded = loadSettingsFile(this.filePath, this.now());
    this.current = loaded.settings;
    this.pending = loaded.notices;
    this.refused = loaded.refused;
    if (loaded.needsWrite) this.tryWrite(this.current);
  }

  get(): Settings {
    return this.current;
  }

  notices(): SettingsNotice[] {
    return [...this.pending];
  }

  dismissNotice(atMs: number): void {
    this.pending = this.pending.filter((n) => n.atMs !== atMs);
  }

  update(patch: SettingsPatch): Settings {
    return this.replace(mergeSettings(this.current, patch));
  }

  reset(section?: SettingsSection): Settings {
    const defaults = defaultSettings();
    return this.replace(section ? { ...this.current, [section]: defaults[section] } : defaults);
  }

  importJson(json: string): Settings {
    let raw: unknown;
    try {
      raw = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
    } catch (error) {
      throw new IpcFailure({
        code: 'invalid_request',
        message: `This file is not a settings file Interject can read: ${jsonProblemAt(json, error as Error)}.`,
      });
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new IpcFailure({ code: 'invalid_request', message: 'The file does not hold a settings object.' });
    }
    const { schemaVersion, ...rest } = raw as Record<string, unknown>;
    if (typeof schemaVersion === 'number' && schemaVersion > SETTINGS_SCHEMA_VERSION) {
      throw new IpcFailure({
        code: 'invalid_request',
        message: `These settings come from a newer Interject (version ${schemaVersion}); update the app to import them.`,
      });
    }
    // Own section names only: `k in defaults` would let "constructor" or "toString" through.
    const unknownSections = Object.keys(rest).filter((k) => !(SETTINGS_SECTIONS as string[]).includes(k));
    if (unknownSections.length > 0) {
      throw new IpcFailure({ code: 'invalid_request', message: `Unknown settings sections: ${unknownSections.join(', ')}.` });
    }
    return this.replace(rest);
  }

  exportJson(): string {
    return JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, ...this.current }, null, 2);
  }

  private replace(candidate: unknown): Settings {
    const result = validateSettings(candidate);
    if (!result.ok) {
      throw new IpcFailure({
        code: 'invalid_request',
        message: `Settings not saved: ${result.issues
          .map((i) => `${i.path}: ${i.message}`)
          .slice(0, 3)
          .join('; ')}`,
        issues: result.issues,
      });
    }
    this.write(result.settings);
    this.current = result.settings;
    this.emit('changed', result.settings);
    return result.settings;
  }

  private write(settings: Settings): void {
    try {
      if (this.refused) throw new FileRefusal(`${this.refused} Move it away and restart Interject to save settings again.`, 'refused');
      fs.mkdirSync(path.dirname(this.filePath), { recursive: true });
      writeGuardedFile(this.filePath, JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, ...settings }, null, '\t'), NEW_FILE_MODE);
    } catch (error) {
      const notice: SettingsNotice = {
        kind: 'save-failed',
        message: `Settings could not be saved: ${asRefusal(error, this.filePath).message}`,
        atMs: this.now(),
      };
      this.pending.push(notice);
      this.emit('notice', notice);
      throw new IpcFailure({ code: 'unavailable', message: notice.message });
    }
  }

  private tryWrite(settings: Settings): void {
    try {
      this.write(settings);
    } catch {
      // Already reported as a notice; start anyway with the settings in memory.
    }
  }
}

/** "the text is damaged at line 3, column 5" from JSON.parse's "at position 42" (or its own words when it gives none). */
function jsonProblemAt(json: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return json.trim() === '' ? 'it is empty' : 'it is not valid JSON';
  const before = json.slice(0, Number(position)).split('\n');
  return `the text is damaged at line ${before.length}, column ${before.at(-1)!.length + 1}`;
}
