/**
 * Runs the microphone's path once on synthetic audio before a session opens the microphone, then
 * throws that path away: the same classes as the session's (echo canceller, echo guard, comfort
 * noise, voice end, VAD processor) and the session's own VAD model, whose state is reset after.
 *
 * Why: in a new session's first seconds the microphone fell 0.3-1.5 s behind on a busy machine.
 * The audio path's code was still unoptimized (the canceller's FFTs ran ~2x slower), and V8's
 * compiler threads optimizing it took turns with the main thread for the cores while the first
 * frames waited. Run here, that happens while the session is still starting, and the VAD's first
 * inference too. Nothing of it reaches the session: only the code warmed is shared.
 *
 * It never fails or holds up the session: a failure is logged, and past its bound the session
 * opens without it. Once the path has been warmed in this process its code stays optimized, so a
 * later session (a settings restart, with no "Starting…" shown) only runs its freshly loaded
 * model's first inference.
 */
import type { ConversationSettings } from '../../contract/settings/conversation.js';
import type { Clock, TimerHandle } from '../clock.js';
import { ENGINE_SAMPLE_RATE, FRAME_MS, type AudioFrame } from '../audio/frame.js';
import type { ResamplerFactory } from '../audio/resampler.js';
import type { Logger } from '../logger.js';
import type { VadModel } from '../vad/vad-model.js';
import type { VadOptions } from '../vad/vad-options.js';
import { VadProcessor } from '../vad/vad-processor.js';
import { buildMicPath } from './mic-path.js';
import { vadPort } from './ports.js';

export interface MicPathWarmUpOptions {
  /** The session's model: its first inference happens here; its state is reset after. */
  model: VadModel;
  /** The output's format: the echo reference is converted from it, as in the session. */
  output: { sampleRate: number; channels: number };
  resamplers?: ResamplerFactory;
  echoCancellation: boolean;
  /** The session's guard settings (`echoGuard: false`: no guard). */
  conversation: Pick<ConversationSettings, 'echoGuard' | 'echoMarginDb' | 'echoMaxDelayMs'>;
  vad?: Partial<VadOptions>;
  prefixPaddingMs: number;
  clock: Clock;
  logger: Logger;
  /** How long the session waits for the warm-up; default MIC_PATH_WARM_UP_BOUND_MS. */
  boundMs?: number;
}

/** 'modelOnly': the path was already warm, only the model's first inference ran. */
export type MicPathWarmUpOutcome = 'warmed' | 'modelOnly' | 'failed' | 'timedOut';

/**
 * 3 s: a cold warm-up costs 0.2-0.3 s of CPU (65c48a5); 10x that leaves room for a main thread
 * that gets a fraction of a loaded machine's cores. Past it something is stuck (a hung inference),
 * and a session whose first seconds may lag beats one that never opens.
 */
export const MIC_PATH_WARM_UP_BOUND_MS = 3000;
/**
 * 1.2 s of audio: enough calls for V8 to optimize the per-block loops (the canceller runs 150 of
 * its 8 ms blocks), about 60 ms of CPU once warm; the first time it costs ~0.2-0.3 s, which now
 * falls inside the session's start (the UI says "Starting…") instead of on the user's first words.
 */
const WARM_UP_MS = 1200;
/**
 * The agent's voice alone, then the user over it from 0.5 to 1 s (double talk: the VAD's speech
 * path runs too), heard through a room's echo: 40 ms late, 12 dB down.
 */
const SCENE = { userFromMs: 500, userToMs: 1000, echoDelayMs: 40, echoGain: 0.25 };
/** The room's hiss, -60 dBFS: no block is digital silence. */
const HISS_LEVEL = 1e-3;

/** A voiced sound: 8 harmonics of `f0Hz`, in 4 Hz syllables. */
function voice(tMs: number, f0Hz: number, level: number): number {
  const t = tMs / 1000;
  const syllable = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t);
  let s = 0;
  for (let h = 1; h <= 8; h++) s += Math.sin(2 * Math.PI * f0Hz * h * t + h) / h;
  return level * syllable * s;
}

/**
 * White noise in [-1, 1) from a fixed seed (a 32-bit LCG: plenty for a hiss): every start does
 * the same work. Real noise, not a pattern repeating each frame: a frame-periodic "hiss" is a line
 * spectrum at multiples of 50 Hz, which the comfort noise's and the canceller's noise estimates
 * would learn as tones, unlike any microphone's floor.
 */
function seededNoise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 31 - 1;
  };
}

function agentAt(tMs: number): number {
  return voice(tMs, 140, 0.1);
}

function referenceFrame(startMs: number, output: MicPathWarmUpOptions['output']): AudioFrame {
  const n = Math.round((output.sampleRate * FRAME_MS) / 1000);
  const data = new Float32Array(n * output.channels);
  for (let i = 0; i < n; i++) data.fill(agentAt(startMs + (i * 1000) / output.sampleRate), i * output.channels, (i + 1) * output.channels);
  return { data, sampleRate: output.sampleRate, channels: output.channels, timestampMs: startMs };
}

function micFrame(startMs: number, hiss: () => number): AudioFrame {
  const n = (ENGINE_SAMPLE_RATE * FRAME_MS) / 1000;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const tMs = startMs + (i * 1000) / ENGINE_SAMPLE_RATE;
    const user = tMs >= SCENE.userFromMs && tMs < SCENE.userToMs ? voice(tMs, 210, 0.2) : 0;
    data[i] = SCENE.echoGain * agentAt(tMs - SCENE.echoDelayMs) + user + HISS_LEVEL * hiss();
  }
  return { data, sampleRate: ENGINE_SAMPLE_RATE, channels: 1, timestampMs: startMs };
}

/** Runs the whole path until done or `givenUp()` says the session went on without it. */
async function runPath(o: MicPathWarmUpOptions, givenUp: () => boolean): Promise<void> {
  const vad = new VadProcessor({ model: o.model, ...(o.vad ? { options: o.vad } : {}) });
  const { input, canceller } = buildMicPath({
    vad: vadPort(vad),
    stt: null,
    echoCancellation: o.echoCancellation,
    ...(o.resamplers ? { resamplers: o.resamplers } : {}),
    conversation: o.conversation,
    prefixPaddingMs: o.prefixPaddingMs,
  });
  const hiss = seededNoise(0x5eed);
  try {
    for (let tMs = 0; tMs < WARM_UP_MS && !givenUp(); tMs += FRAME_MS) {
      input.pushReference(referenceFrame(tMs, o.output), tMs);
      await input.pushMicFrame(micFrame(tMs, hiss));
    }
  } finally {
    canceller?.dispose();
  }
}

/** The model's first inference alone (on a window of hiss). */
async function runModel(o: MicPathWarmUpOptions): Promise<void> {
  const hiss = seededNoise(0x5eed);
  await o.model.process(Float32Array.from({ length: o.model.windowSamples }, () => HISS_LEVEL * hiss()));
}

/** The parts of the path a session with these settings runs (a part warmed once stays warm). */
function partsOf(o: MicPathWarmUpOptions): string[] {
  return ['input', ...(o.echoCancellation ? ['canceller'] : []), ...(o.conversation.echoGuard ? ['guard'] : [])];
}

/** Remembers, for this process, which parts of the mic path's code have been warmed. */
export class MicPathWarmer {
  private readonly warmParts = new Set<string>();

  /** Starts the warm-up and waits for it (see `start`). */
  warmUp(o: MicPathWarmUpOptions): Promise<MicPathWarmUpOutcome> {
    return this.start(o).wait();
  }

  /**
   * Starts the warm-up beside the rest of the session's start. `wait()` resolves when it is done,
   * has failed or has held the session up for its bound (counted from the first `wait()`: a voice
   * slow to start is no reason to give up a warm-up that is not yet in the way); never rejects,
   * and leaves the model reset.
   */
  start(o: MicPathWarmUpOptions): { wait(): Promise<MicPathWarmUpOutcome> } {
    const parts = partsOf(o);
    const modelOnly = parts.every((p) => this.warmParts.has(p));
    let givenUp = false;
    const work = (modelOnly ? runModel(o) : runPath(o, () => givenUp)).then(
      (): MicPathWarmUpOutcome => (modelOnly ? 'modelOnly' : 'warmed'),
      (e: unknown) => {
        o.logger.warn('Mic path warm-up failed; the session opens without it', { error: String(e) });
        return 'failed' as const;
      },
    );
    let waited: Promise<MicPathWarmUpOutcome> | null = null;
    const wait = async (): Promise<MicPathWarmUpOutcome> => {
      const boundMs = o.boundMs ?? MIC_PATH_WARM_UP_BOUND_MS;
      let timer: TimerHandle | undefined;
      const bound = new Promise<'timedOut'>((resolve) => (timer = o.clock.setTimeout(() => resolve('timedOut'), boundMs)));
      const outcome = await Promise.race([work, bound]);
      o.clock.clearTimeout(timer);
      if (outcome === 'timedOut') {
        // A step still running stops at the next frame. An inference in flight still writes its state
        // into the model after this reset: rare (only past the bound), and the next windows wash it out.
        givenUp = true;
        o.logger.warn('Mic path warm-up passed its bound; the session opens without waiting for it', { boundMs });
      }
      o.model.reset();
      if (outcome === 'warmed') for (const p of parts) this.warmParts.add(p);
      return outcome;
    };
    return { wait: () => (waited ??= wait()) };
  }
}
