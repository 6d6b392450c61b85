/**
 * Reads the contract's zod schema into field descriptors, so the settings panel shows every
 * field the schema has (a new field appears without UI work; nothing is silently hidden).
 * Ordered lists of tagged objects (the interruption strategies) become `objectList` fields
 * whose variants and parameters are read from the schema too.
 */
import type { z } from 'zod';
import { settingsSections, type SettingsSection } from '../../../electron/contract/index';

export type FieldKind = 'number' | 'integer' | 'enum' | 'string' | 'boolean' | 'stringList' | 'objectList' | 'other';

export interface FieldDescriptor {
  section: SettingsSection;
  key: string;
  kind: FieldKind;
  min?: number;
  max?: number;
  options?: string[];
  /** Most items a list may hold (stringList, objectList). */
  maxItems?: number;
  /** Longest text (string), or longest item (stringList): typing stops there. */
  maxLength?: number;
  /** objectList: one entry per variant ("type" tag), with its parameters. */
  variants?: VariantDescriptor[];
}

export interface VariantDescriptor {
  type: string;
  params: Array<Omit<FieldDescriptor, 'section'> & { section: SettingsSection }>;
}

type AnySchema = z.ZodType & {
  def: { type: string; checks?: Array<{ _zod: { def: { check?: string; maximum?: number } } }> };
  unwrap?: () => AnySchema;
  shape?: Record<string, AnySchema>;
};

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  while (['default', 'prefault', 'optional', 'nullable'].includes(s.def.type) && s.unwrap) s = s.unwrap();
  return s;
}

function maxLength(s: AnySchema): number | undefined {
  const check = s.def.checks?.map((c) => c._zod.def as { check?: string; maximum?: number }).find((d) => d.check === 'max_length');
  return check?.maximum;
}

function variantsOf(section: SettingsSection, union: AnySchema & { options?: AnySchema[] }): VariantDescriptor[] | null {
  if (union.def.type !== 'union' || !union.options) return null;
  const variants: VariantDescriptor[] = [];
  for (const option of union.options) {
    const shape = option.shape;
    const tag = shape?.['type'] as (AnySchema & { value?: unknown }) | undefined;
    if (!shape || !tag || typeof tag.value !== 'string') return null;
    const params = shape['params'] ? (unwrap(shape['params']).shape ?? {}) : {};
    variants.push({ type: tag.value, params: Object.entries(params).map(([key, s]) => describe(section, key, s)) });
  }
  return variants;
}

export function describe(section: SettingsSection, key: string, raw: AnySchema): FieldDescriptor {
  const s = unwrap(raw) as AnySchema & { minValue?: number | null; maxValue?: number | null; isInt?: boolean; options?: string[]; element?: AnySchema };
  switch (s.def.type) {
    case 'number':
      return { section, key, kind: s.isInt ? 'integer' : 'number', min: s.minValue ?? undefined, max: s.maxValue ?? undefined };
    case 'enum':
      return { section, key, kind: 'enum', options: [...(s.options ?? [])] };
    case 'string':
      return { section, key, kind: 'string', maxLength: maxLength(s) };
    case 'boolean':
      return { section, key, kind: 'boolean' };
    case 'array': {
      const element = s.element ? unwrap(s.element) : undefined;
      if (element?.def.type === 'string') return { section, key, kind: 'stringList', maxItems: maxLength(s), maxLength: maxLength(element) };
      const variants = element ? variantsOf(section, element as AnySchema & { options?: AnySchema[] }) : null;
      if (variants) return { section, key, kind: 'objectList', maxItems: maxLength(s), variants };
      return { section, key, kind: 'other' };
    }
    default:
      return { section, key, kind: 'other' };
  }
}

export function sectionFields(section: SettingsSection): FieldDescriptor[] {
  const schema: { shape: Record<string, AnySchema> } = settingsSections[section];
  return Object.entries(schema.shape).map(([key, s]) => describe(section, key, s));
}

export function fieldDescriptor(section: SettingsSection, key: string): FieldDescriptor | undefined {
  const schema: { shape: Record<string, AnySchema> } = settingsSections[section];
  const s = schema.shape[key];
  return s ? describe(section, key, s) : undefined;
}
