import { z } from 'zod';

/** Conversation history: every conversation is saved on this computer as it happens. */
export const HistorySettingsSchema = z.object({
  /** On by default: a conversation that vanishes on restart is the surprise, not one that stays. */
  enabled: z.boolean().default(true),
  /** Absolute folder; empty keeps history in the app's data folder ("history"). */
  folder: z
    .string()
    .trim()
    .max(1000, 'A folder path is at most 1000 characters.')
    .refine((v) => v === '' || /^([a-zA-Z]:[\\/]|\/|\\\\)/.test(v), {
      message: 'Enter a full folder path (starting with / or a drive letter), or leave it empty.',
    })
    .default(''),
  /** Conversations untouched for longer are deleted at start-up; 0 keeps them until you delete them. */
  keepDays: z.number().int('Enter a whole number of days.').min(0).max(3650).default(0),
});

export type HistorySettings = z.infer<typeof HistorySettingsSchema>;
