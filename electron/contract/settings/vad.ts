import { z } from 'zod';

export const VadSettingsSchema = z
  .object({
    /** Silero probability that starts speech. 0.5 is the field's common default (Agora, LiveKit, OpenAI). */
    speechThreshold: z.number().min(0).max(1).default(0.5),
    /** Lower release threshold (hysteresis) so speech does not flicker off mid-word; Silero's own recipe is threshold - 0.15. */
    releaseThreshold: z.number().min(0).max(1).default(0.35),
    /**
     * A window at or above this (but below `speechThreshold`) is a tentative onset: the agent is
     * ducked at once, and un-ducked if speech does not follow within 160 ms. Silero is often
     * unsure for a word's first window (0.31 on the "s" of "stop"), so this takes the p95 time
     * from voice onset to duck from 150 to under 100 ms (bench:bargein). 0.3: on 100 s of real
     * speech fixtures it withdrew 2 onsets (breaths), against 0 at 0.35 and 2 at 0.25, and it
     * never fired on the agent's own echo. At or above `speechThreshold` it is off. (Not a
     * validation rule: a settings file with a speech threshold under 0.3, valid before this field
     * existed, must still load as it is.)
     */
    tentativeThreshold: z.number().min(0).max(1).default(0.3),
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
