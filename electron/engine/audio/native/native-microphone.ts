import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../clock.js';
import { nullLogger, type Logger } from '../../logger.js';
import { ENGINE_SAMPLE_RATE } from '../frame.js';
import { AudioDeviceError, type AudioInput, type AudioInputEvents } from '../ports.js';
import { countBufferGlitch, isBufferGlitch, listInputDevices, loadDecibri, resolveDevice, type Decibri } from './decibri-devices.js';
import { emitDeviceError } from './device-error-emitter.js';

export interface NativeMicrophoneOptions {
  clock: Clock;
  /** Settings device id; "default" follows the OS default. */
  deviceId?: string;
  /** 20 ms frames, the engine frame (docs/architecture.md). */
  frameMs?: number;
  /** 2 s between attempts to reopen: quick enough to catch a replugged headset, slow enough not to spin. */
  retryDelayMs?: number;
  /** No audio for this long while running means the device is gone (some backends just go quiet). */
  stallTimeoutMs?: number;
  logger?: Logger;
  decibri?: Decibri;
}

type Mic = InstanceType<Decibri['Microphone']>;

/** Arrival jitter on a busy event loop stays well under this; beyond it audio was lost. */
const MAX_CAPTURE_DRIFT_MS = 500;

/**
 * The microphone through decibri, delivering 16 kHz mono float frames (decibri converts
 * from the device's native rate). A missing or lost device is an `error` event and a retry
 * every `retryDelayMs`, never a throw and never a crash.
 */
export class NativeMicrophoneInput extends EventEmitter<AudioInputEvents> implements AudioInput {
  readonly sampleRate = ENGINE_SAMPLE_RATE;
  readonly channels = 1;
  private readonly options: Required<Omit<NativeMicrophoneOptions, 'decibri'>> & { decibri?: Decibri };
  private mic: Mic | null = null;
  private wanted = false;
  private retryTimer: TimerHandle | undefined;
  /** The latest device problem, for callers that attach listeners late (cleared when the device works). */
  lastError: AudioDeviceError | null = null;
  private watchdog: TimerHandle | undefined;
  private lastDataMs = 0;
  /** Capture timeline: time of the first sample since the anchor, advanced by sample count, not by (jittery) arrival. */
  private anchorMs: number | null = null;
  private samplesSinceAnchor = 0;
  /** Frames delivered since start, for tests and diagnostics. */
  framesDelivered = 0;
  /** Buffer overruns ridden out (isBufferGlitch): a busy machine, logged, not an error. */
  overruns = 0;

  constructor(options: NativeMicrophoneOptions) {
    super();
    this.options = {
      deviceId: 'default',
      frameMs: 20,
      retryDelayMs: 2000,
      stallTimeoutMs: 3000,
      logger: nullLogger,
      ...options,
    };
  }

  get running(): boolean {
    return this.mic !== null;
  }

  get deviceId(): string {
    return this.options.deviceId;
  }

  /** Resolves after the first attempt to open; if it failed, an `error` event says why and retries follow. */
  async start(): Promise<void> {
    if (this.wanted) return;
    this.wanted = true;
    await this.open();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    this.clearTimers();
    this.closeMic();
    this.emit('end');
  }

  /** Switches device (settings change); reopens at once if running. */
  async selectDevice(deviceId: string): Promise<void> {
    this.options.deviceId = deviceId;
    if (!this.wanted) return;
    this.clearTimers();
    this.closeMic();
    await this.open();
  }

  private async open(): Promise<void> {
    if (!this.wanted) return;
    let decibri: Decibri;
    try {
      decibri = this.options.decibri ?? loadDecibri();
    } catch (err) {
      this.fail('no input device', `the native audio library could not be loaded (${(err as Error).message})`, err);
      return;
    }
    const device = resolveDevice(this.options.deviceId, listInputDevices(decibri));
    if (device === null) {
      const which = this.options.deviceId === 'default' ? 'no default microphone is available' : `microphone "${this.options.deviceId}" is not connected`;
      this.fail('no input device', which);
      return;
    }
    try {
      const mic = await decibri.Microphone.open({
        sampleRate: this.sampleRate,
        channels: 1,
        dtype: 'float32',
        framesPerBuffer: Math.round((this.sampleRate * this.options.frameMs) / 1000),
        device,
      });
      if (!this.wanted) {
        mic.stop();
        return;
      }
      this.attach(mic);
    } catch (err) {
      this.fail('no input device', `the microphone could not be opened (${(err as Error).message})`, err);
    }
  }

  private attach(mic: Mic): void {
    this.mic = mic;
    this.lastError = null;
    this.lastDataMs = this.options.clock.nowMs();
    mic.on('data', (chunk: Buffer) => {
      if (this.mic !== mic) return;
      // Copy out: the chunk's memory is not ours to keep, and may not be 4-byte aligned.
      const data = new Float32Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
      const nowMs = this.options.clock.nowMs();
      this.lastDataMs = nowMs;
      this.framesDelivered++;
      this.emit('frame', { data, sampleRate: this.sampleRate, channels: 1, timestampMs: this.captureTime(nowMs, data.length) });
    });
    mic.on('error', (err: Error) => {
      if (this.mic !== mic) return;
      if (isBufferGlitch(err)) {
        this.overruns = countBufferGlitch(this.options.logger, 'microphone: buffer overrun, capturing on', 'overruns', this.overruns, err);
        return;
      }
      this.lose(`the microphone failed (${err.message})`, err);
    });
    mic.on('end', () => {
      if (this.mic === mic && this.wanted) this.lose('the microphone stream ended unexpectedly');
    });
    this.watchdog = this.options.clock.setInterval(
      () => {
        if (this.mic === mic && this.options.clock.nowMs() - this.lastDataMs > this.options.stallTimeoutMs) {
          this.lose(`no audio from the microphone for ${this.options.stallTimeoutMs} ms`);
        }
      },
      Math.max(250, this.options.stallTimeoutMs / 4),
    );
  }

  /**
   * The chunk's first sample was captured about one chunk before it arrived. Chunks arrive
   * in bursts when the event loop is busy, so time follows the sample count from an anchor,
   * re-anchored only when it drifts from arrival time by more than the jitter can explain
   * (audio was dropped, or the stream restarted).
   */
  private captureTime(nowMs: number, samples: number): number {
    const arrivalMs = nowMs - (samples * 1000) / this.sampleRate;
    const idealMs = this.anchorMs === null ? arrivalMs : this.anchorMs + (this.samplesSinceAnchor * 1000) / this.sampleRate;
    if (this.anchorMs === null || Math.abs(idealMs - arrivalMs) > MAX_CAPTURE_DRIFT_MS) {
      this.anchorMs = arrivalMs;
      this.samplesSinceAnchor = 0;
    }
    const t = this.anchorMs + (this.samplesSinceAnchor * 1000) / this.sampleRate;
    this.samplesSinceAnchor += samples;
    return t;
  }

  private lose(why: string, cause?: unknown): void {
    this.closeMic();
    this.fail('device lost', why, cause);
  }

  private emitError(error: AudioDeviceError): void {
    emitDeviceError(this, error, this.options.clock, () => this.lastError === error);
  }

  private fail(code: 'no input device' | 'device lost', why: string, cause?: unknown): void {
    this.clearTimers();
    const retryInMs = this.wanted ? this.options.retryDelayMs : null;
    const error = new AudioDeviceError(code, `${why}.${retryInMs !== null ? ` Interject tries again every ${retryInMs / 1000} s.` : ''}`, {
      willRetry: retryInMs !== null,
      retryInMs,
      cause,
    });
    this.options.logger.warn('microphone', { code, why });
    this.lastError = error;
    this.emitError(error);
    if (retryInMs !== null) {
      this.retryTimer = this.options.clock.setTimeout(() => {
        this.retryTimer = undefined;
        void this.open();
      }, retryInMs);
    }
  }

  private closeMic(): void {
    const mic = this.mic;
    this.mic = null;
    this.anchorMs = null;
    if (this.watchdog !== undefined) {
      this.options.clock.clearInterval(this.watchdog);
      this.watchdog = undefined;
    }
    try {
      mic?.stop();
    } catch {
      // Already gone: nothing to release.
    }
  }

  private clearTimers(): void {
    if (this.retryTimer !== undefined) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.watchdog !== undefined) this.options.clock.clearInterval(this.watchdog);
    this.watchdog = undefined;
  }
}
