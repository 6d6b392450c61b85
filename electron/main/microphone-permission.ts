/**
 * Microphone access before capture. macOS gates the microphone per app (TCC): ask with
 * askForMediaAccess, which shows NSMicrophoneUsageDescription from the packaged Info.plist.
 * Windows has a privacy switch that getMediaAccessStatus reports. Linux has no OS gate;
 * there, a refusal shows up as a capture error (see captureProblem).
 */
import { systemPreferences } from 'electron';
import { IpcFailure, type MicrophonePermission } from '../contract/index.js';
import { permissionFor } from '../services/permissions/microphone-messages.js';

export async function microphonePermission(prompt: boolean, platform: NodeJS.Platform = process.platform): Promise<MicrophonePermission> {
  if (platform === 'darwin') {
    let status = systemPreferences.getMediaAccessStatus('microphone');
    if (status === 'not-determined' && prompt) {
      status = (await systemPreferences.askForMediaAccess('microphone')) ? 'granted' : 'denied';
    }
    return permissionFor(status, platform);
  }
  if (platform === 'win32') return permissionFor(systemPreferences.getMediaAccessStatus('microphone'), platform);
  return { status: 'granted' };
}

/** Call before opening the microphone: asks when undecided, throws a typed error with the fix when refused. */
export async function ensureMicrophoneAccess(platform: NodeJS.Platform = process.platform): Promise<void> {
  const permission = await microphonePermission(true, platform);
  if (permission.status === 'granted') return;
  throw new IpcFailure({ code: 'unavailable', message: `${permission.message} ${permission.fix ?? ''}`.trim() });
}
