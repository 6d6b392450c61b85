/**
 * A session's microphone and speaker that a test drives by events instead of by the clock:
 * the microphone gives silence in real time until the test cues a clip, and the speaker (a
 * NullSink) counts what the agent played. So a test can say "mm-hmm" once the agent is heard,
 * however fast or slow the machine got the agent talking.
 */
import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../../electron/engine/clock';
import type { AudioFrame } from '../../../electron/engine/audio/frame';
import { NullSink } from '../../../electron/engine/audio/null-sink';
import type { AudioInput, AudioInputEvents } from '../../../electron/engine/audio/ports';
import type { VoiceIo } from '../../../electron/services/voice/voice-io';

const RATE = 16_000;
/** The engine's frame size (docs/architecture.md). */
const FRAME_MS = 20;
const FRAME = (RATE * FRAME_MS) / 1000;

/** Silence, or the cued clips one after another, one 20 ms frame per frame period on the session's clock. */
class CuedMicrophone extends EventEmitter<AudioInputEvents> implements AudioInput {
  readonly sampleRate = RATE;
  readonly channels = 1;
  private readonly clock: Clock;
  private readonly queue: Float32Array[] = [];
  private timer: TimerHandle | undefined;

  constructor(clock: Clock) {
    super();
    this.clock = clock;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Plays `samples` (16 kHz mono) from the next frame on, after any clip still playing. */
  cue(samples: Float32Array): void {
    this.queue.push(samples);
  }

  async start(): Promise<void> {
    if (this.timer !== undefined) return;
    // Frame i is due at origin + i * FRAME_MS; catch up if the event loop was late.
    const originMs = this.clock.nowMs();
    let next = 0;
    const tick = () => {
      const due = Math.floor((this.clock.nowMs() - originMs) / FRAME_MS) + 1;
      while (next < due && this.timer !== undefined) this.emit('frame', this.frameAt(originMs + next++ * FRAME_MS));
    };
    this.timer = this.clock.setInterval(tick, FRAME_MS);
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer === undefined) return;
    this.clock.clearInterval(this.timer);
    this.timer = undefined;
    this.emit('end');
  }

  private frameAt(timestampMs: number): AudioFrame {
    const data = new Float32Array(FRAME);
    let filled = 0;
    while (filled < FRAME && this.queue.length > 0) {
      const clip = this.queue[0]!;
      const take = Math.min(FRAME - filled, clip.length);
      data.set(clip.subarray(0, take), filled);
      filled += take;
      if (take === clip.length) this.queue.shift();
      else this.queue[0] = clip.subarray(take);
    }
    return { data, sampleRate: RATE, channels: 1, timestampMs };
  }
}

export interface CuedVoiceIo extends VoiceIo {
  /** Plays a clip into the session's microphone now; throws when no session has opened it. */
  say(samples: Float32Array): void;
  /** Seconds of the agent's voice handed to the speaker so far (all sessions). */
  agentSecondsPlayed(): number;
}

export function cuedVoiceIo(): CuedVoiceIo {
  let mic: CuedMicrophone | undefined;
  const sinks: NullSink[] = [];
  return {
    description: 'cued test microphone, speaker null',
    createInput: (_deviceId, clock) => (mic = new CuedMicrophone(clock)),
    createOutput: async () => {
      const sink = new NullSink();
      sinks.push(sink);
      return sink;
    },
    listDevices: () => ({
      inputs: [{ id: 'default', label: 'Cued test microphone', isDefault: true }],
      outputs: [{ id: 'default', label: 'No speaker (discarded)', isDefault: true }],
    }),
    say(samples) {
      if (!mic?.running) throw new Error('cuedVoiceIo: no session has the microphone open');
      mic.cue(samples);
    },
    agentSecondsPlayed: () => sinks.reduce((sum, s) => sum + s.samplesWritten / (s.sampleRate * s.channels), 0),
  };
}
