import { z } from 'zod';

export const AudioSettingsSchema = z.object({
  /** Device id from the device list; "default" follows the OS default device. */
  inputDeviceId: z.string().min(1, 'Choose an input device.').max(512).default('default'),
  outputDeviceId: z.string().min(1, 'Choose an output device.').max(512).default('default'),
  /**
   * Removes the agent's own voice (the app knows exactly what it played) from the microphone
   * before voice detection and recognition, so the user can interrupt over loud speakers and
   * recognition hears the user without the agent (bench:echo). Off by default for now: with it
   * on, bench:bargein's echo rows are as good or better (no pause on echo alone, echo+user
   * faster), but some rows WITHOUT echo get worse (quick run, 96 scenarios: two-word p95
   * 252 -> 610 ms, question p95 200 -> 384 ms, backchannel pause p95 832 -> 2594 ms; with no
   * recognizer one more wrong decision in force, request and question), and bench:bargein must
   * not get worse on any row (issue 14 note).
   */
  echoCancellation: z.boolean().default(false),
});
