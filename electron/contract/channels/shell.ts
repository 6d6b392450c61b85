/**
 * The desktop shell around the agent: global hotkeys, the tray's and hotkeys' action
 * failures, the logs folder and the microphone permission. Main implements these with
 * Electron; the browser twin answers what it can (no global hotkeys, no logs folder).
 */
import { z } from 'zod';
import { defineEvent, defineInvoke } from '../define.js';

export const HOTKEY_ACTIONS = ['interrupt', 'mute', 'pushToTalk'] as const;
export const HotkeyActionSchema = z.enum(HOTKEY_ACTIONS);
export type HotkeyAction = z.infer<typeof HotkeyActionSchema>;

export const HotkeyRegistrationSchema = z.object({
  action: HotkeyActionSchema,
  /** What the settings ask for ('' = none). */
  requested: z.string(),
  /** What is registered with the OS right now ('' = nothing). Differs from `requested` after a failure. */
  active: z.string(),
  /** Why `requested` could not be registered, in words for the person. */
  problem: z.string().optional(),
});
export type HotkeyRegistration = z.infer<typeof HotkeyRegistrationSchema>;

export const HotkeyStatusSchema = z.object({
  /** False in the browser twin: a web page cannot own global shortcuts. */
  supported: z.boolean(),
  registrations: z.array(HotkeyRegistrationSchema),
});
export type HotkeyStatus = z.infer<typeof HotkeyStatusSchema>;

export const ShellActionSchema = z.enum(['interrupt', 'mute', 'pushToTalk', 'startStop']);
export type ShellAction = z.infer<typeof ShellActionSchema>;

export const ShellActionFailedSchema = z.object({
  /** Where the person asked for it. */
  source: z.enum(['hotkey', 'tray']),
  action: ShellActionSchema,
  /** The same message the button would get, e.g. "Failed to send interrupt command: not currently streaming". */
  message: z.string(),
  atMs: z.number(),
});
export type ShellActionFailed = z.infer<typeof ShellActionFailedSchema>;

export const MICROPHONE_ACCESS = ['granted', 'denied', 'restricted', 'not-determined', 'unknown'] as const;

export const MicrophonePermissionSchema = z.object({
  status: z.enum(MICROPHONE_ACCESS),
  /** Set when the status is not 'granted': what happened, for the person. */
  message: z.string().optional(),
  /** How to fix it on this OS. */
  fix: z.string().optional(),
});
export type MicrophonePermission = z.infer<typeof MicrophonePermissionSchema>;

export const LogsFolderSchema = z.object({ path: z.string(), opened: z.boolean() });

export const shellInvokes = {
  'shell:hotkeyStatus': defineInvoke({
    summary: 'Which global hotkeys are registered, and why any could not be.',
    request: z.undefined(),
    response: HotkeyStatusSchema,
  }),
  'shell:openLogsFolder': defineInvoke({
    summary: 'Open the logs folder in the OS file manager; answers its path.',
    request: z.undefined(),
    response: LogsFolderSchema,
  }),
  'shell:choosePath': defineInvoke({
    summary: 'The OS file chooser, for "use a file or folder I already have": answers the chosen path, or null when cancelled.',
    request: z.object({ kind: z.enum(['file', 'folder']), title: z.string().max(200) }).strict(),
    response: z.object({ path: z.string().max(4096).nullable() }),
  }),
  'shell:microphonePermission': defineInvoke({
    summary: 'Microphone access for capture; `prompt` asks the OS (macOS) when not yet decided.',
    request: z.object({ prompt: z.boolean() }).strict(),
    response: MicrophonePermissionSchema,
  }),
} as const;

export const shellEvents = {
  'shell:hotkeyStatus': defineEvent({ summary: 'Hotkey registrations changed, or one failed (the previous one stays).', payload: HotkeyStatusSchema }),
  'shell:actionFailed': defineEvent({ summary: 'A hotkey or tray action failed (e.g. interrupt with no session).', payload: ShellActionFailedSchema }),
} as const;
