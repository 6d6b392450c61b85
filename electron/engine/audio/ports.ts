import type { EventEmitter } from 'node:events';
import type { AudioFrame } from './frame.js';

/**
 * A device or file failure, as an event rather than a throw so a lost microphone never
 * takes the app down. `code` is stable for the UI; `message` names the problem.
 */
export type AudioErrorCode = 'no input device' | 'no output device' | 'device lost' | 'device failed' | 'bad file';

export class AudioDeviceError extends Error {
  readonly code: AudioErrorCode;
  /** True when the adapter will try again by itself (see `retryInMs`). */
  readonly willRetry: boolean;
  readonly retryInMs: number | null;

  constructor(code: AudioErrorCode, message: string, options: { willRetry?: boolean; retryInMs?: number | null; cause?: unknown } = {}) {
    super(`${code}: ${message}`, { cause: options.cause });
    this.name = 'AudioDeviceError';
    this.code = code;
    this.willRetry = options.willRetry ?? false;
    this.retryInMs = options.retryInMs ?? null;
  }
}

export interface AudioDeviceInfo {
  /** Stable id to store in settings; "default" means the OS default device. */
  id: string;
  name: string;
  isDefault: boolean;
  defaultSampleRate: number;
  maxChannels: number;
}

export type AudioInputEvents = {
  /** Captured audio at the input's `sampleRate`/`channels`, timestamped with the engine clock. */
  frame: [AudioFrame];
  error: [AudioDeviceError];
  /** The input reached its end (files) or was stopped. */
  end: [];
};

/** Where audio comes from: a microphone, a WAV file, or code (push input). */
export interface AudioInput extends EventEmitter<AudioInputEvents> {
  readonly sampleRate: number;
  readonly channels: number;
  readonly running: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type AudioOutputEvents = {
  error: [AudioDeviceError];
};

/** Where audio goes: a speaker, a recording sink (tests, benchmarks) or nowhere. */
export interface AudioOutput extends EventEmitter<AudioOutputEvents> {
  readonly sampleRate: number;
  readonly channels: number;
  /** Estimate of the time between handing a sample to `write` and it being heard. */
  readonly latencyMs: number;
  /**
   * False while no device takes the audio (none connected, or lost and being retried): what is
   * written then is dropped, never heard. Absent: the output always takes it.
   */
  readonly connected?: boolean;
  /** Hands one frame (at `sampleRate`/`channels`) to the device. Never throws for device trouble: emits `error`. */
  write(frame: AudioFrame): void;
  /** Drops audio already handed over but not yet played, where the device allows it (barge-in). */
  flush(): void;
  close(): Promise<void>;
}
