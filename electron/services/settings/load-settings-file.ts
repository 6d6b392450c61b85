/**
 * Reads the settings file and turns whatever is there into valid settings, losing nothing:
 * - missing file: defaults;
 * - unreadable or not JSON: moved aside to settings.corrupt-<time>.json, defaults, a notice;
 * - valid JSON with some bad fields: a copy kept aside, only the bad fields reset, a notice naming them;
 * - an older schema version: migrated;
 * - a link, a FIFO, a device or a huge file: not followed or read, left as it is, defaults and a
 *   notice saying what it is (`refused`: the store then saves nothing over it this session).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SETTINGS_SECTIONS, settingsSections, SettingsSchema, type Settings, type SettingsNotice } from '../../contract/index.js';
import { readGuardedFile } from '../files/guarded-file.js';
import { migrate } from './migrations.js';

/** 1 MiB: real settings are a few KB; anything near this is not a settings file. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

export interface LoadedSettings {
  settings: Settings;
  notices: SettingsNotice[];
  /** True when the file must be (re)written: new, migrated or repaired. */
  needsWrite: boolean;
  /** Why the file was not read and must not be replaced (a link, a FIFO, a huge file...). */
  refused?: string;
}

export function asidePath(filePath: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  return path.join(path.dirname(filePath), `settings.corrupt-${stamp}.json`);
}

export function loadSettingsFile(filePath: string, nowMs: number): LoadedSettings {
  const read = readGuardedFile(filePath, MAX_SETTINGS_BYTES);
  if (read.kind === 'missing') return { settings: SettingsSchema.parse({}), notices: [], needsWrite: true };
  if (read.kind === 'refused') {
    const message = `${read.reason} Interject started with default settings and left the file as it is; changes will not be saved until it is a plain file again.`;
    return { settings: SettingsSchema.parse({}), notices: [{ kind: 'unreadable-file', message, atMs: nowMs }], needsWrite: false, refused: read.reason };
  }
  const text = read.text;

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const movedTo = moveAside(filePath, nowMs);
    return fresh({
      kind: 'corrupt-file-replaced',
      message: `The settings file was damaged, so Interject started with default settings. The old file was kept${movedTo ? ` as ${path.basename(movedTo)}` : ''}.`,
      atMs: nowMs,
      ...(movedTo ? { movedTo } : {}),
    });
  }

  const notices: SettingsNotice[] = [];
  let migration;
  try {
    migration = migrate(raw as Record<string, unknown>);
  } catch (error) {
    const movedTo = moveAside(filePath, nowMs);
    return fresh({
      kind: 'corrupt-file-replaced',
      message: `The settings file could not be upgraded (${(error as Error).message}). Defaults are in use; the old file was kept.`,
      atMs: nowMs,
      ...(movedTo ? { movedTo } : {}),
    });
  }
  if (migration.migrated) {
    notices.push({ kind: 'migrated', message: `Settings were upgraded from version ${migration.fromVersion}.`, atMs: nowMs });
  }

  const { settings, resetFields } = repairSections(migration.raw);
  if (resetFields.length > 0 || migration.fromNewerApp) {
    const copy = copyAside(filePath, nowMs);
    const what =
      resetFields.length > 0
        ? `These settings were invalid and are back to their defaults: ${resetFields.join(', ')}.`
        : 'The settings file comes from a newer version of Interject; settings this version does not know were left out.';
    notices.push({
      kind: 'corrupt-file-replaced',
      message: `${what} The original file was kept${copy ? ` as ${path.basename(copy)}` : ''}.`,
      atMs: nowMs,
      ...(copy ? { movedTo: copy } : {}),
    });
  }
  return { settings, notices, needsWrite: migration.migrated || resetFields.length > 0 };
}

/** Keeps every valid field; a bad field (or a bad section) falls back to its default. */
function repairSections(raw: Record<string, unknown>): { settings: Settings; resetFields: string[] } {
  const resetFields: string[] = [];
  const out: Record<string, unknown> = {};
  for (const section of SETTINGS_SECTIONS) {
    const schema = settingsSections[section];
    const value = raw[section];
    if (value === undefined) continue;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      resetFields.push(section);
      continue;
    }
    const fields = { ...(value as Record<string, unknown>) };
    let result = schema.safeParse(fields);
    // Drop each field an issue points at, until the rest parses (bounded by the field count).
    for (let guard = 0; !result.success && guard <= Object.keys(value).length; guard++) {
      const bad = new Set(result.error.issues.map((i) => String(i.path[0] ?? '')));
      let dropped = false;
      for (const key of bad) {
        if (key && key in fields) {
          delete fields[key];
          resetFields.push(`${section}.${key}`);
          dropped = true;
        }
      }
      // An issue on the section, or on a field the file does not have (a rule across fields
      // failing against a default): no single field to drop, so the section goes back to its
      // defaults, and the notice says so.
      if (!dropped) {
        Object.keys(fields).forEach((k) => delete fields[k]);
        resetFields.push(section);
      }
      result = schema.safeParse(fields);
    }
    out[section] = result.success ? result.data : undefined;
  }
  return { settings: SettingsSchema.parse(out), resetFields: [...new Set(resetFields)] };
}

function fresh(notice: SettingsNotice): LoadedSettings {
  return { settings: SettingsSchema.parse({}), notices: [notice], needsWrite: true };
}

function moveAside(filePath: string, nowMs: number): string | undefined {
  const target = asidePath(filePath, nowMs);
  try {
    fs.renameSync(filePath, target);
    return target;
  } catch {
    return undefined;
  }
}

function copyAside(filePath: string, nowMs: number): string | undefined {
  const target = asidePath(filePath, nowMs);
  try {
    fs.copyFileSync(filePath, target);
    return target;
  } catch {
    return undefined;
  }
}
