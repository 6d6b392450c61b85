import { access } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { VadModel } from './vad-model.js';
import { defaultSileroModelPath } from './model-path.js';

/** Silero v5/v6 at 16 kHz: 512-sample windows, each prefixed with the last 64 samples of the previous one. */
const WINDOW_SAMPLES = 512;
const CONTEXT_SAMPLES = 64;
const STATE_SIZE = 2 * 1 * 128;

export class VadModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VadModelError';
  }
}

/**
 * Silero VAD (MIT) on onnxruntime-node, CPU, one intra-op thread: a 2 ms model on a
 * shared 2-core machine gains nothing from threads and must not starve the rest.
 */
export class SileroVadModel implements VadModel {
  readonly windowSamples = WINDOW_SAMPLES;
  readonly sampleRate = 16_000;
  private state: ort.Tensor = new ort.Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 128]);
  private readonly context = new Float32Array(CONTEXT_SAMPLES);
  private readonly input = new Float32Array(CONTEXT_SAMPLES + WINDOW_SAMPLES);
  /** One tensor over `input`, reused: windows run strictly one at a time (the state chains them). */
  private readonly inputTensor = new ort.Tensor('float32', this.input, [1, CONTEXT_SAMPLES + WINDOW_SAMPLES]);
  private busy = false;
  private readonly sr = new ort.Tensor('int64', BigInt64Array.from([16_000n]), []);
  private closed = false;

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly modelPath: string,
  ) {}

  static async load(options: { modelPath?: string } = {}): Promise<SileroVadModel> {
    const modelPath = options.modelPath ?? defaultSileroModelPath();
    try {
      await access(modelPath);
    } catch {
      throw new VadModelError(`Silero VAD model file not found at ${modelPath} (it ships in resources/models; set INTERJECT_MODELS_DIR to override).`);
    }
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelPath, {
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
    } catch (err) {
      throw new VadModelError(`Silero VAD model at ${modelPath} could not be loaded: ${(err as Error).message}`, { cause: err });
    }
    for (const name of ['input', 'state', 'sr']) {
      if (!session.inputNames.includes(name)) {
        await session.release();
        throw new VadModelError(`${modelPath} is not a Silero VAD v5/v6 model: it has no "${name}" input (inputs: ${session.inputNames.join(', ')}).`);
      }
    }
    return new SileroVadModel(session, modelPath);
  }

  async process(window: Float32Array): Promise<number> {
    if (this.closed) throw new VadModelError('Silero VAD model used after close().');
    if (window.length !== WINDOW_SAMPLES) throw new RangeError(`Silero VAD needs ${WINDOW_SAMPLES}-sample windows, got ${window.length}.`);
    if (this.busy) throw new VadModelError('Silero VAD: process() called before the previous window finished; windows must be awaited in order.');
    this.busy = true;
    try {
      this.input.set(this.context, 0);
      this.input.set(window, CONTEXT_SAMPLES);
      this.context.set(window.subarray(WINDOW_SAMPLES - CONTEXT_SAMPLES));
      const result = await this.session.run({ input: this.inputTensor, state: this.state, sr: this.sr });
      this.state = result.stateN as ort.Tensor;
      return (result.output!.data as Float32Array)[0]!;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    this.state = new ort.Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 128]);
    this.context.fill(0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }
}
