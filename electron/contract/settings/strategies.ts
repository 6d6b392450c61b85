/**
 * The interruption strategies, each defined once: its name in the panel, what it does in a
 * person's words, and every parameter with its range, default (and why), unit and label. The
 * settings schema (`InterruptionStrategySchema`), the panel's labels and starting values
 * (`renderer/src/settings/field-meta.ts`) and the engine's own checks
 * (`engine/turn/strategies/*`) are all read from here, so a rule has one message.
 *
 * Adding a strategy: its entry here, its class in `engine/turn/strategies/`, and its cases in
 * `build-strategies.ts` and `barge-in-rules.ts` (both switches are exhaustive over these keys).
 */
import { z } from 'zod';
import { rangeMessage } from './number-words.js';

export interface StrategyParam {
  /** The panel's label for the box. */
  label: string;
  /** Unit after the box and in the range message ("ms", "dBFS", "words"). */
  unit?: string;
  integer: boolean;
  min: number;
  max: number;
  /** The panel's arrow-key step. */
  step: number;
  default: number;
  /** Why the default is what it is. */
  reason: string;
}

export interface StrategyDefinition<P extends Record<string, StrategyParam> = Record<string, StrategyParam>> {
  label: string;
  /** What it does, with its parameters as the person typed them (a value may be missing while they edit). */
  describe: (params: { readonly [K in keyof P]: string }) => string;
  params: P;
}

const define = <P extends Record<string, StrategyParam>>(d: StrategyDefinition<P>): StrategyDefinition<P> => d;

/** In the order the panel offers them. */
export const STRATEGIES = {
  minWords: define({
    label: 'Minimum words',
    describe: (p) => `Interrupt once you have said at least ${p.minWords} words.`,
    params: {
      minWords: {
        label: 'Words',
        unit: 'words',
        integer: true,
        min: 1,
        max: 50,
        step: 1,
        default: 2,
        reason: 'A one-word backchannel ("yeah", "okay") never reaches it; a two-word request ("wait, what") does.',
      },
    },
  }),
  minVolume: define({
    label: 'Minimum loudness',
    describe: (p) => `Interrupt when your speech is louder than ${p.minDbfs} dBFS.`,
    params: {
      /** Loudness (RMS over the speech so far) the user must reach. */
      minDbfs: {
        label: 'Loudness',
        unit: 'dBFS',
        integer: false,
        min: -100,
        max: 0,
        step: 1,
        default: -35,
        reason: "Normal speech at arm's length; background voices are usually quieter.",
      },
    },
  }),
  minDuration: define({
    label: 'Minimum duration',
    describe: (p) => `Interrupt once you have spoken for ${p.minDurationMs} ms.`,
    params: {
      minDurationMs: {
        label: 'Duration',
        unit: 'ms',
        integer: true,
        min: 0,
        max: 10_000,
        step: 50,
        default: 500,
        reason: 'Longer than a cough or a short backchannel.',
      },
    },
  }),
  // Uses the conversation section's acknowledgementPhrases / interruptionPhrases.
  phrases: define({
    label: 'Phrase lists',
    describe: () => '"Always interrupt" phrases stop the agent at once; an utterance of only "never interrupt" phrases never does.',
    params: {},
  }),
  // Words: backchannels in any combination let the agent go on; questions, requests,
  // negations interrupt. The phrase lists of this section come first.
  backchannelModel: define({
    label: 'Backchannel model (words)',
    describe: () =>
      'Your phrase lists first; then a question, a request or "no" interrupts, while backchannels in any combination ("mm-hmm", "that makes sense", "oh wow", "right right right") never do. Needs speech recognition.',
    params: {},
  }),
  // Without words in time (no recognizer, or one that answers after you stop): the voice decides.
  voiceShape: define({
    label: 'Voice length (no words)',
    describe: (p) =>
      `When no words come in time (practice mode, or a recognizer that answers only after you stop): ${p.minSpeechMs} ms of your voice interrupts; shorter sounds (a backchannel, a cough, a laugh) do not. With streaming recognition it only steps in if no words arrive.`,
    params: {
      /** Voice that interrupts without words. */
      minSpeechMs: {
        label: 'Voice',
        unit: 'ms',
        integer: true,
        min: 200,
        max: 10_000,
        step: 50,
        default: 1000,
        reason:
          'On the bench’s tuning set backchannels, laughs and coughs last 140-1110 ms (p90 950 ms) and requests/questions 830-2160 ms (p10 880 ms); 1000 ms keeps nearly every backchannel from stopping the agent while a sentence still stops it within about a second (the agent is paused from 200 ms anyway).',
      },
    },
  }),
};

export type StrategyType = keyof typeof STRATEGIES;
type ParamsOf<T extends StrategyType> = (typeof STRATEGIES)[T]['params'];

/** The one message for a parameter's rule, in the schema and in the engine alike. */
export function paramMessage(p: StrategyParam): string {
  return rangeMessage(p);
}

function paramSchema(p: StrategyParam): z.ZodDefault<z.ZodNumber> {
  const error = paramMessage(p);
  const n = z.number({ error });
  return (p.integer ? n.int({ error }) : n).min(p.min, { error }).max(p.max, { error }).default(p.default);
}

type ParamsSchema<T extends StrategyType> = z.ZodObject<{ [K in keyof ParamsOf<T>]: z.ZodDefault<z.ZodNumber> }, z.core.$strip>;

// Every parameter has a default, so `params` (or any of it) may be left out.
function variant<T extends StrategyType>(type: T): z.ZodObject<{ type: z.ZodLiteral<T>; params: z.ZodPrefault<ParamsSchema<T>> }, z.core.$strip> {
  const params = STRATEGIES[type].params as Record<string, StrategyParam>;
  const shape = Object.fromEntries(Object.entries(params).map(([key, p]) => [key, paramSchema(p)])) as ParamsSchema<T>['shape'];
  return z.object({ type: z.literal(type), params: z.object(shape).prefault({} as z.input<ParamsSchema<T>>) });
}

type Variant = { [T in StrategyType]: ReturnType<typeof variant<T>> }[StrategyType];
const variants = (Object.keys(STRATEGIES) as StrategyType[]).map((type) => variant(type)) as [Variant, ...Variant[]];

/**
 * Interruption strategies, asked in this order on every interim transcript and audio update
 * while the user speaks over the agent; the first that says yes interrupts. An empty list
 * means any speech that lasts `speakingInterruptDurationMs` interrupts.
 */
export const InterruptionStrategySchema = z.discriminatedUnion('type', variants);
export type InterruptionStrategyConfig = z.infer<typeof InterruptionStrategySchema>;

/** Every parameter's default, for a newly added strategy. */
export function strategyDefaults<T extends StrategyType>(type: T): { [K in keyof ParamsOf<T>]: number } {
  const params = STRATEGIES[type].params as Record<string, StrategyParam>;
  return Object.fromEntries(Object.entries(params).map(([key, p]) => [key, p.default])) as { [K in keyof ParamsOf<T>]: number };
}

/** What is wrong with a parameter's value, in the schema's words, or null. */
export function strategyParamProblem<T extends StrategyType>(type: T, key: keyof ParamsOf<T> & string, value: number): string | null {
  const p = (STRATEGIES[type].params as Record<string, StrategyParam>)[key]!;
  return paramSchema(p).safeParse(value).success ? null : `${key}: ${paramMessage(p)}`;
}

/** Units of strategy parameters whose name does not say it (`minWords`), for plain messages. */
export const STRATEGY_PARAM_UNITS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(STRATEGIES).flatMap((d) => Object.entries(d.params as Record<string, StrategyParam>).flatMap(([key, p]) => (p.unit ? [[key, p.unit]] : []))),
);
