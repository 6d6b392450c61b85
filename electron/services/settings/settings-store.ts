/**
 * Owns the settings: in memory the validated truth, on disk a JSON file written atomically
 * through `conf`. Every change is validated against the contract's schema first; an invalid
 * change is refused whole with field issues and nothing is saved.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import Conf from 'conf';
import {
  defaultSettings,
  IpcFailure,
  mergeSettings,
  SETTINGS_SCHEMA_VERSION,
  validateSettings,
  type Settings,
  type SettingsNotice,
  type SettingsPatch,
  type SettingsSection,
} from '../../contract/index.js';
import { loadSettingsFile } from './load-settings-file.js';

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
  private readonly conf: Conf<Record<string, unknown>>;
  private readonly now: () => number;

  constructor(options: SettingsStoreOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.filePath = path.join(options.dir, 'settings.json');
    // Repair before conf reads the file: conf would throw (or silently clear) on a bad one.
    const loaded = loadSettingsFile(this.filePath, this.now());
    this.current = loaded.settings;
    this.pending = loaded.notices;
    this.conf = new Conf({ cwd: options.dir, configName: 'settings', clearInvalidConfig: false, watch: false });
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
      raw = JSON.parse(json);
    } catch (error) {
      throw new IpcFailure({ code: 'invalid_request', message: `The file is not valid JSON: ${(error as Error).message}` });
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new IpcFailure({ code: 'invalid_request', message: 'The file does not hold a settings object.' });
    }
    const { schemaVersion, ...rest } = raw as Record<string, unknown>;
    if (typeof schemaVersion === 'number' && schemaVersion > SETTINGS_SCHEMA_VERSION) {
      throw new IpcFailure({ code: 'invalid_request', message: `These settings come from a newer Interject (version ${schemaVersion}); update the app to import them.` });
    }
    const unknownSections = Object.keys(rest).filter((k) => !(k in defaultSettings()));
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
        message: `Settings not saved: ${result.issues.map((i) => `${i.path}: ${i.message}`).slice(0, 3).join('; ')}`,
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
      this.conf.store = { schemaVersion: SETTINGS_SCHEMA_VERSION, ...settings };
    } catch (error) {
      const notice: SettingsNotice = { kind: 'save-failed', message: `Settings could not be saved: ${(error as Error).message}`, atMs: this.now() };
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
