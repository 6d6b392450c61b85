import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { IpcFailure } from '../../../electron/contract/index.js';
import { AudioDeviceError, type AudioInput, type AudioInputEvents } from '../../../electron/engine/audio/ports.js';
import { systemClock } from '../../../electron/engine/clock.js';
import { nullLogger } from '../../../electron/engine/logger.js';
import { DENIED_MESSAGE } from '../../../electron/services/permissions/microphone-messages.js';
import { permissionCheckedVoiceIo } from '../../../electron/services/permissions/permission-checked-voice-io.js';
import type { VoiceIo } from '../../../electron/services/voice/voice-io.js';

/** A microphone stand-in that fails to open the way decibri reports it. */
class FakeMic extends EventEmitter<AudioInputEvents> implements AudioInput {
  readonly sampleRate = 16000;
  readonly channels = 1;
  running = false;
  constructor(private readonly openError?: Error) {
    super();
  }
  async start(): Promise<void> {
    if (this.openError) {
      this.emit('error', new AudioDeviceError('no input device', `the microphone could not be opened (${this.openError.message})`, { cause: this.openError }));
      return;
    }
    this.running = true;
  }
  async stop(): Promise<void> {
    this.running = false;
  }
}

function io(mic: FakeMic): VoiceIo {
  return {
    description: 'fake',
    createInput: () => mic,
    createOutput: async () => {
      throw new Error('unused');
    },
    listDevices: () => ({ inputs: [], outputs: [] }),
  };
}

const decibriError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('permission-checked microphone', () => {
  it('asks for access before opening the microphone', async () => {
    const order: string[] = [];
    const mic = new FakeMic();
    const checked = permissionCheckedVoiceIo(io(mic), { platform: 'darwin', ensureAccess: async () => void order.push('ask') });
    const input = checked.createInput('default', systemClock, nullLogger);
    await input.start();
    order.push(mic.running ? 'opened' : 'not opened');
    expect(order).toEqual(['ask', 'opened']);
  });

  it('does not open the microphone when access is refused, and says how to fix it', async () => {
    const mic = new FakeMic();
    const refused = new IpcFailure({ code: 'unavailable', message: `${DENIED_MESSAGE} Open System Settings > Privacy & Security > Microphone.` });
    const input = permissionCheckedVoiceIo(io(mic), { platform: 'darwin', ensureAccess: () => Promise.reject(refused) }).createInput(
      'default',
      systemClock,
      nullLogger,
    );
    await expect(input.start()).rejects.toBe(refused);
    expect(mic.running).toBe(false);
  });

  it('Windows: an access-denied open error gets the permission words and the Windows fix', async () => {
    const mic = new FakeMic(decibriError('Failed to open audio stream: 0x80070005 Access is denied.', 'STREAM_OPEN_FAILED'));
    const input = permissionCheckedVoiceIo(io(mic), { platform: 'win32', ensureAccess: async () => {} }).createInput('default', systemClock, nullLogger);
    const errors: AudioDeviceError[] = [];
    input.on('error', (e) => errors.push(e));
    await input.start();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('no input device');
    expect(errors[0]!.message).toMatch(/^no input device: Interject is not allowed to use the microphone\. Open Settings > Privacy & security > Microphone/);
  });

  it('Linux: decibri PERMISSION_DENIED gets the same words', async () => {
    const mic = new FakeMic(decibriError('Microphone permission denied.', 'PERMISSION_DENIED'));
    const input = permissionCheckedVoiceIo(io(mic), { platform: 'linux', ensureAccess: async () => {} }).createInput('default', systemClock, nullLogger);
    const errors: AudioDeviceError[] = [];
    input.on('error', (e) => errors.push(e));
    await input.start();
    expect(errors[0]!.message).toContain(DENIED_MESSAGE);
  });

  it('passes other device errors through unchanged', async () => {
    const mic = new FakeMic(decibriError('No microphone found.', 'NO_MICROPHONE_FOUND'));
    const input = permissionCheckedVoiceIo(io(mic), { platform: 'linux', ensureAccess: async () => {} }).createInput('default', systemClock, nullLogger);
    const errors: AudioDeviceError[] = [];
    input.on('error', (e) => errors.push(e));
    await input.start();
    expect(errors[0]!.message).toBe('no input device: the microphone could not be opened (No microphone found.)');
  });
});
