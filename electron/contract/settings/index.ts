/**
 * The settings schema: the single source of defaults, validation and (with
 * `settings/migrations.ts` in services) versioning. One section per domain, each in its own
 * file, so the settings panel can group and reset per section.
 */
import { z } from 'zod';
import { AppSettingsSchema } from './app.js';
import { AppearanceSettingsSchema } from './appearance.js';
import { AudioSettingsSchema } from './audio.js';
import { ConversationSettingsSchema } from './conversation.js';
import { HistorySettingsSchema } from './history.js';
import { HotkeySettingsSchema } from './hotkeys.js';
import { ProvidersSettingsSchema } from './providers.js';
import { TtsSettingsSchema } from './tts.js';
import { VadSettingsSchema } from './vad.js';

export { acceleratorProblem, isValidAccelerator } from './accelerator.js';
import { plainMessage } from './plain-issues.js';
export { numberRangeMessage, plainMessage, schemaAt, unitOf } from './plain-issues.js';
export { STREAMING_MARGIN_MS, describeRules, wordSourceOf, type WordSource } from './barge-in-rules.js';
export { STRATEGIES, strategyDefaults, type StrategyDefinition, type StrategyParam, type StrategyType } from './strategies.js';

/** Bump when a change needs a migration; add the step in electron/services/settings/migrations.ts. */
export const SETTINGS_SCHEMA_VERSION = 1;

export const settingsSections = {
  conversation: ConversationSettingsSchema,
  vad: VadSettingsSchema,
  audio: AudioSettingsSchema,
  hotkeys: HotkeySettingsSchema,
  appearance: AppearanceSettingsSchema,
  tts: TtsSettingsSchema,
  app: AppSettingsSchema,
  providers: ProvidersSettingsSchema,
  history: HistorySettingsSchema,
} as const;

export type SettingsSection = keyof typeof settingsSections;
export const SETTINGS_SECTIONS = Object.keys(settingsSections) as SettingsSection[];

// Each section defaults to its own defaults, so `{}` parses to the full default settings.
export const SettingsSchema = z.object({
  conversation: ConversationSettingsSchema.default(() => ConversationSettingsSchema.parse({})),
  vad: VadSettingsSchema.default(() => VadSettingsSchema.parse({})),
  audio: AudioSettingsSchema.default(() => AudioSettingsSchema.parse({})),
  hotkeys: HotkeySettingsSchema.default(() => HotkeySettingsSchema.parse({})),
  appearance: AppearanceSettingsSchema.default(() => AppearanceSettingsSchema.parse({})),
  tts: TtsSettingsSchema.default(() => TtsSettingsSchema.parse({})),
  app: AppSettingsSchema.default(() => AppSettingsSchema.parse({})),
  providers: ProvidersSettingsSchema.default(() => ProvidersSettingsSchema.parse({})),
  history: HistorySettingsSchema.default(() => HistorySettingsSchema.parse({})),
});

export type Settings = z.infer<typeof SettingsSchema>;

/**
 * A change request: any subset of sections, each any subset of its fields. Unknown
 * sections or fields are rejected (strict) so a typo is an error, not a silently dropped setting.
 * Values are checked loosely here and fully after merging (cross-field rules need the whole section).
 */
export const SettingsPatchSchema = z
  .object(
    Object.fromEntries(
      // Keys are checked against the section's fields: an unknown field is an error, not silently stripped.
      SETTINGS_SECTIONS.map((s) => [s, z.partialRecord(z.enum(Object.keys(settingsSections[s].shape) as [string, ...string[]]), z.unknown()).optional()]),
    ) as unknown as Record<SettingsSection, z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>>,
  )
  .strict();

export type SettingsPatch = { [K in SettingsSection]?: Partial<Settings[K]> };

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

/** Merges a patch into settings (shallow per section). Does not validate. */
export function mergeSettings(base: Settings, patch: SettingsPatch): unknown {
  const out: Record<string, unknown> = { ...base };
  for (const [section, fields] of Object.entries(patch)) {
    if (fields === undefined) continue;
    out[section] = { ...(base as Record<string, object>)[section], ...fields };
  }
  return out;
}

export interface FieldIssue {
  /** Dotted path, e.g. "vad.speechThreshold". */
  path: string;
  message: string;
}

/** Field issues; with the schema that raised them, in plain words with the allowed range and unit. */
export function issuesOf(error: z.ZodError, schema?: z.ZodType): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: schema ? plainMessage(i, schema) : i.message }));
}

/** Validates the result of applying `patch` to `base`. */
export function validateSettings(candidate: unknown): { ok: true; settings: Settings } | { ok: false; issues: FieldIssue[] } {
  const result = SettingsSchema.safeParse(candidate);
  if (result.success) return { ok: true, settings: result.data };
  return { ok: false, issues: issuesOf(result.error, SettingsSchema) };
}
