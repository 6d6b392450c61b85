/**
 * The playback reference at 16 kHz, indexed by the sample's absolute position on the capture
 * timeline (clock ms * 16). Written as the agent's audio is handed to the device, read when
 * the microphone block with the same position is cancelled. Spans never written (the agent
 * silent) and spans too old read as silence.
 */
export class ReferenceBuffer {
  private readonly data: Float32Array;
  private readonly mask: number;
  /** One past the last written position; null before the first write. */
  private end: number | null = null;

  /** @param capacityLog2 ring size as a power of two (17: 8.2 s at 16 kHz). */
  constructor(capacityLog2 = 17) {
    this.data = new Float32Array(1 << capacityLog2);
    this.mask = (1 << capacityLog2) - 1;
  }

  get writtenEnd(): number | null {
    return this.end;
  }

  write(position: number, samples: Float32Array): void {
    const size = this.data.length;
    if (this.end !== null && position > this.end) {
      // Silence between the last write and this one (the agent paused).
      const gap = Math.min(position - this.end, size);
      for (let i = 0; i < gap; i++) this.data[(position - gap + i) & this.mask] = 0;
    }
    for (let i = 0; i < samples.length; i++) this.data[(position + i) & this.mask] = samples[i]!;
    const newEnd = position + samples.length;
    this.end = this.end === null ? newEnd : Math.max(this.end, newEnd);
  }

  /** Samples [position, position + out.length) into out; silence where nothing current was written. */
  read(position: number, out: Float64Array): void {
    const end = this.end;
    const oldest = end === null ? 0 : end - this.data.length;
    for (let i = 0; i < out.length; i++) {
      const p = position + i;
      out[i] = end === null || p >= end || p < oldest ? 0 : this.data[p & this.mask]!;
    }
  }
}
