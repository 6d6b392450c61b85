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
 */
import { EchoCanceller } from '../audio/aec/echo-canceller.js';
import { ENGINE_SAMPLE_RATE, type AudioFrame } from '../audio/frame.js';
import type { ResamplerFactory } from '../audio/resampler.js';
import { EchoGuard, type EchoGuardOptions } from '../turn/echo-guard.js';
import type { VadModel } from '../vad/vad-model.js';
import type { VadOptions } from '../vad/vad-options.js';
import { VadProcessor } from '../vad/vad-processor.js';
import { vadPort } from './ports.js';
import { UserInput } from './user-input.js';

export interface MicPathWarmUpOptions {
  /** The session's model: its first inference happens here; its state is reset after. */
  model: VadModel;
  /** The output's format: the echo reference is converted from it, as in the session. */
  output: { sampleRate: number; channels: number };
  resamplers?: ResamplerFactory;
  echoCancellation: boolean;
  /** The session's guard settings, or null when the guard is off. */
  echoGuard: Pick<EchoGuardOptions, 'marginDb' | 'maxDelayMs'> | null;
  vad?: Partial<VadOptions>;
  prefixPaddingMs: number;
}

/**
 * 1.2 s of audio: enough calls for V8 to optimize the per-block loops (the canceller runs 150 of
 * its 8 ms blocks), about 60 ms of CPU once warm; the first time it costs ~0.2-0.3 s, which now
 * falls inside the session's start (the UI says "Starting…") instead of on the user's first words.
 */
const WARM_UP_MS = 1200;
const FRAME_MS = 20;
/**
 * The agent's voice alone, then the user over it from 0.5 to 1 s (double talk: the VAD's speech
 * path runs too), heard through a room's echo: 40 ms late, 12 dB down.
 */
const SCENE = { userFromMs: 500, userToMs: 1000, echoDelayMs: 40, echoGain: 0.25 };

/** A voiced sound: 8 harmonics of `f0Hz`, in 4 Hz syllables. Deterministic (no randomness, so every start does the same work). */
function voice(tMs: number, f0Hz: number, level: number): number {
  const t = tMs / 1000;
  const syllable = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t);
  let s = 0;
  for (let h = 1; h <= 8; h++) s += Math.sin(2 * Math.PI * f0Hz * h * t + h) / h;
  return level * syllable * s;
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

function micFrame(startMs: number): AudioFrame {
  const n = (ENGINE_SAMPLE_RATE * FRAME_MS) / 1000;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const tMs = startMs + (i * 1000) / ENGINE_SAMPLE_RATE;
    const user = tMs >= SCENE.userFromMs && tMs < SCENE.userToMs ? voice(tMs, 210, 0.2) : 0;
    // A faint hiss, so no block is digital silence.
    const hiss = 1e-3 * Math.sin(12_345.678 * i * i);
    data[i] = SCENE.echoGain * agentAt(tMs - SCENE.echoDelayMs) + user + hiss;
  }
  return { data, sampleRate: ENGINE_SAMPLE_RATE, channels: 1, timestampMs: startMs };
}

export async function warmUpMicPath(options: MicPathWarmUpOptions): Promise<void> {
  const vad = new VadProcessor({ model: options.model, ...(options.vad ? { options: options.vad } : {}) });
  const canceller = options.echoCancellation ? new EchoCanceller({ ...(options.resamplers ? { resamplers: options.resamplers } : {}) }) : null;
  const echoGuard = options.echoGuard ? new EchoGuard(options.echoGuard) : null;
  const input = new UserInput({ vad: vadPort(vad), stt: null, canceller, echoGuard, prefixPaddingMs: options.prefixPaddingMs });
  try {
    for (let tMs = 0; tMs < WARM_UP_MS; tMs += FRAME_MS) {
      input.pushReference(referenceFrame(tMs, options.output), tMs);
      await input.pushMicFrame(micFrame(tMs));
    }
  } finally {
    canceller?.dispose();
    options.model.reset();
  }
}
