/**
 * Human words for the schema's fields: label, help, unit. A field with no entry still shows
 * (with its key as label) so nothing in the schema is ever hidden.
 */
export interface FieldMeta {
  label: string;
  help?: string;
  unit?: string;
  step?: number;
  /** Overrides the control picked from the schema type. */
  control?: 'slider' | 'accelerator' | 'device';
  /** Labels for enum options. */
  optionLabels?: Record<string, string>;
}

export interface SectionMeta {
  title: string;
  description: string;
}

export const sectionMeta: Record<string, SectionMeta> = {
  conversation: { title: 'Conversation', description: 'When you may cut the agent off, and how long it waits for you.' },
  vad: { title: 'Voice activity', description: 'How Interject tells speech from silence and noise.' },
  audio: { title: 'Audio', description: 'Microphone and speakers.' },
  hotkeys: { title: 'Hotkeys', description: 'Global shortcuts that work from any application.' },
  appearance: { title: 'Appearance', description: 'How Interject looks.' },
};

export const fieldMeta: Record<string, FieldMeta> = {
  'appearance.theme': { label: 'Theme', optionLabels: { system: 'Match system', light: 'Light', dark: 'Dark' } },
  'hotkeys.interrupt': { label: 'Interrupt the agent', control: 'accelerator', help: 'Stops the agent at once, from any application.' },
  'hotkeys.mute': { label: 'Mute microphone', control: 'accelerator', help: 'Leave empty for none.' },
  'hotkeys.pushToTalk': { label: 'Push to talk', control: 'accelerator', help: 'Hold to talk while interruptions are off. Leave empty for none.' },
  'audio.inputDeviceId': { label: 'Microphone', control: 'device' },
  'audio.outputDeviceId': { label: 'Speakers', control: 'device' },
  'vad.speechThreshold': { label: 'Speech threshold', control: 'slider', step: 0.01, help: 'Higher ignores more noise but may miss soft speech.' },
  'vad.releaseThreshold': { label: 'Release threshold', control: 'slider', step: 0.01, help: 'Speech continues until the probability falls below this.' },
  'vad.minSpeechMs': { label: 'Shortest speech', unit: 'ms', step: 16, help: 'Shorter sounds (taps, clicks) are ignored.' },
  'vad.silenceMs': { label: 'Pause that ends speech', unit: 'ms', step: 16 },
  'vad.prefixPaddingMs': { label: 'Audio kept before speech', unit: 'ms', step: 20, help: 'So the first syllable is not cut off.' },
  'conversation.interruptions': { label: 'Interruptions', optionLabels: { on: 'On: speaking over the agent can stop it', off: 'Off: the agent always finishes' } },
  'conversation.whenOff': { label: 'When interruptions are off, what you say', optionLabels: { ignore: 'is ignored', append: 'is kept for the next turn' } },
  'conversation.speakingInterruptDurationMs': { label: 'Speech before the agent pauses', unit: 'ms', step: 10, help: 'While the agent speaks. It is turned down at once and paused after this much speech.' },
  'conversation.interruptDurationMs': { label: 'Speech before a turn starts', unit: 'ms', step: 10, help: 'While the agent is silent.' },
  'conversation.falseInterruptionTimeoutMs': { label: 'Resume after a false alarm', unit: 'ms', step: 100 },
  'conversation.silenceDurationMs': { label: 'Silence that ends your turn', unit: 'ms', step: 10 },
  'conversation.maxWaitMs': { label: 'Longest wait for you to go on', unit: 'ms', step: 100, help: 'When you trail off ("and…", "um…").' },
};

export function metaFor(section: string, key: string): FieldMeta {
  return fieldMeta[`${section}.${key}`] ?? { label: key };
}
