/** Collects the float samples of one speech segment for recognizers that need it whole. */
export class SegmentBuffer {
  private chunks: Float32Array[] = [];
  private length = 0;

  append(samples: Float32Array): void {
    // Copy: the caller may reuse its frame buffer.
    this.chunks.push(samples.slice());
    this.length += samples.length;
  }

  get sampleCount(): number {
    return this.length;
  }

  /** The whole segment, and the buffer is empty again. */
  take(): Float32Array {
    const out = new Float32Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.clear();
    return out;
  }

  clear(): void {
    this.chunks = [];
    this.length = 0;
  }
}
