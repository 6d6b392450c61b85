/**
 * A provider's Test button: checks the recognizer, the language model or the voice with the
 * settings being edited (validated by the same schema as saved settings), before any session.
 * The answer is one sentence for the person, and the server's model list for the dropdown.
 */
import { z } from 'zod';
import { defineInvoke } from '../define.js';
import { PROVIDER_KINDS } from '../providers/index.js';
import { ProvidersSettingsSchema } from '../settings/providers.js';
import { TtsSettingsSchema } from '../settings/tts.js';

export const ProviderTestResultSchema = z.object({
  ok: z.boolean(),
  summary: z.string().max(2000),
  models: z.array(z.string().max(200)).max(1000),
});
export type ProviderTestResultDto = z.infer<typeof ProviderTestResultSchema>;

export const VoiceListingSchema = z.object({
  voices: z.array(z.object({ id: z.string().max(256), label: z.string().max(300) })).max(500),
  /** Empty when listed; else why not (a typed id still works). */
  note: z.string().max(2000),
});
export type VoiceListingDto = z.infer<typeof VoiceListingSchema>;

export const providersInvokes = {
  'providers:test': defineInvoke({
    summary: 'Test a provider (recognizer, language model or voice) with unsaved settings; answers what was found.',
    request: z
      .object({
        part: z.enum(PROVIDER_KINDS),
        /** The provider section as edited (missing fields take the schema defaults); absent: the saved one. */
        providers: ProvidersSettingsSchema.strict().optional(),
        tts: TtsSettingsSchema.strict().optional(),
      })
      .strict(),
    response: ProviderTestResultSchema,
  }),
  'providers:voices': defineInvoke({
    summary: 'The voices the chosen voice service offers, for the Voice picker (with the voice settings being edited).',
    request: z.object({ tts: TtsSettingsSchema.strict().optional() }).strict(),
    response: VoiceListingSchema,
  }),
} as const;

export const providersEvents = {} as const;
