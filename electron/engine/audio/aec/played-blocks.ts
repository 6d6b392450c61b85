/**
 * The last blocks of the reference as played ([-1, 1]), as many as the filter is long: the filter's history is
 * rebuilt from them when the loudspeaker's drive changes, and the drive's candidates when a path appears.
 */
export class PlayedBlocks {
  private readonly blocks: Float64Array;
  /** Index of the newest block. */
  private head = 0;

  constructor(
    private readonly count: number,
    private readonly blockSize: number,
  ) {
    this.blocks = new Float64Array(count * blockSize);
  }

  push(block: ArrayLike<number>): void {
    const N = this.blockSize;
    this.head = (this.head + this.count - 1) % this.count;
    for (let i = 0; i < N; i++) this.blocks[this.head * N + i] = block[i]!;
  }

  /** Oldest first. */
  *oldestFirst(): Generator<Float64Array> {
    const N = this.blockSize;
    for (let p = this.count - 1; p >= 0; p--) {
      const at = (this.head + p) % this.count;
      yield this.blocks.subarray(at * N, (at + 1) * N);
    }
  }
}
