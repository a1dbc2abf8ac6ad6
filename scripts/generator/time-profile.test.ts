import { describe, expect, it } from 'vitest';
import { createRng } from './rng.ts';
import { ProfileSampler, buildGrid, rampBoost, stockholmClock, stockholmOffsetMs } from './time-profile.ts';

const HOUR = 3_600_000;

describe('Stockholm clock', () => {
  it.each([
    ['2025-01-15T12:00:00Z', 1],
    ['2025-07-15T12:00:00Z', 2],
    ['2025-03-30T00:59:59Z', 1], // summer time starts 01:00 UTC on the last Sunday of March
    ['2025-03-30T01:00:00Z', 2],
    ['2025-10-26T00:59:59Z', 2], // and ends 01:00 UTC on the last Sunday of October
    ['2025-10-26T01:00:00Z', 1],
  ])('%s is UTC+%i', (iso, hours) => {
    expect(stockholmOffsetMs(Date.parse(iso))).toBe(hours * HOUR);
  });

  it('gives the local hour and a Monday-first weekday', () => {
    expect(stockholmClock(Date.parse('2025-06-02T18:30:00Z'))).toEqual({ hour: 20, weekday: 0 }); // Monday
    expect(stockholmClock(Date.parse('2025-12-31T23:30:00Z'))).toEqual({ hour: 0, weekday: 3 }); // Thursday 1 Jan
  });
});

describe('rampBoost', () => {
  it('is 1 before the window and reaches the peak at its end, rising monotonically', () => {
    expect(rampBoost(-0.5, 5)).toBe(1);
    expect(rampBoost(0, 5)).toBe(1);
    expect(rampBoost(1, 5)).toBeCloseTo(5, 10);
    const steps = [0.1, 0.3, 0.5, 0.7, 0.9].map((x) => rampBoost(x, 5));
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });
});

describe('ProfileSampler', () => {
  it('keeps every instant inside [end - days, end], also for a fractional day count', () => {
    const end = new Date('2025-06-01T10:17:33.250Z');
    const grid = buildGrid(end, 2.5, createRng(1));
    const sampler = new ProfileSampler(grid, grid.rhythm.social);
    const rng = createRng(2);
    for (let i = 0; i < 5_000; i++) {
      const ms = sampler.sample(rng);
      expect(ms).toBeGreaterThanOrEqual(grid.startMs);
      expect(ms).toBeLessThanOrEqual(end.getTime());
    }
  });

  it('puts official posts in office hours and people’s posts in the evening', () => {
    const end = new Date('2025-06-01T00:00:00Z');
    const grid = buildGrid(end, 28, createRng(1));
    const rng = createRng(3);
    const hours = (weights: Float64Array) => {
      const sampler = new ProfileSampler(grid, weights);
      return Array.from({ length: 4_000 }, () => stockholmClock(sampler.sample(rng)).hour);
    };
    const office = hours(grid.rhythm.official);
    const social = hours(grid.rhythm.social);
    const share = (xs: number[], from: number, to: number) =>
      xs.filter((h) => h >= from && h < to).length / xs.length;
    expect(share(office, 8, 17)).toBeGreaterThan(0.85);
    expect(share(social, 19, 23)).toBeGreaterThan(3 * share(social, 2, 6));
  });
});
