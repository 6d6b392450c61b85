/**
 * The one audio frame type of the engine. Samples are float32 in [-1, 1], interleaved when
 * `channels` > 1. Microphone frames become 16 kHz mono (VAD and speech recognition);
 * output frames are at the output device's rate.
 */
export interface AudioFrame {
  data: Float32Array;
  sampleRate: number;
  channels: number;
  /** When the first sample was captured (input) or is due to be written (output), from the engine Clock. */
  timestampMs: number;
}

/** The rate VAD and speech recognition work at. */
export const ENGINE_SAMPLE_RATE = 16_000;

/**
 * The engine's frame: microphones deliver, and simulations feed, 20 ms frames (docs/architecture.md).
 * Short enough that a barge-in or a stop takes effect within one, long enough that a frame's
 * per-call work (events, resampling) stays small beside its audio.
 */
export const FRAME_MS = 20;

export function frameDurationMs(frame: AudioFrame): number {
  return ((frame.data.length / frame.channels) * 1000) / frame.sampleRate;
}
