import { describe, expect, it } from 'vitest';
import { predict, seededRandom, trainLinear, type SparseVector } from './linear.ts';

// Feature 0 marks class 0, feature 1 class 1, feature 2 is noise on both.
const docs: SparseVector[] = Array.from({ length: 40 }, (_, i) => ({
  idx: [i % 2, 2],
  val: [1, (i % 5) / 5],
}));
const targets = docs.map((_, i) => (i % 2 === 0 ? [1, 0] : [0, 1]));
const options = { l2: 0.1, epochs: 20, learningRate: 0.5, seed: 3 };

describe('trainLinear', () => {
  it('learns a separable softmax problem', () => {
    const model = trainLinear(docs, targets, 3, { ...options, mode: 'softmax' });
    expect(predict(model, { idx: [0], val: [1] }, 'softmax')[0]).toBeGreaterThan(0.9);
    expect(predict(model, { idx: [1], val: [1] }, 'softmax')[1]).toBeGreaterThan(0.9);
  });

  it('learns independent sigmoid outputs', () => {
    const model = trainLinear(docs, targets, 3, { ...options, mode: 'sigmoid' });
    const p = predict(model, { idx: [0], val: [1] }, 'sigmoid');
    expect(p[0]).toBeGreaterThan(0.8);
    expect(p[1]).toBeLessThan(0.2);
  });

  it('is deterministic for a seed', () => {
    const a = trainLinear(docs, targets, 3, { ...options, mode: 'softmax' });
    const b = trainLinear(docs, targets, 3, { ...options, mode: 'softmax' });
    expect([...b.weights]).toEqual([...a.weights]);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });
});
