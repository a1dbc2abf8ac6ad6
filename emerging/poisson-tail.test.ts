import { describe, expect, it } from 'vitest';
import { gammaP, normalQuantile, poissonTailScore } from './poisson-tail.ts';

describe('normalQuantile', () => {
  it.each([
    { p: 0.5, z: 0 },
    { p: 0.975, z: 1.959964 },
    { p: 0.001, z: -3.090232 },
    { p: 1e-6, z: -4.753424 },
  ])('Φ⁻¹($p) = $z', ({ p, z }) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 5);
  });
});

describe('gammaP', () => {
  it.each([
    // P(X ≥ k) for Poisson(λ) = P(k, λ): 1 − e^{−λ} for k = 1; the series and the continued fraction.
    { a: 1, x: 2, p: 1 - Math.exp(-2) },
    { a: 10, x: 2, p: 4.6498e-5 },
    { a: 3, x: 7, p: 0.9703638 },
    { a: 60, x: 30, p: 9.2519e-7 },
  ])('P($a, $x)', ({ a, x, p }) => {
    expect(gammaP(a, x)).toBeCloseTo(p, 5);
    expect(gammaP(a, x) / p).toBeCloseTo(1, 3);
  });
});

describe('poissonTailScore', () => {
  it.each([
    { observed: 10, expected: 2, phi: 1, above: 3.85, below: 3.95, why: 'a 1-in-20,000 tail' },
    { observed: 100, expected: 100, phi: 1, above: -0.2, below: 0.2, why: 'at the expected level' },
    { observed: 130, expected: 100, phi: 1, above: 2.6, below: 3, why: 'large counts: near (o − e)/√e' },
    { observed: 20, expected: 4, phi: 2, above: 3, below: 4, why: 'overdispersion weakens the evidence' },
    { observed: 0, expected: 3, phi: 1, above: -2, below: -1, why: 'an empty window is below expected' },
    { observed: 500, expected: 1, phi: 1, above: 11.9, below: 12.1, why: 'capped where the tail underflows' },
  ])('$why', ({ observed, expected, phi, above, below }) => {
    const score = poissonTailScore(observed, expected, phi);
    expect(score).toBeGreaterThan(above);
    expect(score).toBeLessThan(below);
  });

  it('gives thin series the same surprise as large ones for the same tail', () => {
    // 10 where 2 are due and 130 where ~88 are due are both about 1 in 20,000.
    expect(poissonTailScore(10, 2, 1)).toBeCloseTo(poissonTailScore(130, 88, 1), 0);
  });
});
