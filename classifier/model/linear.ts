/**
 * Sparse linear models (pure, deterministic): softmax regression for one-of-K labels and independent
 * logistic outputs for multi-label, trained by AdaGrad over a seeded shuffle with L2 regularisation.
 * Written here because natural's LogisticRegressionClassifier builds dense vocabulary-sized matrices
 * (minutes per model on this corpus) and restores nothing but whole training sets.
 */

/** One document: feature indexes and values (same length). */
export interface SparseVector {
  idx: number[];
  val: number[];
}

export interface LinearOptions {
  /** `softmax`: exactly one output is 1 per target row; `sigmoid`: each output on its own. */
  mode: 'softmax' | 'sigmoid';
  /** L2 strength: the penalty is l2/2·|w|² against the summed (weighted) losses of all documents. */
  l2: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** Weight of each document's loss (default 1); used to balance classes. */
  sampleWeights?: readonly number[];
}

/** Row-major weights (feature × output) and one bias per output. */
export interface LinearModel {
  outputs: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** mulberry32: a small seeded generator, so training order is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Raw output scores (logits) of a document. */
export function logits(
  model: LinearModel,
  x: SparseVector,
  out = new Float64Array(model.outputs),
): Float64Array {
  const k = model.outputs;
  out.set(model.bias);
  for (let n = 0; n < x.idx.length; n++) {
    const row = (x.idx[n] ?? 0) * k;
    const v = x.val[n] ?? 0;
    for (let o = 0; o < k; o++) out[o] = (out[o] ?? 0) + v * (model.weights[row + o] ?? 0);
  }
  return out;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Softmax in place. */
export function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += z[i] = Math.exp((z[i] ?? 0) - max);
  for (let i = 0; i < z.length; i++) z[i] = (z[i] ?? 0) / sum;
  return z;
}

/** Probabilities per output: softmax over outputs, or a sigmoid each. */
export function predict(model: LinearModel, x: SparseVector, mode: LinearOptions['mode']): Float64Array {
  const z = logits(model, x);
  if (mode === 'softmax') return softmax(z);
  for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i] ?? 0);
  return z;
}

/**
 * Trains on `docs` with 0/1 `targets` (one row of `outputs` per document). Deterministic for the same
 * inputs and seed: the only randomness is the epoch order.
 */
export function trainLinear(
  docs: readonly SparseVector[],
  targets: readonly (readonly number[])[],
  features: number,
  options: LinearOptions,
): LinearModel {
  const k = targets[0]?.length ?? 0;
  const model: LinearModel = {
    outputs: k,
    weights: new Float64Array(features * k),
    bias: new Float64Array(k),
  };
  const gradSq = new Float64Array(features * k).fill(1e-8);
  const biasSq = new Float64Array(k).fill(1e-8);
  const random = seededRandom(options.seed);
  const order = docs.map((_, i) => i);
  // The penalty is spread over the documents that touch a feature, so each epoch applies it once per
  // weight without a dense pass over the whole vocabulary.
  const df = new Float64Array(features);
  for (const x of docs) for (const i of x.idx) df[i] = (df[i] ?? 0) + 1;
  const grad = new Float64Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const d of shuffled(order, random)) {
      const x = docs[d];
      const y = targets[d];
      if (!x || !y) continue;
      const p = predict(model, x, options.mode);
      const w = options.sampleWeights?.[d] ?? 1;
      for (let o = 0; o < k; o++) grad[o] = w * ((p[o] ?? 0) - (y[o] ?? 0));
      for (let o = 0; o < k; o++) {
        const g = grad[o] ?? 0;
        biasSq[o] = (biasSq[o] ?? 0) + g * g;
        model.bias[o] = (model.bias[o] ?? 0) - (options.learningRate * g) / Math.sqrt(biasSq[o] ?? 1);
      }
      for (let n = 0; n < x.idx.length; n++) {
        const feature = x.idx[n] ?? 0;
        const row = feature * k;
        const v = x.val[n] ?? 0;
        const l2 = options.l2 / (df[feature] ?? 1);
        for (let o = 0; o < k; o++) {
          const i = row + o;
          const wi = model.weights[i] ?? 0;
          const g = (grad[o] ?? 0) * v + l2 * wi;
          gradSq[i] = (gradSq[i] ?? 0) + g * g;
          model.weights[i] = wi - (options.learningRate * g) / Math.sqrt(gradSq[i] ?? 1);
        }
      }
    }
  }
  return model;
}
