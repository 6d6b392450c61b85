import { z } from 'zod';
import { FieldIssueSchema } from '../result.js';
import { SETTINGS_SECTIONS, SettingsPatchSchema, SettingsSchema } from '../settings/index.js';
import { defineEvent, defineInvoke } from '../define.js';

export const SettingsNoticeSchema = z.object({
  kind: z.enum(['corrupt-file-replaced', 'unreadable-file', 'migrated', 'save-failed']),
  message: z.string(),
  /** Where the bad file was moved, when it was. */
  movedTo: z.string().optional(),
  atMs: z.number(),
});
export type SettingsNotice = z.infer<typeof SettingsNoticeSchema>;

export const SettingsStateSchema = z.object({
  settings: SettingsSchema,
  /** Notices not yet dismissed (e.g. the file was corrupt and defaults are in use). */
  notices: z.array(SettingsNoticeSchema),
  /** Where the settings live, for "show file" and support. */
  filePath: z.string(),
});
export type SettingsState = z.infer<typeof SettingsStateSchema>;

const SettingsSectionSchema = z.enum(SETTINGS_SECTIONS as [string, ...string[]]);

export const settingsInvokes = {
  'settings:get': defineInvoke({
    summary: 'Current settings and any pending notices.',
    request: z.undefined(),
    response: SettingsStateSchema,
  }),
  'settings:update': defineInvoke({
    summary: 'Apply a partial change; validated, saved atomically, broadcast. Invalid: field issues, nothing saved.',
    request: SettingsPatchSchema,
    response: SettingsSchema,
  }),
  'settings:reset': defineInvoke({
    summary: 'Reset one section (or all, when no section is given) to defaults.',
    request: z.object({ section: SettingsSectionSchema.optional() }).strict(),
    response: SettingsSchema,
  }),
  'settings:import': defineInvoke({
    summary: 'Replace all settings with an exported JSON text; rejected whole with reasons when invalid.',
    request: z.object({ json: z.string().max(1_000_000) }).strict(),
    response: SettingsSchema,
  }),
  'settings:export': defineInvoke({
    summary: 'Settings as pretty JSON text (no secrets: keys are never part of settings).',
    request: z.undefined(),
    response: z.object({ json: z.string() }),
  }),
  'settings:dismissNotice': defineInvoke({
    summary: 'Forget a notice once the person has read it.',
    request: z.object({ atMs: z.number() }).strict(),
    response: z.null(),
  }),
} as const;

export const settingsEvents = {
  'settings:changed': defineEvent({ summary: 'Settings changed (by any window or by main).', payload: SettingsSchema }),
  'settings:notice': defineEvent({ summary: 'Something about the settings file the person should know.', payload: SettingsNoticeSchema }),
} as const;

export { FieldIssueSchema };
