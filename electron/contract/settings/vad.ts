import { z } from 'zod';

export const VadSettingsSchema = z
  .object({
    /** Silero probability that starts speech. 0.5 is the field's common default (Agora, LiveKit, OpenAI). */
    speechThreshold: z.number().min(0, 'Must be between 0 and 1.').max(1, 'Must be between 0 and 1.').default(0.5),
    /** Lower release threshold (hysteresis) so speech does not flicker off mid-word; Silero's own recipe is threshold - 0.15. */
    releaseThreshold: z.number().min(0, 'Must be between 0 and 1.').max(1, 'Must be between 0 and 1.').default(0.35),
    /**
     * Speech shorter than this is a misfire (clicks, taps, breaths). 128 ms = four 32 ms Silero
     * windows (segment lengths come in whole windows): a spoken word lasts longer, while a breath
     * on the intent.wav fixture holds up for three. (Silero's own default is 250 ms, LiveKit's
     * 50 ms.) Onset still fires at the first window; only the end event differs.
     */
    minSpeechMs: z.number().int().min(0).max(5000).default(128),
    /** Silence that ends a speech segment (redemption). Short, since end of turn has its own silence timer. */
    silenceMs: z.number().int().min(32).max(5000).default(320),
    /** Audio kept before onset so the first syllable reaches speech recognition. OpenAI uses 300 ms. */
    prefixPaddingMs: z.number().int().min(0).max(2000).default(300),
  })
  .refine((v) => v.releaseThreshold <= v.speechThreshold, {
    message: 'The release threshold must not be above the speech threshold.',
    path: ['releaseThreshold'],
  });
