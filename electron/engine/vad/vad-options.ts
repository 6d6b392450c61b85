import type { z } from 'zod';
import { plainMessage } from '../../contract/settings/plain-issues.js';
import { VadSettingsSchema } from '../../contract/settings/vad.js';

/** The VAD settings section, in ms, exactly as stored (see contract/settings/vad.ts for the why of each default). */
export type VadOptions = z.output<typeof VadSettingsSchema>;

export const DEFAULT_VAD_OPTIONS: VadOptions = VadSettingsSchema.parse({});

/** Merges a partial over the defaults and validates the whole; the error lists every bad field, in the settings panel's words. */
export function resolveVadOptions(partial: Partial<VadOptions> = {}): VadOptions {
  const parsed = VadSettingsSchema.safeParse({ ...DEFAULT_VAD_OPTIONS, ...partial });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'vad'}: ${plainMessage(i, VadSettingsSchema)}`).join('; ');
    throw new RangeError(`Bad VAD options: ${problems}`);
  }
  return parsed.data;
}
