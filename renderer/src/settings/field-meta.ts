/**
 * Human words for the schema's fields: label, help, unit. A field with no entry still shows
 * (with its key as label) so nothing in the schema is ever hidden. Provider names come from
 * the contract's provider registries.
 */
import { providerOptionLabels, STRATEGIES, type StrategyParam } from '../../../electron/contract/index';

export interface FieldMeta {
  label: string;
  help?: string;
  unit?: string;
  step?: number;
  /** Overrides the control picked from the schema type. */
  control?: 'slider' | 'accelerator' | 'device' | 'voice';
  /** Labels for enum options. */
  optionLabels?: Record<string, string>;
  /** Placeholder for text inputs (e.g. what empty means). */
  placeholder?: string;
}

const SEND_EMPTY = 'Empty: the provider’s usual address.';

export const fieldMeta: Record<string, FieldMeta> = {
  'history.enabled': {
    label: 'Save conversations',
    help: 'Each conversation is saved on this computer as it happens. Off: nothing new is saved; saved ones stay.',
  },
  'history.folder': { label: 'History folder', placeholder: 'The app’s data folder', help: 'A full folder path. Empty: the app’s own data folder.' },
  'history.keepDays': {
    label: 'Keep conversations for',
    unit: 'days',
    step: 1,
    help: '0 keeps them until you delete them. Older ones are deleted when the app starts.',
  },
  'appearance.theme': { label: 'Theme', optionLabels: { system: 'Match system', light: 'Light', dark: 'Dark' } },
  'app.closeToTray': {
    label: 'Keep running in the tray when the window closes',
    help: 'So the interrupt hotkey keeps working. Off: closing the window quits.',
  },
  'hotkeys.interrupt': { label: 'Interrupt the agent', control: 'accelerator', help: 'Stops the agent at once, from any application.' },
  'hotkeys.mute': { label: 'Mute microphone', control: 'accelerator', help: 'Leave empty for none.' },
  'hotkeys.pushToTalk': { label: 'Push to talk', control: 'accelerator', help: 'Hold to talk while interruptions are off. Leave empty for none.' },
  'audio.inputDeviceId': { label: 'Microphone', control: 'device' },
  'audio.outputDeviceId': { label: 'Speakers', control: 'device' },
  'vad.speechThreshold': { label: 'Speech threshold', control: 'slider', step: 0.01, help: 'Higher ignores more noise but may miss soft speech.' },
  'vad.releaseThreshold': { label: 'Release threshold', control: 'slider', step: 0.01, help: 'Speech continues until the probability falls below this.' },
  'vad.tentativeThreshold': {
    label: 'Early duck threshold',
    control: 'slider',
    step: 0.01,
    help: 'Turns the agent down as soon as speech looks likely; set it equal to the speech threshold to wait for certain speech.',
  },
  'vad.minSpeechMs': { label: 'Shortest speech', unit: 'ms', step: 16, help: 'Shorter sounds (taps, clicks) are ignored.' },
  'vad.silenceMs': { label: 'Pause that ends speech', unit: 'ms', step: 16 },
  'vad.prefixPaddingMs': { label: 'Audio kept before speech', unit: 'ms', step: 20, help: 'So the first syllable is not cut off.' },
  'conversation.interruptions': {
    label: 'Interruptions',
    optionLabels: { on: 'On: speaking over the agent can stop it', off: 'Off: the agent always finishes' },
  },
  'conversation.whenOff': { label: 'When interruptions are off, what you say', optionLabels: { ignore: 'is ignored', append: 'is kept for the next turn' } },
  'conversation.speakingInterruptDurationMs': {
    label: 'Speech before the agent pauses',
    unit: 'ms',
    step: 10,
    help: 'The agent is turned down at once and paused after this much speech; nothing is lost if it was a false alarm.',
  },
  'conversation.interruptDurationMs': { label: 'Speech before your turn starts', unit: 'ms', step: 10, help: 'While the agent is silent.' },
  'conversation.falseInterruptionTimeoutMs': {
    label: 'Resume after a false alarm',
    unit: 'ms',
    step: 100,
    help: 'Quiet needed before a paused agent carries on.',
  },
  'conversation.duckDb': {
    label: 'Agent volume while you speak',
    unit: 'dB',
    step: 1,
    help: 'The agent gets this much quieter as soon as you start speaking, so you can tell you are heard. 0 dB: no change.',
  },
  'conversation.duckRampMs': { label: 'Turn-down fade', unit: 'ms', step: 5, help: 'Fast enough to feel instant, slow enough not to click.' },
  'conversation.eagerness': {
    label: 'How soon the agent answers',
    optionLabels: { patient: 'Patient: waits 0.8 s (5 s after "and…")', normal: 'Normal: the two values below', eager: 'Eager: 0.3 s (1.5 s after "and…")' },
    help: 'Patient suits thinking aloud; eager suits quick back-and-forth.',
  },
  'conversation.silenceDurationMs': { label: 'Silence that ends your turn', unit: 'ms', step: 10, help: 'Used when "How soon" is Normal.' },
  'conversation.maxWaitMs': { label: 'Longest wait for you to go on', unit: 'ms', step: 100, help: 'When you trail off ("and…", "um…").' },
  'conversation.preemptiveGeneration': {
    label: 'Start answering early',
    help: 'The agent prepares its answer while waiting for the silence; if you go on, the answer is dropped unheard.',
  },
  'conversation.semanticEndOfTurn': { label: 'Wait when you trail off', help: 'A pause after a word like "and" or "um" does not end your turn.' },
  'conversation.holdWords': { label: 'Trailing words that mean "not done"', help: 'Your turn waits longer when you pause after one of these.' },
  'conversation.strategies': { label: 'Strategies, in order' },
  'conversation.interruptionPhrases': { label: 'Always interrupt on', help: 'Saying one of these stops the agent at its first word.' },
  'conversation.acknowledgementPhrases': { label: 'Never interrupt on', help: 'Backchannels: saying only these lets the agent carry on.' },
  'audio.echoCancellation': {
    label: 'Echo cancellation',
    help: 'Removes the agent’s own voice from your microphone, so you can interrupt it over loud laptop speakers and recognition hears only you. With headphones it finds no echo and leaves the microphone exactly as it is, so it is safe to keep on.',
  },
  'conversation.echoGuard': {
    label: 'Ignore the agent’s own voice',
    help: 'Compares the microphone with what is playing so the speakers cannot interrupt the agent. Keep on without headphones.',
  },
  'conversation.echoMarginDb': { label: 'Echo margin', unit: 'dB', step: 1, help: 'How much louder than the expected echo your voice must be.' },
  'conversation.echoMaxDelayMs': { label: 'Longest echo delay', unit: 'ms', step: 10, help: 'Speaker and microphone buffering plus the room.' },
  'tts.provider': { label: 'Voice provider', optionLabels: providerOptionLabels('tts') },
  'tts.voice': {
    label: 'Voice',
    control: 'voice',
    help: 'The voices the provider lists. Typed ids: KugelAudio a number such as 1071; built-in slt, awb, rms, kal16, or a downloaded natural voice as id:speaker (e.g. tts-kokoro-int8-en-v0_19:bm_george).',
  },
  'tts.endpointUrl': {
    label: 'Server address',
    placeholder: 'wss://…',
    help: 'Empty: the provider’s own server (KugelAudio: wss://api.kugelaudio.com; or the built-in one). Set it for a self-hosted server.',
  },
  'tts.sampleRate': { label: 'Sample rate', unit: 'Hz', step: 1000 },
  'tts.wordTimestamps': { label: 'Word timings', help: 'Lets the transcript show exactly what you heard when you interrupt.' },
  'tts.cancelQuietTimeoutMs': {
    label: 'Wait for the voice server to stop',
    unit: 'ms',
    step: 10,
    help: 'After an interruption. Playback is already silent; this only bounds bookkeeping.',
  },
  'providers.sttProvider': { label: 'Recognizer', optionLabels: providerOptionLabels('stt') },
  'providers.sttEndpoint': { label: 'Server address', placeholder: 'https://…', help: SEND_EMPTY },
  'providers.sttModel': { label: 'Model', placeholder: 'Default', help: 'Empty: the provider’s default model.' },
  'providers.sttLanguage': { label: 'Language', help: 'A code such as "en" or "en-GB".' },
  'providers.llmProvider': { label: 'Language model', optionLabels: providerOptionLabels('llm') },
  'providers.llmEndpoint': { label: 'Server address', placeholder: 'http://127.0.0.1:11434/v1', help: 'Up to the version, e.g. /v1. ' + SEND_EMPTY },
  'providers.llmModel': {
    label: 'Model',
    placeholder: 'First listed',
    help: 'Empty: the first model the server lists. Test the language model to choose from its list.',
  },
  'providers.llmMaxTokens': { label: 'Longest answer', unit: 'tokens', step: 50, help: 'About 200 tokens a minute of speech.' },
  'providers.llmThreads': { label: 'Built-in model threads', step: 1, help: '0 = automatic.' },
};

export function metaFor(section: string, key: string): FieldMeta {
  return fieldMeta[`${section}.${key}`] ?? { label: key };
}

/** The interruption strategy variants in words, with the parameters a new one starts with. */
export interface StrategyMeta {
  label: string;
  describe: (params: Record<string, unknown>) => string;
  defaults: Record<string, unknown>;
  params?: Record<string, { label: string; unit?: string; step?: number }>;
}

/** Read from the strategy registry (contract/settings/strategies.ts); a unit the label already says is not repeated. */
export const strategyMeta: Record<string, StrategyMeta> = Object.fromEntries(
  Object.entries(STRATEGIES).map(([type, d]): [string, StrategyMeta] => {
    const params = Object.entries(d.params as Record<string, StrategyParam>);
    return [
      type,
      {
        label: d.label,
        describe: (values) =>
          (d.describe as (p: Record<string, string>) => string)(Object.fromEntries(params.map(([key]) => [key, String(values[key] ?? '?')]))),
        defaults: Object.fromEntries(params.map(([key, p]) => [key, p.default])),
        params: Object.fromEntries(
          params.map(([key, p]) => [key, { label: p.label, step: p.step, unit: p.unit && p.unit !== p.label.toLowerCase() ? p.unit : undefined }]),
        ),
      },
    ];
  }),
);
