import { z } from 'zod';

export const AudioSettingsSchema = z.object({
  /** Device id from the device list; "default" follows the OS default device. */
  inputDeviceId: z.string().min(1, 'Choose an input device.').max(512).default('default'),
  outputDeviceId: z.string().min(1, 'Choose an output device.').max(512).default('default'),
  /**
   * Removes the agent's own voice (the app knows exactly what it played) from the microphone
   * before voice detection and recognition, so the user can interrupt over loud speakers and
   * recognition hears the user without the agent (bench:echo). On by default: where the mic
   * holds no echo (headphones) it passes the mic through bit for bit and adds no delay, so
   * bench:bargein's rows without echo are identical on and off (quick run, 3 modes: all 282
   * no-echo results identical), and its echo rows are as good or better (echo+user at -10 dB:
   * 120 ms to inaudible instead of 440). A file that saved `false` keeps it: the store writes
   * every field, so a stored `false` may be a choice and is never overridden.
   */
  echoCancellation: z.boolean().default(true),
});
