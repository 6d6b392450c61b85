import { describe, expect, it } from 'vitest';
import { captureProblem, DENIED_MESSAGE, permissionFor } from '../../../electron/services/permissions/microphone-messages.js';

/** decibri's errors carry a stable `code` next to the OS text. */
function decibriError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe('capture errors mapped to the permission messages', () => {
  it("decibri's PERMISSION_DENIED gets the same words as macOS's refusal", () => {
    const problem = captureProblem(decibriError('Microphone permission denied.', 'PERMISSION_DENIED'), 'darwin');
    expect(problem.kind).toBe('permission-denied');
    expect(problem.message).toBe(DENIED_MESSAGE);
    expect(problem.fix).toBe(permissionFor('denied', 'darwin').fix);
  });

  it('Windows: WASAPI access denied (privacy switch off) points to the Windows setting', () => {
    const problem = captureProblem(
      decibriError('Failed to open audio stream: A backend-specific error has occurred: 0x80070005 Access is denied.', 'STREAM_OPEN_FAILED'),
      'win32',
    );
    expect(problem).toMatchObject({ kind: 'permission-denied', message: DENIED_MESSAGE, fix: expect.stringContaining('Privacy & security > Microphone') });
  });

  it('Linux: ALSA / PulseAudio permission errors point to the audio group and sandbox permissions', () => {
    for (const text of ['ALSA function snd_pcm_open failed with error: EACCES: Permission denied', 'PulseAudio: Access denied']) {
      const problem = captureProblem(decibriError(`Failed to open audio stream: ${text}`, 'STREAM_OPEN_FAILED'), 'linux');
      expect(problem).toMatchObject({ kind: 'permission-denied', message: DENIED_MESSAGE, fix: expect.stringContaining('audio') });
    }
  });

  it('no microphone connected', () => {
    expect(captureProblem(decibriError('No microphone found.', 'NO_MICROPHONE_FOUND'), 'linux')).toMatchObject({
      kind: 'no-microphone',
      message: 'No microphone was found.',
    });
  });

  it('a microphone held exclusively by another application', () => {
    expect(captureProblem(decibriError('Failed to open audio stream: Device or resource busy', 'STREAM_OPEN_FAILED'), 'linux').kind).toBe('device-busy');
    expect(captureProblem(decibriError('Failed to open audio stream: AUDCLNT_E_DEVICE_IN_USE', 'STREAM_OPEN_FAILED'), 'win32').kind).toBe('device-busy');
  });

  it('anything else is a device failure that keeps the library detail for the logs', () => {
    const problem = captureProblem('decibri: audio device error: underrun', 'linux');
    expect(problem).toMatchObject({ kind: 'device-failed', detail: 'decibri: audio device error: underrun' });
  });
});
