import { z } from 'zod';

export const AppearanceSettingsSchema = z.object({
  /** "system" follows the OS light/dark preference. */
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});
