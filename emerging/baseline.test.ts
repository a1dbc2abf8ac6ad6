import { describe, expect, it } from 'vitest';
import { seededRandom as rng } from '../classifier/model/linear.ts';
import { overdispersion, type Profile } from './baseline.ts';

const FLAT: Profile = { kind: 'flat', slots: new Float64Array([1]), period: 1 };

function poisson(mean: number, next: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

/** 28 days of hourly counts at `perHour`; with `burst` > 1, every hour's mean is scaled by a gamma-ish draw. */
function hours(perHour: number, seed: number, burst = 1): number[] {
  const next = rng(seed);
  return Array.from({ length: 28 * 24 }, (_, i) => {
    // One shared multiplier per 6-hour window makes the windows' sums overdispersed.
    const windowRng = rng(seed * 1000 + Math.floor(i / 6));
    const factor = burst === 1 ? 1 : windowRng() < 0.5 ? 1 / burst : burst;
    return poisson(perHour * factor, next);
  });
}

describe('overdispersion', () => {
  it.each([
    { perHour: 1 / 6, why: 'one post per window' },
    { perHour: 0.5, why: 'three posts per window' },
    { perHour: 5, why: 'thirty posts per window' },
  ])('reads Poisson counts as about 1 at $why', ({ perHour }) => {
    // 112 windows: one history can read up to ~1.4 by chance; the average of several stays near 1.
    const phis = [1, 2, 3, 4, 5].map((seed) => overdispersion(hours(perHour, seed), 0, perHour, FLAT, 6));
    for (const phi of phis) expect(phi).toBeLessThan(1.5);
    expect(phis.reduce((sum, phi) => sum + phi, 0) / phis.length).toBeLessThan(1.2);
  });

  it('finds the extra spread of bursty counts', () => {
    expect(overdispersion(hours(5, 7, 2), 0, 5 * 1.25, FLAT, 6)).toBeGreaterThan(3);
  });

  it('is 1 with too little history to judge', () => {
    expect(overdispersion([3, 9, 0, 12], 0, 6, FLAT, 1)).toBe(1);
  });
});
