/**
 * Logistic regression with an L2 penalty, trained by full-batch gradient descent from zero weights (no randomness:
 * the same data gives the same weights). Features are standardised with the training set's mean and spread, kept in
 * the weights so a phrase is scored the same way at run time.
 */
export interface LogisticWeights {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export function score(model: LogisticWeights, x: Float32Array): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += ((x[i]! - model.mean[i]!) / model.scale[i]!) * model.weights[i]!;
  return 1 / (1 + Math.exp(-z));
}

export interface TrainOptions {
  l2: number;
  steps: number;
  rate: number;
  /** Weight of a positive (backchannel) example relative to a negative one. */
  positiveWeight: number;
}

export function train(xs: readonly Float32Array[], ys: readonly number[], options: TrainOptions): LogisticWeights {
  const n = xs[0]!.length;
  const mean = new Array<number>(n).fill(0);
  const scale = new Array<number>(n).fill(0);
  for (const x of xs) for (let i = 0; i < n; i++) mean[i]! += x[i]! / xs.length;
  for (const x of xs) for (let i = 0; i < n; i++) scale[i]! += (x[i]! - mean[i]!) ** 2 / xs.length;
  for (let i = 0; i < n; i++) scale[i] = Math.sqrt(scale[i]!) || 1;
  const zs = xs.map((x) => Float64Array.from(x, (v, i) => (v - mean[i]!) / scale[i]!));
  const w = new Float64Array(n);
  let b = 0;
  const sampleWeight = ys.map((y) => (y === 1 ? options.positiveWeight : 1));
  const total = sampleWeight.reduce((a, c) => a + c, 0);
  for (let step = 0; step < options.steps; step++) {
    const grad = new Float64Array(n);
    let gb = 0;
    zs.forEach((z, k) => {
      let s = b;
      for (let i = 0; i < n; i++) s += z[i]! * w[i]!;
      const err = (1 / (1 + Math.exp(-s)) - ys[k]!) * sampleWeight[k]!;
      for (let i = 0; i < n; i++) grad[i]! += err * z[i]!;
      gb += err;
    });
    for (let i = 0; i < n; i++) w[i]! -= options.rate * (grad[i]! / total + options.l2 * w[i]!);
    b -= (options.rate * gb) / total;
  }
  return { mean, scale, weights: [...w], bias: b };
}
