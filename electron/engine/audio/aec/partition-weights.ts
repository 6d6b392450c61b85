/**
 * How the adaptive filter's step is shared among its partitions: part by each partition's
 * coefficient energy (proportionate NLMS: the partitions holding the echo learn fastest), part by
 * the envelope a room's response is expected to have (exponentially decaying from the bulk delay
 * on: exponentially weighted step size, Makino 1993). Both concentrate learning where the echo
 * is, so a 256 ms filter converges about as fast as a 50-80 ms one would.
 */

/** Share of the step given by the expected room envelope rather than by the learned coefficients. */
const PRIOR_SHARE = 0.5;
/** Expected amplitude decay per partition: a room of ~300 ms T60 at 8 ms partitions (-0.8 dB per partition). */
const PRIOR_DECAY = 0.91;

export class PartitionWeights {
  /** One weight per partition, summing to 0.99. */
  readonly weight: Float64Array;
  /** The expected envelope, normalized to sum 1. */
  private readonly prior: Float64Array;

  constructor(private readonly partitions: number) {
    this.weight = new Float64Array(partitions);
    this.prior = Float64Array.from({ length: partitions }, (_, p) => PRIOR_DECAY ** p);
    const priorSum = this.prior.reduce((a, b) => a + b, 0);
    for (let p = 0; p < partitions; p++) this.prior[p]! /= priorSum;
  }

  /** The weights for a filter whose partitions hold `energy` (sum_k |W_p,k|^2 per partition). */
  update(energy: ArrayLike<number>): Float64Array {
    const M = this.partitions;
    const weight = this.weight;
    let max = 0;
    for (let p = 0; p < M; p++) {
      weight[p] = Math.sqrt(1e-6 + energy[p]!);
      if (weight[p]! > max) max = weight[p]!;
    }
    let sum = 0;
    for (let p = 0; p < M; p++) {
      weight[p]! += 0.1 * max;
      sum += weight[p]!;
    }
    for (let p = 0; p < M; p++) weight[p] = 0.99 * ((1 - PRIOR_SHARE) * (weight[p]! / sum) + PRIOR_SHARE * this.prior[p]!);
    return weight;
  }
}
