import { z } from 'zod';

export const AudioSettingsSchema = z.object({
  /** Device id from the device list; "default" follows the OS default device. */
  inputDeviceId: z.string().min(1, 'Choose an input device.').max(512).default('default'),
  outputDeviceId: z.string().min(1, 'Choose an output device.').max(512).default('default'),
  /**
   * Removes the agent's own voice (the app knows exactly what it played) from the microphone
   * before voice detection and recognition, so the speakers cannot interrupt the agent and the
   * user can over them. Off: only worth it with headphones (saves ~2 % of a core).
   */
  echoCancellation: z.boolean().default(true),
});
