/**
 * Puts the microphone permission in front of capture: before the microphone opens, ask the
 * OS (macOS) through an injected check; and when opening fails because access was refused
 * (Windows privacy switch, Linux ALSA/PulseAudio, macOS TCC), the device error carries the
 * same words and fix as the permission check. Everything else passes through unchanged.
 */
import { EventEmitter } from 'node:events';
import { AudioDeviceError, type AudioInput, type AudioInputEvents } from '../../engine/audio/ports.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../engine/logger.js';
import type { VoiceIo } from '../voice/voice-io.js';
import { captureProblem, type Platform } from './microphone-messages.js';

export interface PermissionCheckOptions {
  /** Resolves when capture may start; rejects with the reason (and fix) when it may not. */
  ensureAccess(): Promise<void>;
  platform: Platform;
}

export function permissionCheckedVoiceIo(base: VoiceIo, options: PermissionCheckOptions): VoiceIo {
  return {
    description: base.description,
    createInput: (deviceId: string, clock: Clock, logger: Logger) => new PermissionCheckedInput(base.createInput(deviceId, clock, logger), options),
    createOutput: (deviceId, clock, logger) => base.createOutput(deviceId, clock, logger),
    listDevices: () => base.listDevices(),
  };
}

/** A denied-access device error reworded; any other error as it was. */
export function withPermissionWording(error: AudioDeviceError, platform: Platform): AudioDeviceError {
  const problem = captureProblem(error.cause ?? error, platform);
  if (problem.kind !== 'permission-denied') return error;
  return new AudioDeviceError(error.code, `${problem.message} ${problem.fix}`, { willRetry: error.willRetry, retryInMs: error.retryInMs, cause: error });
}

class PermissionCheckedInput extends EventEmitter<AudioInputEvents> implements AudioInput {
  constructor(
    private readonly inner: AudioInput,
    private readonly options: PermissionCheckOptions,
  ) {
    super();
    inner.on('frame', (frame) => this.emit('frame', frame));
    inner.on('end', () => this.emit('end'));
    inner.on('error', (error) => this.emitError(withPermissionWording(error, options.platform)));
  }

  get sampleRate(): number {
    return this.inner.sampleRate;
  }

  get channels(): number {
    return this.inner.channels;
  }

  get running(): boolean {
    return this.inner.running;
  }

  async start(): Promise<void> {
    await this.options.ensureAccess();
    await this.inner.start();
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  /** An 'error' nobody listens to would throw; wait a tick for the listener, as the inner input does. */
  private emitError(error: AudioDeviceError): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
    else setImmediate(() => this.listenerCount('error') > 0 && this.emit('error', error));
  }
}
