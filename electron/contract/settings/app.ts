import { z } from 'zod';

export const AppSettingsSchema = z.object({
  /**
   * Closing the window keeps Interject running in the tray (menu bar on macOS), so the
   * global interrupt hotkey keeps working. Off: closing the window quits. Where the desktop
   * has no tray, closing quits regardless, or the app would be unreachable.
   */
  closeToTray: z.boolean().default(true),
});
