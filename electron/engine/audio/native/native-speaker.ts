import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../clock.js';
import { nullLogger, type Logger } from '../../logger.js';
import type { AudioFrame } from '../frame.js';
import { AudioDeviceError, type AudioOutput, type AudioOutputEvents } from '../ports.js';
import { countBufferGlitch, isBufferGlitch, listOutputDevices, loadDecibri, resolveDevice, type Decibri } from './decibri-devices.js';
import { emitDeviceError } from './device-error-emitter.js';

export interface NativeSpeakerOptions {
  clock: Clock;
  deviceId?: string;
  /** 48 kHz: what most devices run at natively, so the OS mixer does not resample again. */
  sampleRate?: number;
  channels?: number;
  /**
   * Time from write() to sound, used for playedMs. 60 ms: bench:audio measures a 30-60 ms
   * write-to-capture round trip through a PulseAudio null sink (an upper bound for the output
   * half); real devices add their own buffer, so tune per platform.
   */
  latencyMs?: number;
  /** 2 s between attempts to reopen a lost device. */
  retryDelayMs?: number;
  logger?: Logger;
  decibri?: Decibri;
}

type Speaker = InstanceType<Decibri['Speaker']>;

/**
 * The speaker through decibri, fed float32 frames at `sampleRate`. A missing or lost device
 * is an `error` event and a retry; frames written while there is no device are counted
 * and logged (`droppedSamples`), not thrown.
 */
export class NativeSpeakerOutput extends EventEmitter<AudioOutputEvents> implements AudioOutput {
  readonly sampleRate: number;
  readonly channels: number;
  readonly latencyMs: number;
  private readonly options: NativeSpeakerOptions & { deviceId: string; retryDelayMs: number; logger: Logger };
  private speaker: Speaker | null = null;
  private decibri: Decibri | null = null;
  private device: { id: string } | number | null = null;
  private retryTimer: TimerHandle | undefined;
  /** The latest device problem, for callers that attach listeners late (cleared when the device works). */
  lastError: AudioDeviceError | null = null;
  private closed = false;
  droppedSamples = 0;
  /** Buffer underruns ridden out (isBufferGlitch): a busy machine, logged, not an error. */
  underruns = 0;

  private constructor(options: NativeSpeakerOptions) {
    super();
    this.options = { deviceId: 'default', retryDelayMs: 2000, logger: nullLogger, ...options };
    this.sampleRate = options.sampleRate ?? 48_000;
    this.channels = options.channels ?? 1;
    this.latencyMs = options.latencyMs ?? 60;
  }

  /** Opens the device; when that fails the output still exists, emits `error` and keeps retrying. */
  static async open(options: NativeSpeakerOptions, onError?: (e: AudioDeviceError) => void): Promise<NativeSpeakerOutput> {
    const out = new NativeSpeakerOutput(options);
    if (onError) out.on('error', onError);
    out.connect();
    return out;
  }

  get connected(): boolean {
    return this.speaker !== null;
  }

  write(frame: AudioFrame): void {
    if (frame.sampleRate !== this.sampleRate || frame.channels !== this.channels) {
      throw new RangeError(
        `NativeSpeakerOutput: frame is ${frame.sampleRate} Hz x${frame.channels}, the device runs at ${this.sampleRate} Hz x${this.channels}.`,
      );
    }
    if (!this.speaker) {
      if (this.droppedSamples === 0) this.options.logger.warn('speaker: no device, dropping audio until it is back');
      this.droppedSamples += frame.data.length;
      return;
    }
    const bytes = Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
    try {
      this.speaker.write(Buffer.from(bytes));
    } catch (err) {
      this.lose(`writing to the speaker failed (${(err as Error).message})`, err);
    }
  }

  /** Drops what the device still holds: stop() discards decibri's buffer, then a fresh stream opens at once. */
  flush(): void {
    if (!this.speaker || !this.decibri) return;
    const old = this.speaker;
    this.speaker = null;
    try {
      old.stop();
    } catch {
      // Discarding a stream that already failed: nothing left to drop.
    }
    this.openStream();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer !== undefined) this.options.clock.clearTimeout(this.retryTimer);
    const s = this.speaker;
    this.speaker = null;
    try {
      s?.stop();
    } catch {
      // Already gone.
    }
  }

  private connect(): void {
    if (this.closed) return;
    try {
      this.decibri = this.options.decibri ?? loadDecibri();
    } catch (err) {
      this.fail('no output device', `the native audio library could not be loaded (${(err as Error).message})`, err);
      return;
    }
    this.device = resolveDevice(this.options.deviceId, listOutputDevices(this.decibri));
    if (this.device === null) {
      const which = this.options.deviceId === 'default' ? 'no default speaker is available' : `speaker "${this.options.deviceId}" is not connected`;
      this.fail('no output device', which);
      return;
    }
    this.openStream();
  }

  private openStream(): void {
    try {
      const speaker = new this.decibri!.Speaker({ sampleRate: this.sampleRate, channels: this.channels, dtype: 'float32', device: this.device! });
      speaker.on('error', (err: Error) => {
        if (this.speaker !== speaker) return;
        if (isBufferGlitch(err)) {
          this.underruns = countBufferGlitch(this.options.logger, 'speaker: buffer underrun, playing on', 'underruns', this.underruns, err);
          return;
        }
        this.lose(`the speaker failed (${err.message})`, err);
      });
      this.speaker = speaker;
      this.lastError = null;
    } catch (err) {
      this.fail('no output device', `the speaker could not be opened (${(err as Error).message})`, err);
    }
  }

  private lose(why: string, cause?: unknown): void {
    const s = this.speaker;
    this.speaker = null;
    try {
      s?.stop();
    } catch {
      // Already gone.
    }
    this.fail('device lost', why, cause);
  }

  private emitError(error: AudioDeviceError): void {
    emitDeviceError(this, error, this.options.clock, () => this.lastError === error);
  }

  private fail(code: 'no output device' | 'device lost', why: string, cause?: unknown): void {
    if (this.closed) return;
    const retryInMs = this.options.retryDelayMs;
    const error = new AudioDeviceError(code, `${why}. Interject tries again every ${retryInMs / 1000} s.`, { willRetry: true, retryInMs, cause });
    this.options.logger.warn('speaker', { code, why });
    this.lastError = error;
    this.emitError(error);
    if (this.retryTimer !== undefined) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, retryInMs);
  }
}
