/**
 * Settings file migrations. The file stores `schemaVersion`; each step takes the raw object
 * of version N and returns version N+1. Add a step when SETTINGS_SCHEMA_VERSION is bumped.
 */
import { SETTINGS_SCHEMA_VERSION } from '../../contract/index.js';

type Raw = Record<string, unknown>;

/** steps[n] migrates version n to n+1. Version 0 is a file written before versioning (none exist yet). */
const steps: Record<number, (raw: Raw) => Raw> = {
  0: (raw) => raw,
};

export interface MigrationResult {
  raw: Raw;
  fromVersion: number;
  migrated: boolean;
  /** The file comes from a newer app: fields we do not know are left out, and we say so. */
  fromNewerApp: boolean;
}

export function migrate(raw: Raw, latest = SETTINGS_SCHEMA_VERSION, table = steps): MigrationResult {
  const declared = raw.schemaVersion;
  const fromVersion = typeof declared === 'number' && Number.isInteger(declared) && declared >= 0 ? declared : 0;
  if (fromVersion > latest) return { raw, fromVersion, migrated: false, fromNewerApp: true };
  let current = raw;
  for (let v = fromVersion; v < latest; v++) {
    const step = table[v];
    if (!step) throw new Error(`No settings migration from version ${v} to ${v + 1}`);
    current = step(current);
  }
  return { raw: { ...current, schemaVersion: latest }, fromVersion, migrated: fromVersion !== latest, fromNewerApp: false };
}
