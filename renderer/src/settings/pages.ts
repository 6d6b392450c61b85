/**
 * The settings panel's pages: how the schema's fields are grouped for a person (which is not
 * how they are stored). Every field of the schema appears exactly once: a field no page names
 * lands in Advanced automatically, so a new schema field is never hidden.
 */
import { SETTINGS_SECTIONS, settingsSections, type SettingsSection } from '../../../electron/contract/index';
import type { IconName } from '../components/icon-paths';

/** "section.key", e.g. "vad.speechThreshold". */
export type FieldPath = `${SettingsSection}.${string}`;

export interface PageGroup {
  title?: string;
  description?: string;
  fields: FieldPath[];
  /** A Test button for this provider, under its fields. */
  test?: 'stt' | 'llm' | 'tts';
}

export interface SettingsPage {
  id: string;
  title: string;
  description: string;
  icon: IconName;
  groups: PageGroup[];
  /** Extra content the page shows besides fields. */
  extras?: Array<'apiKeys' | 'hotkeyStatus' | 'logs' | 'models' | 'bargeInRules'>;
}

const PAGES: SettingsPage[] = [
  {
    id: 'conversation',
    title: 'Conversation',
    description: 'Whether you can cut the agent off by speaking, and how quickly it reacts.',
    icon: 'chat',
    groups: [
      { fields: ['conversation.interruptions', 'conversation.whenOff'] },
      {
        title: 'When you speak over the agent',
        fields: [
          'conversation.speakingInterruptDurationMs',
          'conversation.duckDb',
          'conversation.falseInterruptionTimeoutMs',
          'conversation.interruptDurationMs',
        ],
      },
    ],
    extras: ['bargeInRules'],
  },
  {
    id: 'strategies',
    title: 'Interruption strategies',
    description: 'What must be true before your speech stops the agent. Asked in order; the first that agrees interrupts.',
    icon: 'hand',
    groups: [
      { fields: ['conversation.strategies'] },
      { title: 'Phrases', fields: ['conversation.interruptionPhrases', 'conversation.acknowledgementPhrases'] },
    ],
    extras: ['bargeInRules'],
  },
  {
    id: 'vad',
    title: 'Voice activity',
    description: 'How Interject tells speech from silence and noise.',
    icon: 'wave',
    groups: [{ fields: ['vad.speechThreshold', 'vad.releaseThreshold', 'vad.tentativeThreshold', 'vad.minSpeechMs', 'vad.silenceMs', 'vad.prefixPaddingMs'] }],
  },
  {
    id: 'endOfTurn',
    title: 'End of turn',
    description: 'When Interject decides you have finished speaking.',
    icon: 'pause',
    groups: [
      {
        fields: [
          'conversation.eagerness',
          'conversation.silenceDurationMs',
          'conversation.semanticEndOfTurn',
          'conversation.maxWaitMs',
          'conversation.holdWords',
          'conversation.preemptiveGeneration',
        ],
      },
    ],
  },
  {
    id: 'audio',
    title: 'Audio',
    description: 'Microphone and speakers, and keeping the agent from hearing itself.',
    icon: 'speaker',
    groups: [{ fields: ['audio.inputDeviceId', 'audio.outputDeviceId', 'audio.echoCancellation', 'conversation.echoGuard'] }],
  },
  {
    id: 'providers',
    title: 'Voices and providers',
    description: 'Who speaks, who listens and who answers. Local choices work offline with no account.',
    icon: 'key',
    groups: [
      // The order of a conversation: what listens, what answers, what speaks.
      { title: 'Speech recognition', fields: ['providers.sttProvider', 'providers.sttEndpoint', 'providers.sttModel', 'providers.sttLanguage'], test: 'stt' },
      {
        title: 'Language model',
        fields: ['providers.llmProvider', 'providers.llmEndpoint', 'providers.llmModel', 'providers.llmMaxTokens', 'providers.llmThreads'],
        test: 'llm',
      },
      { title: 'Voice (speech synthesis)', fields: ['tts.provider', 'tts.endpointUrl', 'tts.voice', 'tts.sampleRate', 'tts.wordTimestamps'], test: 'tts' },
    ],
    extras: ['apiKeys', 'models'],
  },
  {
    id: 'hotkeys',
    title: 'Hotkeys',
    description: 'Global shortcuts that work from any application.',
    icon: 'keyboard',
    groups: [{ fields: ['hotkeys.interrupt', 'hotkeys.mute', 'hotkeys.pushToTalk'] }],
    extras: ['hotkeyStatus'],
  },
  {
    id: 'history',
    title: 'History',
    description: 'Conversations are saved on this computer as you talk, so you can find, export and continue them.',
    icon: 'clock',
    groups: [{ fields: ['history.enabled', 'history.folder', 'history.keepDays'] }],
  },
  {
    id: 'appearance',
    title: 'Appearance',
    description: 'How Interject looks and what closing the window does.',
    icon: 'moon',
    groups: [{ fields: ['appearance.theme', 'app.closeToTray'] }],
  },
  {
    id: 'advanced',
    title: 'Advanced',
    description: 'Timeouts and fine tuning. The defaults suit almost everyone.',
    icon: 'sliders',
    groups: [
      { title: 'Timeouts', fields: ['tts.cancelQuietTimeoutMs', 'conversation.duckRampMs'] },
      { title: 'Echo guard', fields: ['conversation.echoMarginDb', 'conversation.echoMaxDelayMs'] },
    ],
    extras: ['logs'],
  },
];

function schemaFieldPaths(): FieldPath[] {
  return SETTINGS_SECTIONS.flatMap((section) => Object.keys(settingsSections[section].shape).map((key) => `${section}.${key}` as FieldPath));
}

/** The pages, with fields the schema no longer has dropped and unplaced schema fields added to Advanced. */
export function settingsPages(): SettingsPage[] {
  const all = schemaFieldPaths();
  const exists = new Set(all);
  const pages = PAGES.map((page) => ({
    ...page,
    groups: page.groups.map((g) => ({ ...g, fields: g.fields.filter((f) => exists.has(f)) })).filter((g) => g.fields.length > 0),
  }));
  const placed = new Set(pages.flatMap((p) => p.groups.flatMap((g) => g.fields)));
  const unplaced = all.filter((f) => !placed.has(f));
  if (unplaced.length > 0) pages.find((p) => p.id === 'advanced')!.groups.push({ title: 'Other', fields: unplaced });
  return pages;
}

export function pageFields(page: SettingsPage): FieldPath[] {
  return page.groups.flatMap((g) => g.fields);
}

export function splitPath(path: FieldPath): { section: SettingsSection; key: string } {
  const dot = path.indexOf('.');
  return { section: path.slice(0, dot) as SettingsSection, key: path.slice(dot + 1) };
}
