import { z } from 'zod';

export const AudioSettingsSchema = z.object({
  /** Device id from the device list; "default" follows the OS default device. */
  inputDeviceId: z.string().min(1, 'Choose an input device.').max(512).default('default'),
  outputDeviceId: z.string().min(1, 'Choose an output device.').max(512).default('default'),
  /**
   * Removes the agent's own voice (the app knows exactly what it played) from the microphone
   * before voice detection and recognition, so the user can interrupt over loud speakers
   * (bench:echo: at +6 dB echo the extra barge-in latency drops from 368 to 32 ms p50) and
   * recognition hears the user without the agent. Off by default for now: with it on, one
   * echo-only scenario in 18 of bench:bargein's echo rows pauses and resumes the agent once
   * (never a false barge-in); on by default once that is fixed (issue 14 note).
   */
  echoCancellation: z.boolean().default(false),
});
