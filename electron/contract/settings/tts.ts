import { z } from 'zod';
import { registryIds } from '../providers/define.js';
import { TTS_VENDORS } from '../providers/tts.js';

/** Which speech synthesizer speaks the agent's answers: the ids of the TTS vendor registry. */
export const TTS_PROVIDERS = registryIds(TTS_VENDORS);

export const TtsSettingsSchema = z.object({
  /** "local" is the embedded flite server: it works on a fresh machine with no account and no network. */
  provider: z.enum(TTS_PROVIDERS).default('local'),
  /**
   * WebSocket URL of a KugelAudio-protocol server. Empty means the provider's own endpoint
   * (KugelAudio: wss://api.kugelaudio.com/ws/tts/stream; "local": the embedded server's per-run URL).
   */
  endpointUrl: z
    .string()
    .max(2048)
    .refine((v) => v === '' || /^wss?:\/\//.test(v), 'Must be a ws:// or wss:// URL, or empty.')
    .default(''),
  /** Voice id for the provider. "slt" is flite's clearest US English voice (the local default). */
  voice: z.string().min(1, 'Choose a voice.').max(256).default('slt'),
  /** Sample rate asked of the server. 24 kHz is the reference protocol's default and a rate every vendor offers. */
  sampleRate: z.number().int().min(8000, 'At least 8000 Hz.').max(48000, 'At most 48000 Hz.').default(24000),
  /**
   * How long cancelCurrent() waits for the server to go quiet when no `interrupted` ack comes.
   * Restarted on every frame received. 300 ms: several times a healthy server's ack time (tens of ms),
   * and short enough that a silent server never delays the next turn noticeably. Local playback
   * is already stopped before this timer starts, so it only bounds bookkeeping, not what is heard.
   */
  cancelQuietTimeoutMs: z.number().int().min(20).max(5000).default(300),
  /** Ask the server for word timestamps so the transcript can be cut at what was actually heard. */
  wordTimestamps: z.boolean().default(true),
});

export type TtsSettings = z.infer<typeof TtsSettingsSchema>;

// Each vendor's parameters are TTS settings of the right type: a typo or a mismatch fails the typecheck.
type UnreadableVendor = {
  [K in keyof typeof TTS_VENDORS]: TtsSettings extends z.input<(typeof TTS_VENDORS)[K]['parameters']> ? never : K;
}[keyof typeof TTS_VENDORS];
export const vendorParametersAreSettings: [UnreadableVendor] extends [never] ? true : UnreadableVendor = true;
