import { describe, expect, it } from 'vitest';
import { createRng, hashSeed, weightedPicker } from './rng.ts';

const draw = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
    expect(draw(42, 100)).not.toEqual(draw(43, 100));
  });

  it('gives floats in [0, 1) with a mean near 0.5', () => {
    const values = draw(1, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it('accepts non-integer and negative seeds deterministically', () => {
    expect(draw(1.5, 5)).toEqual(draw(1.5, 5));
    expect(draw(-7, 5)).toEqual(draw(-7, 5));
  });

  it('int covers both bounds and nothing outside', () => {
    const rng = createRng(3);
    const seen = new Set(Array.from({ length: 2_000 }, () => rng.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('pick, chance and weighted follow their probabilities', () => {
    const rng = createRng(9);
    const n = 20_000;
    let heads = 0;
    let heavy = 0;
    for (let i = 0; i < n; i++) {
      if (rng.chance(0.3)) heads++;
      if (rng.weighted(['a', 'b'], [3, 1]) === 'a') heavy++;
    }
    expect(heads / n).toBeCloseTo(0.3, 1);
    expect(heavy / n).toBeCloseTo(0.75, 1);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('normal has the asked mean and spread', () => {
    const rng = createRng(5);
    const values = Array.from({ length: 20_000 }, () => rng.normal(10, 2));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('shuffle permutes and sample draws distinct elements', () => {
    const rng = createRng(11);
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect([...rng.shuffle([...items])].sort((a, b) => a - b)).toEqual(items);
    const sample = rng.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(rng.sample([1, 2], 5)).toHaveLength(2);
  });
});

describe('weightedPicker', () => {
  it('never picks a zero-weight item and rejects bad weights', () => {
    const pick = weightedPicker(['x', 'y', 'z'], [1, 0, 1]);
    const rng = createRng(2);
    for (let i = 0; i < 2_000; i++) expect(pick(rng)).not.toBe('y');
    expect(() => weightedPicker(['x'], [0])).toThrow(RangeError);
    expect(() => weightedPicker(['x'], [Number.NaN])).toThrow(RangeError);
  });
});

describe('hashSeed', () => {
  it('is stable and separates its parts', () => {
    expect(hashSeed(1, 'author', 'ar')).toBe(hashSeed(1, 'author', 'ar'));
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
  });
});
