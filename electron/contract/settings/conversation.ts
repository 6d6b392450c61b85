import { z } from 'zod';
import { InterruptionStrategySchema, strategyDefaults, type InterruptionStrategyConfig } from './strategies.js';

export { InterruptionStrategySchema, type InterruptionStrategyConfig } from './strategies.js';

/**
 * How soon the agent takes its turn. `normal` uses silenceDurationMs / maxWaitMs as set
 * (defaults 500 / 3000 ms), so values someone tuned are never overridden; the other two are
 * presets that replace both:
 * - patient, 800 / 5000 ms: for people who pause mid-thought (dictating, thinking aloud, a
 *   second language); being talked over is worse for them than a slower answer.
 * - eager, 300 / 1500 ms: quick back-and-forth. 300 ms is about the VAD's own 320 ms release, so
 *   the turn ends as soon as the VAD ends the speech and the transcript is in (Deepgram Flux's
 *   eager end of turn saves ~150 ms at the median); a trailing hold word ("and", "um") still
 *   waits, but only 1.5 s.
 */
export const EAGERNESS_LEVELS = ['patient', 'normal', 'eager'] as const;
export type Eagerness = (typeof EAGERNESS_LEVELS)[number];
export const EAGERNESS_PRESETS: Record<Exclude<Eagerness, 'normal'>, { silenceDurationMs: number; maxWaitMs: number }> = {
  patient: { silenceDurationMs: 800, maxWaitMs: 5000 },
  eager: { silenceDurationMs: 300, maxWaitMs: 1500 },
};

/** The end-of-turn silence and longest wait that apply under these settings' eagerness. */
export function endOfTurnTimings(c: Pick<ConversationSettings, 'eagerness' | 'silenceDurationMs' | 'maxWaitMs'>): {
  silenceDurationMs: number;
  maxWaitMs: number;
} {
  return c.eagerness === 'normal' ? { silenceDurationMs: c.silenceDurationMs, maxWaitMs: c.maxWaitMs } : EAGERNESS_PRESETS[c.eagerness];
}

const phraseList = z.array(z.string().trim().min(1, 'A phrase must not be empty.').max(100)).max(128, 'At most 128 phrases.');

export const ConversationSettingsSchema = z.object({
  /** When off, user speech never stops the agent; see `whenOff`. */
  interruptions: z.enum(['on', 'off']).default('on'),
  /** What user speech does while interruptions are off: dropped, or appended to the next turn (Agora's modes). */
  whenOff: z.enum(['ignore', 'append']).default('append'),
  /**
   * Speech needed while the agent speaks before playback is paused as a candidate interruption.
   * Agora's example is 320 ms; LiveKit waits 500 ms; Pipecat and Vapi 200 ms. We take 200 ms:
   * pausing is cheap and reversible (the false-alarm path resumes; every VAD segment outlasts
   * its 320 ms release anyway, so a longer wait would not spare coughs a pause), deciding late
   * is the field's top complaint. Counted from where the voice began (its level before the
   * VAD's onset: Silero hears a soft "s" or "h" 50-100 ms late), 200 ms makes a real
   * interruption inaudible by p95 220 ms from the voice onset on bench:bargein (target 250).
   * It was 180 while it counted from the VAD's onset (p95 252 ms then).
   */
  speakingInterruptDurationMs: z.number().int().min(0).max(5000).default(200),
  /** Speech needed while the agent is silent (Agora's example: 160 ms). */
  interruptDurationMs: z.number().int().min(0).max(5000).default(160),
  /** After a false alarm, resume playback after this much quiet (LiveKit: 2000 ms). */
  falseInterruptionTimeoutMs: z.number().int().min(0).max(10000).default(2000),
  /** Silence that ends the user's turn (OpenAI: 500 ms; Agora 120-2000). */
  silenceDurationMs: z.number().int().min(120).max(5000).default(500),
  /** Longest wait for the end of the user's turn when the semantic check says "not done" (LiveKit/Agora: 3000 ms). */
  maxWaitMs: z.number().int().min(500).max(10000).default(3000),
  /** patient / normal / eager: see EAGERNESS_PRESETS (normal = the two values above). */
  eagerness: z.enum(EAGERNESS_LEVELS).default('normal'),
  /**
   * Start the language model (and its TTS) as soon as the user's words are known, before the
   * silence window confirms the end of the turn; the early answer is held unheard and dropped
   * if the user goes on. On by default as in LiveKit: when the model answers within the window
   * the agent speaks the moment the turn ends. The cost is the model calls that get dropped.
   */
  preemptiveGeneration: z.boolean().default(true),
  /**
   * Ordered interruption strategies. Default: the backchannel model on the words (your phrase
   * lists first, then backchannels in any combination vs questions, requests, negations;
   * it replaced "phrase lists + 2 words", which stopped the agent on "that makes sense"), then
   * the voice's own shape for when no words come in time (practice mode, non-streaming
   * recognizers).
   */
  strategies: z
    .array(InterruptionStrategySchema)
    .max(8, 'At most 8 strategies.')
    .default((): InterruptionStrategyConfig[] => [
      { type: 'backchannelModel', params: {} },
      { type: 'voiceShape', params: strategyDefaults('voiceShape') },
    ]),
  /**
   * Backchannels that never interrupt on their own (Vapi's acknowledgementPhrases plus common
   * fillers): an utterance made only of these does not stop the agent whatever the other
   * strategies say. Case and punctuation insensitive.
   */
  acknowledgementPhrases: phraseList.default(() => [
    'okay',
    'ok',
    'yeah',
    'yes',
    'yep',
    'yup',
    'mm-hmm',
    'mhm',
    'uh-huh',
    'right',
    'sure',
    'got it',
    'i see',
    'alright',
    'all right',
    'cool',
    'nice',
    'great',
    'thank you',
    'thanks',
    'oh',
    'ah',
    'hmm',
    'um',
    'uh',
  ]),
  /**
   * Phrases that always interrupt, on their first occurrence (Vapi's interruptionPhrases, Agora's
   * keyword mode). "that's enough", not "enough": a plain "enough" also stopped the agent on the
   * backchannel "fair enough".
   */
  interruptionPhrases: phraseList.default(() => [
    'stop',
    'wait',
    'hold on',
    'hang on',
    'no',
    'pause',
    "that's enough",
    'that is enough',
    'shut up',
    'excuse me',
    'sorry',
  ]),
  /**
   * How far the agent is turned down at speech onset. -12 dB makes the agent clearly quieter
   * (the user hears they are being heard) while a false alarm still sounds continuous.
   */
  duckDb: z.number().min(-60).max(0).default(-12),
  /** Duck/unduck ramp. 20 ms (one frame) is fast enough to feel instant and slow enough not to click. */
  duckRampMs: z.number().int().min(0).max(1000).default(20),
  /** Echo guard: use the played reference so the agent's own voice does not trigger barge-in. */
  echoGuard: z.boolean().default(true),
  /**
   * The mic must exceed the predicted echo by this much before it counts as the user. 6 dB is
   * the point where a voice of the echo's level added on top is reliably visible (equal powers
   * add to +3 dB) while estimation error (±2-3 dB on speech) stays below it.
   */
  echoMarginDb: z.number().min(0).max(40).default(6),
  /** Longest echo path delay searched (speaker buffers + room + mic buffers). Typical: 20-150 ms. */
  echoMaxDelayMs: z.number().int().min(20).max(1000).default(250),
  /** Semantic end-of-turn hook: an utterance ending in a hold word waits up to maxWaitMs. */
  semanticEndOfTurn: z.boolean().default(true),
  /**
   * Trailing words that signal the user is not done ("I want to go and ...", "tell me about
   * ..."): conjunctions, fillers, articles and prepositions almost never end a request, and
   * ending the turn in a thinking pause is a top complaint (the agent talks over the user).
   */
  holdWords: phraseList.default(() => [
    'and',
    'so',
    'um',
    'uh',
    'but',
    'because',
    'or',
    'then',
    'like',
    'the',
    'a',
    'an',
    'to',
    'for',
    'with',
    'of',
    'about',
    'in',
    'on',
    'at',
    'from',
    'my',
    'your',
    'if',
  ]),
});
export type ConversationSettings = z.infer<typeof ConversationSettingsSchema>;
