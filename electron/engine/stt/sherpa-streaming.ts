/**
 * The local default recognizer: a sherpa-onnx streaming transducer run in its own process
 * (see sherpa-host.mjs for why a process and not a worker thread). Interim results come at
 * least every `interimIntervalMs` of speech; finals are emitted in segment order.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { ENGINE_SAMPLE_RATE } from '../audio/frame.js';
import { crashDescription } from '../child-crash.js';
import { systemClock, type Clock } from '../clock.js';
import { nullLogger, type Logger } from '../logger.js';
import { checkSamples, SttError } from './errors.js';
import { findTransducerFiles, onlineRecognizerConfig, wordsFromTokens } from './sherpa-model.js';
import type { SpeechRecognizer, SpeechRecognizerEvents, Transcript } from './types.js';

export interface SherpaRecognizerOptions {
  modelDir: string;
  /** One decoding thread: on 2 cores the other is needed by audio, VAD and the language model. */
  numThreads?: number;
  /** The minimum-words interruption strategy needs fresh words at least this often while the user speaks. */
  interimIntervalMs?: number;
  /** A model that has not loaded in this long is reported as failed (the 20M model loads in about a second). */
  loadTimeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** The host script; the packaged app points this at its copy of sherpa-host.mjs. */
  hostScript?: string;
  /** The native engine module; tests substitute a stand-in because no English weights can be fetched here. */
  engineModule?: string;
}

type HostMessage =
  | { type: 'ready' }
  | { type: 'interim'; seg: number; text: string; audioMs: number }
  | { type: 'final'; seg: number; text: string; tokens: string[]; timestamps: number[] }
  | { type: 'error'; message: string };

export const DEFAULT_SHERPA_HOST = fileURLToPath(new URL('./sherpa-host.mjs', import.meta.url));

export class SherpaRecognizer extends EventEmitter<SpeechRecognizerEvents> implements SpeechRecognizer {
  readonly id = 'sherpa-onnx';
  private segment = 0;
  private segmentSamples = 0;
  private readonly segmentLengthsMs = new Map<number, number>();
  private stopped = false;
  private closing = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly stderrTail: () => string,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    super();
    child.on('message', (m: HostMessage) => this.onMessage(m));
    child.on('exit', (code, signal) => {
      this.stopped = true;
      if (this.closing) return;
      this.emit('error', new SttError('crashed', `The local speech recognizer stopped unexpectedly: ${crashDescription(code, signal, this.stderrTail())}`));
    });
  }

  /** Starts the recognizer process and loads the model; rejects with a clear SttError. */
  static async start(options: SherpaRecognizerOptions): Promise<SherpaRecognizer> {
    const logger = options.logger ?? nullLogger;
    const clock = options.clock ?? systemClock;
    const files = await findTransducerFiles(options.modelDir);
    let stderr = '';
    const child = fork(options.hostScript ?? DEFAULT_SHERPA_HOST, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      // Keep the tail only: it holds the reason of a native abort.
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const intervalMs = options.interimIntervalMs ?? 200;
    child.send({
      type: 'load',
      config: onlineRecognizerConfig(files, options.numThreads ?? 1),
      engineModule: options.engineModule ?? 'sherpa-onnx-node',
      interimEverySamples: Math.round((intervalMs / 1000) * ENGINE_SAMPLE_RATE),
    });
    await new Promise<void>((resolve, reject) => {
      const timer = clock.setTimeout(() => {
        cleanup();
        child.kill('SIGKILL');
        reject(
          new SttError('model-load', `The speech recognition model in ${options.modelDir} did not load within ${(options.loadTimeoutMs ?? 30_000) / 1000} s.`),
        );
      }, options.loadTimeoutMs ?? 30_000);
      const onMessage = (m: HostMessage) => {
        if (m.type === 'ready') {
          cleanup();
          resolve();
        } else if (m.type === 'error') {
          cleanup();
          child.kill('SIGKILL');
          reject(new SttError('model-load', `Could not load the speech recognition model in ${options.modelDir}: ${m.message}`));
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup();
        reject(new SttError('model-load', `Could not load the speech recognition model in ${options.modelDir}: ${crashDescription(code, signal, stderr)}`));
      };
      const cleanup = () => {
        clock.clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
    logger.info('local speech recognizer ready', { modelDir: options.modelDir, encoder: files.encoder });
    return new SherpaRecognizer(child, () => stderr, logger, clock);
  }

  get running(): boolean {
    return !this.stopped;
  }

  push(samples: Float32Array): void {
    checkSamples(samples);
    if (this.closing) throw new SttError('closed', 'This speech recognizer is closed.');
    if (this.stopped) return; // The crash was reported once through 'error'.
    this.segmentSamples += samples.length;
    this.child.send({ type: 'audio', seg: this.segment, samples: samples.slice() });
  }

  endSegment(): void {
    if (this.closing) return;
    if (this.stopped) {
      this.emit('error', new SttError('crashed', 'The local speech recognizer is not running; the segment was not transcribed.'));
      return;
    }
    this.segmentLengthsMs.set(this.segment, (this.segmentSamples / ENGINE_SAMPLE_RATE) * 1000);
    this.child.send({ type: 'end', seg: this.segment });
    this.segment++;
    this.segmentSamples = 0;
  }

  reset(): void {
    if (this.stopped || this.closing) return;
    this.child.send({ type: 'reset' });
    this.segment++;
    this.segmentSamples = 0;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.stopped) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close' });
    // A host stuck in native code is killed after a second.
    const force = this.clock.setTimeout(() => this.child.kill('SIGKILL'), 1000);
    await exited;
    this.clock.clearTimeout(force);
    this.logger.info('local speech recognizer closed');
  }

  private onMessage(m: HostMessage): void {
    if (m.type === 'interim') {
      // Interims of a segment that already ended are stale: its final follows.
      if (m.seg === this.segment) this.emit('interim', { text: m.text, audioMs: m.audioMs });
    } else if (m.type === 'final') {
      const lengthMs = this.segmentLengthsMs.get(m.seg) ?? 0;
      this.segmentLengthsMs.delete(m.seg);
      const transcript: Transcript = { text: m.text, audioMs: lengthMs };
      const words = wordsFromTokens(m.tokens, m.timestamps, lengthMs);
      if (words.length > 0) transcript.words = words;
      this.emit('final', transcript);
    } else if (m.type === 'error') {
      this.emit('error', new SttError('server', `The local speech recognizer failed: ${m.message}`));
    }
  }
}
