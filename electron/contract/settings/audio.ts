import { z } from 'zod';

export const AudioSettingsSchema = z.object({
  /** Device id from the device list; "default" follows the OS default device. */
  inputDeviceId: z.string().min(1, 'Choose an input device.').max(512).default('default'),
  outputDeviceId: z.string().min(1, 'Choose an output device.').max(512).default('default'),
});
