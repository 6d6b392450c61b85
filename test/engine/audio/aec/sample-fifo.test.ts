import { describe, expect, it } from 'vitest';
import { SampleFifo } from '../../../../electron/engine/audio/aec/sample-fifo.js';

describe('SampleFifo', () => {
  it('gives samples back in the order they came, across growth and compaction', () => {
    const fifo = new SampleFifo(8);
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      fifo.push(Array.from({ length: 5 + (round % 7) }, () => next++));
      const take = new Float64Array(4 + (round % 5));
      if (take.length <= fifo.length) {
        fifo.shiftInto(take);
        out.push(...take);
      }
    }
    const rest = new Float64Array(fifo.length);
    fifo.shiftInto(rest);
    out.push(...rest);
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
  });

  it('reads zeros where it ran short, and a fixed delay is zeros first', () => {
    const fifo = new SampleFifo();
    fifo.pushZeros(2);
    fifo.push([1, 2]);
    const out = new Float32Array(6).fill(9);
    fifo.shiftInto(out);
    expect([...out]).toEqual([0, 0, 1, 2, 0, 0]);
    expect(fifo.length).toBe(0);
  });
});
