/**
 * A neural voice (Kokoro, Piper/VITS) on sherpa-onnx's offline TTS, run in its own process
 * (see sherpa-tts-host.mjs for why a process). One sentence at a time; a cancelled sentence
 * is told to stop and its audio, if any arrives, is dropped. A model that fails to load, or a
 * process that dies, is reported with the reason in words.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { crashDescription } from '../../child-crash.js';
import { nullLogger, type Logger } from '../../logger.js';
import { SynthesisCancelled, type SynthesisJob, type SynthesisResult } from './flite-engine.js';
import { findNeuralModel, speakerOf, voiceIdsOf, type NeuralModel } from './neural-model.js';
import type { NeuralEngine } from './speech-engine.js';

export interface SherpaTtsOptions {
  modelDir: string;
  /** The voice name the model answers to (the catalogue id, e.g. "tts-kokoro-int8-en-v0_19"). */
  name: string;
  speakers?: readonly string[];
  defaultSpeaker?: string;
  numThreads?: number;
  /** Kokoro int8 loads in a few seconds on a slow CPU; 60 s means something is wrong, not slow. */
  loadTimeoutMs?: number;
  logger?: Logger;
  /** The host script; the packaged app points this at its copy of sherpa-tts-host.mjs. */
  hostScript?: string;
  /** The native module; tests may substitute one. */
  engineModule?: string;
}

export class NeuralVoiceError extends Error {}

type HostMessage =
  | { type: 'ready'; sampleRate: number; numSpeakers: number }
  | { type: 'done'; id: number; samples: Float32Array; sampleRate: number; timings: Record<string, number> }
  | { type: 'failed'; id: number; error: string }
  | { type: 'error'; message: string };

interface Job {
  id: number;
  text: string;
  sid: number;
  sampleRate: number;
  resolve: (r: SynthesisResult) => void;
  reject: (e: Error) => void;
  startedAt?: number;
  abandoned?: boolean;
}

export const DEFAULT_SHERPA_TTS_HOST = fileURLToPath(new URL('./sherpa-tts-host.mjs', import.meta.url));

export class SherpaTtsEngine implements NeuralEngine {
  private queue: Job[] = [];
  private current: Job | null = null;
  private nextId = 1;
  private alive = true;
  private closing = false;
  private readonly ids: string[];

  private constructor(
    private readonly child: ChildProcess,
    private readonly name: string,
    private readonly model: NeuralModel,
    readonly modelSampleRate: number,
    private readonly numSpeakers: number,
    private readonly stderrTail: () => string,
    private readonly logger: Logger,
  ) {
    this.ids = voiceIdsOf(name, model, numSpeakers);
    child.on('message', (m: HostMessage) => this.onMessage(m));
    child.on('exit', (code, signal) => {
      this.alive = false;
      if (this.closing) return;
      const error = new NeuralVoiceError(`The neural voice stopped unexpectedly: ${crashDescription(code, signal, this.stderrTail())}`);
      logger.error('neural voice process exited', { code, signal });
      this.current?.reject(error);
      for (const j of this.queue.splice(0)) j.reject(error);
      this.current = null;
    });
  }

  /** Starts the voice's process and loads the model; rejects with a NeuralVoiceError in words. */
  static async start(options: SherpaTtsOptions): Promise<SherpaTtsEngine> {
    const logger = options.logger ?? nullLogger;
    let model: NeuralModel;
    try {
      model = await findNeuralModel(options.modelDir, {
        ...(options.speakers ? { speakers: options.speakers } : {}),
        ...(options.defaultSpeaker ? { defaultSpeaker: options.defaultSpeaker } : {}),
        numThreads: options.numThreads ?? 1,
      });
    } catch (e) {
      throw new NeuralVoiceError((e as Error).message);
    }
    let stderr = '';
    const child = fork(options.hostScript ?? DEFAULT_SHERPA_TTS_HOST, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr?.on('data', (d: Buffer) => {
      // Keep the tail only: it holds the reason of a native abort.
      stderr = (stderr + d.toString()).slice(-2000);
    });
    child.send({ type: 'load', config: model.config, engineModule: options.engineModule ?? 'sherpa-onnx-node' });
    const timeoutMs = options.loadTimeoutMs ?? 60_000;
    const ready = await new Promise<{ sampleRate: number; numSpeakers: number }>((resolve, reject) => {
      const fail = (why: string) => {
        cleanup();
        child.kill('SIGKILL');
        reject(new NeuralVoiceError(`Could not load the voice model in ${options.modelDir}: ${why}`));
      };
      const timer = setTimeout(() => fail(`it did not load within ${timeoutMs / 1000} s.`), timeoutMs);
      const onMessage = (m: HostMessage) => {
        if (m.type === 'ready') {
          cleanup();
          resolve(m);
        } else if (m.type === 'error') fail(m.message);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(crashDescription(code, signal, stderr));
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
    logger.info('neural voice ready', { modelDir: options.modelDir, kind: model.kind, sampleRate: ready.sampleRate, speakers: ready.numSpeakers });
    return new SherpaTtsEngine(child, options.name, model, ready.sampleRate, ready.numSpeakers, () => stderr, logger);
  }

  /** The voice process's id (tests end it to prove a crash falls back to flite). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.alive && !this.closing;
  }

  hasVoice(voice: string): boolean {
    return speakerOf(voice, this.name, this.model, this.numSpeakers) !== undefined;
  }

  voiceIds(): readonly string[] {
    return this.ids;
  }

  synthesize(text: string, voice: string, sampleRate: number): SynthesisJob {
    let job!: Job;
    const promise = new Promise<SynthesisResult>((resolve, reject) => {
      job = {
        id: this.nextId++,
        text,
        sid: speakerOf(voice, this.name, this.model, this.numSpeakers) ?? this.model.defaultSpeaker,
        sampleRate,
        resolve,
        reject,
      };
    });
    promise.catch(() => {}); // callers that cancel may not await
    if (!this.running) job.reject(new NeuralVoiceError('The neural voice is not running.'));
    else {
      this.queue.push(job);
      this.dispatch();
    }
    return { promise, cancel: () => this.cancel(job) };
  }

  async stop(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const j of this.queue.splice(0)) j.reject(new SynthesisCancelled());
    if (this.current && !this.current.abandoned) this.current.reject(new SynthesisCancelled());
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close' });
    // A host stuck in native code (a long sentence) is killed after a second.
    const force = setTimeout(() => this.child.kill('SIGKILL'), 1000);
    await exited;
    clearTimeout(force);
  }

  private cancel(job: Job): void {
    const idx = this.queue.indexOf(job);
    if (idx >= 0) {
      this.queue.splice(idx, 1);
      job.reject(new SynthesisCancelled());
    } else if (this.current === job && !job.abandoned) {
      job.abandoned = true;
      job.reject(new SynthesisCancelled());
      if (this.alive) this.child.send({ type: 'cancel', id: job.id });
    }
  }

  private dispatch(): void {
    if (this.current || !this.alive) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    job.startedAt = performance.now();
    this.child.send({ type: 'job', id: job.id, text: job.text, sid: job.sid, sampleRate: job.sampleRate });
  }

  private onMessage(m: HostMessage): void {
    if (m.type === 'error') return void this.logger.error('neural voice host error', { message: m.message });
    if (m.type === 'ready' || !this.current || m.id !== this.current.id) return;
    const job = this.current;
    this.current = null;
    if (!job.abandoned) {
      if (m.type === 'done') job.resolve({ samples: m.samples, sampleRate: m.sampleRate, synthMs: performance.now() - job.startedAt! });
      else job.reject(new NeuralVoiceError(`The neural voice failed: ${m.error}`));
    }
    this.dispatch();
  }
}
