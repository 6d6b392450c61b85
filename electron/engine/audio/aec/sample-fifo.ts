/**
 * A first-in first-out queue of samples in one typed buffer: the canceller's mic input waiting
 * for a full block and its output waiting to go out. Appends and reads copy; nothing is
 * allocated per frame once the buffer has grown to the largest backlog.
 */
export class SampleFifo {
  private data: Float64Array;
  private start = 0;
  private end = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }

  get length(): number {
    return this.end - this.start;
  }

  push(samples: ArrayLike<number>): void {
    this.reserve(samples.length);
    for (let i = 0; i < samples.length; i++) this.data[this.end + i] = samples[i]!;
    this.end += samples.length;
  }

  /** Appends `count` zeros (a fixed delay). */
  pushZeros(count: number): void {
    this.reserve(count);
    this.data.fill(0, this.end, this.end + count);
    this.end += count;
  }

  /** Removes the oldest `out.length` samples into `out` (zeros where the queue ran short). */
  shiftInto(out: Float32Array | Float64Array): void {
    const n = Math.min(out.length, this.length);
    for (let i = 0; i < n; i++) out[i] = this.data[this.start + i]!;
    out.fill(0, n);
    this.start += n;
  }

  clear(): void {
    this.start = 0;
    this.end = 0;
  }

  private reserve(count: number): void {
    if (this.end + count <= this.data.length) return;
    const live = this.length;
    if (live + count > this.data.length / 2) {
      const bigger = new Float64Array(Math.max(2 * this.data.length, 2 * (live + count)));
      bigger.set(this.data.subarray(this.start, this.end));
      this.data = bigger;
    } else {
      this.data.copyWithin(0, this.start, this.end);
    }
    this.start = 0;
    this.end = live;
  }
}
