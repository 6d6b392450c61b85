/**
 * One set of words for "Interject cannot use the microphone", whichever way we learn it:
 * macOS answers through its permission API, Windows and Linux only through the capture
 * library's error when the microphone is opened. Each message comes with how to fix it on
 * that OS.
 */
import type { MicrophonePermission } from '../../contract/index.js';

export type Platform = 'darwin' | 'win32' | 'linux' | string;
export type MicrophoneAccess = MicrophonePermission['status'];

export const DENIED_MESSAGE = 'Interject is not allowed to use the microphone.';

const DENIED_FIX: Record<string, string> = {
  darwin: 'Open System Settings > Privacy & Security > Microphone, turn on Interject, then restart Interject.',
  win32: 'Open Settings > Privacy & security > Microphone, turn on "Microphone access" and "Let desktop apps access your microphone", then try again.',
  linux:
    'Make sure PipeWire or PulseAudio is running and your user may use audio devices (the "audio" group); for Snap run "snap connect interject:audio-record", for Flatpak allow the microphone in Flatseal. Then try again.',
};

/** The permission answer for an OS status (macOS / Windows `getMediaAccessStatus`). */
export function permissionFor(status: MicrophoneAccess, platform: Platform): MicrophonePermission {
  switch (status) {
    case 'granted':
      return { status };
    case 'denied':
      return { status, message: DENIED_MESSAGE, fix: deniedFix(platform) };
    case 'restricted':
      return {
        status,
        message: 'Microphone access is restricted on this computer by a management profile or parental controls.',
        fix: "Ask the computer's administrator to allow microphone access for Interject.",
      };
    case 'not-determined':
      return {
        status,
        message: 'Interject has not been given microphone access yet.',
        fix: 'Start a session; the system will ask you to allow the microphone.',
      };
    case 'unknown':
      return { status, message: 'The system did not say whether Interject may use the microphone.', fix: deniedFix(platform) };
  }
}

export type CaptureProblemKind = 'permission-denied' | 'no-microphone' | 'device-busy' | 'device-failed';

export interface CaptureProblem {
  kind: CaptureProblemKind;
  message: string;
  fix: string;
  /** The library's own words, for the logs. */
  detail: string;
}

/**
 * Maps an error from opening the microphone (decibri's `code`s, and the OS texts underneath:
 * WASAPI's E_ACCESSDENIED, ALSA/PulseAudio's EACCES and "Access denied") to a problem the
 * person can act on. Denied access gets exactly the words macOS's permission check gives.
 */
export function captureProblem(error: unknown, platform: Platform): CaptureProblem {
  const detail = error instanceof Error ? error.message : String(error);
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const text = `${code} ${detail}`;
  if (code === 'PERMISSION_DENIED' || /access is denied|access denied|permission denied|e_accessdenied|0x80070005|eacces|not permitted/i.test(text)) {
    return { kind: 'permission-denied', message: DENIED_MESSAGE, fix: deniedFix(platform), detail };
  }
  if (
    ['NO_MICROPHONE_FOUND', 'MICROPHONE_NOT_FOUND', 'NOT_AN_INPUT_DEVICE'].includes(code) ||
    /no (microphone|input device)|device not found|no such device|enodev|audclnt_e_device_invalidated/i.test(text)
  ) {
    return { kind: 'no-microphone', message: 'No microphone was found.', fix: 'Connect a microphone, or choose another input in Settings > Audio.', detail };
  }
  if (/busy|in use|exclusive|audclnt_e_device_in_use|ebusy/i.test(text)) {
    return {
      kind: 'device-busy',
      message: 'The microphone is in use by another application.',
      fix: 'Close the other application, or choose another input in Settings > Audio.',
      detail,
    };
  }
  return {
    kind: 'device-failed',
    message: 'The microphone could not be opened.',
    fix: 'Check the input in Settings > Audio, unplug and reconnect the microphone, then try again.',
    detail,
  };
}

function deniedFix(platform: Platform): string {
  return DENIED_FIX[platform] ?? DENIED_FIX['linux']!;
}
