import { EventEmitter } from 'node:events';
import type { AudioFrame } from './frame.js';
import type { AudioOutput, AudioOutputEvents } from './ports.js';

/** An output that discards everything: headless runs, and when no speaker is wanted. */
export class NullSink extends EventEmitter<AudioOutputEvents> implements AudioOutput {
  readonly sampleRate: number;
  readonly channels: number;
  readonly latencyMs = 0;
  samplesWritten = 0;

  constructor(options: { sampleRate?: number; channels?: number } = {}) {
    super();
    this.sampleRate = options.sampleRate ?? 48_000;
    this.channels = options.channels ?? 1;
  }

  write(frame: AudioFrame): void {
    this.samplesWritten += frame.data.length;
  }

  flush(): void {}

  async close(): Promise<void> {}
}
