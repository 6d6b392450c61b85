/**
 * The benchmark's microphone: 16 kHz mono frames in real time (20 ms, a device's block, with
 * catch-up like the twin's WAV input), silence between the utterances the benchmark queues.
 * `say` tells when the queued voice will really start and end on the frame timeline, from
 * the audio's energy (the truth the VAD's estimate is compared with).
 */
import { EventEmitter } from 'node:events';
import type { AudioFrame } from '../../electron/engine/audio/frame.js';
import type { AudioInputEvents, AudioInput } from '../../electron/engine/audio/ports.js';
import type { Clock, TimerHandle } from '../../electron/engine/clock.js';
import { voicedSpan } from '../../electron/engine/agent/simulate/mic-mixer.js';

const RATE = 16_000;
const FRAME_MS = 20;
const FRAME = (RATE * FRAME_MS) / 1000;

export class ScheduledMic extends EventEmitter<AudioInputEvents> implements AudioInput {
  readonly sampleRate = RATE;
  readonly channels = 1;
  private timer: TimerHandle | undefined;
  private originMs = 0;
  private next = 0;
  /** Samples still to play, from the next frame on. */
  private pending: Float32Array = new Float32Array(0);
  /** Callbacks due when the frame at this sample offset (into `pending`) goes out. */
  private cues: { atSample: number; run: () => void }[] = [];

  constructor(private readonly clock: Clock) {
    super();
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  async start(): Promise<void> {
    this.originMs = this.clock.nowMs();
    this.next = 0;
    this.timer = this.clock.setInterval(() => this.tick(), FRAME_MS);
  }

  async stop(): Promise<void> {
    this.clock.clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Queues speech (16 kHz) after what is queued; where its voice starts and ends on the frame clock. */
  say(samples: Float32Array, onStart?: () => void): { voiceStartMs: number; voiceEndMs: number } {
    const startMs = this.frameTime(this.next) + (this.pending.length * 1000) / RATE;
    if (onStart) this.cues.push({ atSample: this.pending.length, run: onStart });
    const joined = new Float32Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    this.pending = joined;
    const span = voicedSpan(samples) ?? { startMs: 0, endMs: (samples.length * 1000) / RATE };
    return { voiceStartMs: startMs + span.startMs, voiceEndMs: startMs + span.endMs };
  }

  /** Queues speech to start at `atMs` on the clock (silence until then), or right after what is queued if that ends later. */
  sayAt(samples: Float32Array, atMs: number, onStart?: () => void): { voiceStartMs: number; voiceEndMs: number } {
    const queuedUntilMs = this.frameTime(this.next) + (this.pending.length * 1000) / RATE;
    if (atMs > queuedUntilMs) this.pause(atMs - queuedUntilMs);
    return this.say(samples, onStart);
  }

  /** Queues silence (a pause inside a turn). */
  pause(ms: number): void {
    this.say(new Float32Array(Math.round((RATE * ms) / 1000)));
  }

  get idle(): boolean {
    return this.pending.length === 0;
  }

  private frameTime(i: number): number {
    return this.originMs + i * FRAME_MS;
  }

  private tick(): void {
    const due = Math.floor((this.clock.nowMs() - this.originMs) / FRAME_MS) + 1;
    while (this.next < due) {
      const data = new Float32Array(FRAME);
      const take = Math.min(FRAME, this.pending.length);
      data.set(this.pending.subarray(0, take));
      this.pending = this.pending.subarray(take);
      const due = this.cues.filter((c) => c.atSample < take);
      this.cues = this.cues.filter((c) => c.atSample >= take).map((c) => ({ ...c, atSample: c.atSample - take }));
      for (const c of due) c.run();
      const frame: AudioFrame = { data, sampleRate: RATE, channels: 1, timestampMs: this.frameTime(this.next++) };
      this.emit('frame', frame);
    }
  }
}
