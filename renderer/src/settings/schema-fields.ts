/**
 * Reads the contract's zod schema into field descriptors, so the settings panel shows every
 * field the schema has (a new field appears without UI work; nothing is silently hidden).
 */
import type { z } from 'zod';
import { settingsSections, SETTINGS_SECTIONS, type SettingsSection } from '../../../electron/contract/index';

export type FieldKind = 'number' | 'integer' | 'enum' | 'string' | 'boolean' | 'stringList' | 'other';

export interface FieldDescriptor {
  section: SettingsSection;
  key: string;
  kind: FieldKind;
  min?: number;
  max?: number;
  options?: string[];
}

type AnySchema = z.ZodType & { def: { type: string }; unwrap?: () => AnySchema };

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  while ((s.def.type === 'default' || s.def.type === 'optional' || s.def.type === 'nullable') && s.unwrap) s = s.unwrap();
  return s;
}

function describe(section: SettingsSection, key: string, raw: AnySchema): FieldDescriptor {
  const s = unwrap(raw) as AnySchema & { minValue?: number | null; maxValue?: number | null; isInt?: boolean; options?: string[]; element?: AnySchema };
  switch (s.def.type) {
    case 'number':
      return { section, key, kind: s.isInt ? 'integer' : 'number', min: s.minValue ?? undefined, max: s.maxValue ?? undefined };
    case 'enum':
      return { section, key, kind: 'enum', options: [...(s.options ?? [])] };
    case 'string':
      return { section, key, kind: 'string' };
    case 'boolean':
      return { section, key, kind: 'boolean' };
    case 'array':
      return { section, key, kind: s.element && unwrap(s.element).def.type === 'string' ? 'stringList' : 'other' };
    default:
      return { section, key, kind: 'other' };
  }
}

export function sectionFields(section: SettingsSection): FieldDescriptor[] {
  const schema = settingsSections[section] as unknown as { shape: Record<string, AnySchema> };
  return Object.entries(schema.shape).map(([key, s]) => describe(section, key, s));
}

export function allSections(): SettingsSection[] {
  return SETTINGS_SECTIONS;
}
