/**
 * When generated posts appear: an hourly grid over [end - days, end] weighted by a daily and weekly rhythm
 * in Stockholm time and a slow background wave, plus the shapes for rising themes and the burst day.
 */
import { searchCumulative, type Rng } from './rng.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Who posts: people on social media, offices (municipalities, authorities) or newsrooms. */
export type Rhythm = 'social' | 'official' | 'news';

/** Relative activity per Stockholm local hour 0–23. */
const DAILY: Record<Rhythm, readonly number[]> = {
  social: [
    0.38, 0.22, 0.13, 0.08, 0.07, 0.1, 0.2, 0.38, 0.55, 0.66, 0.72, 0.8, 0.9, 0.86, 0.8, 0.84, 0.95, 1.1, 1.3,
    1.55, 1.75, 1.8, 1.5, 0.92,
  ],
  official: [
    0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.08, 0.45, 1.35, 1.8, 1.7, 1.4, 1.05, 1.45, 1.55, 1.25, 0.75, 0.38,
    0.22, 0.18, 0.14, 0.1, 0.06, 0.03,
  ],
  news: [
    0.12, 0.06, 0.04, 0.04, 0.06, 0.2, 0.6, 1.0, 1.3, 1.3, 1.2, 1.2, 1.1, 1.1, 1.1, 1.0, 1.0, 0.9, 0.8, 0.7,
    0.62, 0.5, 0.35, 0.2,
  ],
};

/** Relative activity per Stockholm local weekday, Monday first. */
const WEEKLY: Record<Rhythm, readonly number[]> = {
  social: [0.97, 0.93, 0.95, 1.0, 1.12, 1.22, 1.2],
  official: [1.05, 1.0, 1.0, 1.0, 0.85, 0.1, 0.07],
  news: [1.0, 1.0, 1.0, 1.0, 0.95, 0.6, 0.55],
};

const lastSundayUtc = (year: number, month: number): number => {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
};

/** Stockholm's UTC offset in ms at `utcMs` (EU rule: summer time from the last Sunday of March to that of October, 01:00 UTC). */
export function stockholmOffsetMs(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const summer = utcMs >= lastSundayUtc(year, 2) && utcMs < lastSundayUtc(year, 9);
  return (summer ? 2 : 1) * HOUR_MS;
}

/** Stockholm local hour (0–23) and weekday (0 = Monday … 6 = Sunday) of an instant. */
export function stockholmClock(utcMs: number): { hour: number; weekday: number } {
  const local = utcMs + stockholmOffsetMs(utcMs);
  const day = Math.floor(local / DAY_MS);
  return { hour: Math.floor((local - day * DAY_MS) / HOUR_MS), weekday: (((day + 3) % 7) + 7) % 7 };
}

/** Rise factor at position x in [0, 1] through a window: 1 at the start, `peak` at the end, logistic in between. */
export function rampBoost(x: number, peak: number): number {
  if (x <= 0) return 1;
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-10 * (v - 0.3)));
  const s = (sigmoid(Math.min(1, x)) - sigmoid(0)) / (sigmoid(1) - sigmoid(0));
  return 1 + (peak - 1) * s;
}

export interface TimeGrid {
  startMs: number;
  endMs: number;
  bins: number;
  /** Length of the rising window (14 days, or half the range when that is shorter). */
  risingWindowMs: number;
  /** Start of the burst day (a protest-call wave) somewhere in the middle of the range. */
  burstStartMs: number;
  /** Relative weight of each hour bin for a rhythm, background wave included. */
  rhythm: Record<Rhythm, Float64Array>;
}

/** Builds the hourly grid; `rng` chooses the background wave's phases and the burst day. */
export function buildGrid(end: Date, days: number, rng: Rng): TimeGrid {
  const endMs = end.getTime();
  const startMs = endMs - days * DAY_MS;
  const bins = Math.max(1, Math.ceil((endMs - startMs) / HOUR_MS));
  const phase1 = rng.next() * 2 * Math.PI;
  const phase2 = rng.next() * 2 * Math.PI;
  const burstStartMs = startMs + Math.floor(days * (0.4 + 0.2 * rng.next())) * DAY_MS;
  const rhythm = {
    social: new Float64Array(bins),
    official: new Float64Array(bins),
    news: new Float64Array(bins),
  };
  for (let i = 0; i < bins; i++) {
    const mid = Math.min(startMs + (i + 0.5) * HOUR_MS, endMs);
    const clock = stockholmClock(mid);
    const dayNo = (mid - startMs) / DAY_MS;
    const background =
      1 +
      0.22 * Math.sin((2 * Math.PI * dayNo) / 29 + phase1) +
      0.12 * Math.sin((2 * Math.PI * dayNo) / 11 + phase2);
    const partial = Math.min(1, (endMs - (startMs + i * HOUR_MS)) / HOUR_MS);
    for (const key of ['social', 'official', 'news'] as const) {
      const daily = DAILY[key][clock.hour] ?? 1;
      const weekly = WEEKLY[key][clock.weekday] ?? 1;
      rhythm[key][i] = daily * weekly * background * partial;
    }
  }
  return {
    startMs,
    endMs,
    bins,
    risingWindowMs: Math.min(14 * DAY_MS, (days * DAY_MS) / 2),
    burstStartMs,
    rhythm,
  };
}

/** Middle of hour bin `i`, clamped to the range. */
export function binMid(grid: TimeGrid, i: number): number {
  return Math.min(grid.startMs + (i + 0.5) * HOUR_MS, grid.endMs);
}

/** How far (0..1) into the rising window an instant is; 0 before the window. */
export function risingPosition(grid: TimeGrid, ms: number): number {
  const windowStart = grid.endMs - grid.risingWindowMs;
  return ms <= windowStart ? 0 : (ms - windowStart) / grid.risingWindowMs;
}

/** A rhythm multiplied by a per-bin factor, e.g. a ramp or the burst envelope. */
export function shapedProfile(
  grid: TimeGrid,
  rhythm: Rhythm,
  factor: (midMs: number) => number,
): Float64Array {
  const base = grid.rhythm[rhythm];
  const out = new Float64Array(grid.bins);
  for (let i = 0; i < grid.bins; i++) out[i] = (base[i] ?? 0) * factor(binMid(grid, i));
  return out;
}

/** The burst envelope: full on the burst day, fading over the next two days; nothing elsewhere. */
export function burstFactor(grid: TimeGrid, ms: number): number {
  const day = Math.floor((ms - grid.burstStartMs) / DAY_MS);
  return day === 0 ? 1 : day === 1 ? 0.3 : day === 2 ? 0.08 : 0;
}

/** Draws instants from a per-bin weight profile. */
export class ProfileSampler {
  readonly total: number;
  private readonly cumulative: Float64Array;

  constructor(
    private readonly grid: TimeGrid,
    weights: Float64Array,
  ) {
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      total += weights[i] ?? 0;
      this.cumulative[i] = total;
    }
    this.total = total;
  }

  /** An instant in ms, whole seconds, within [start, end]. */
  sample(rng: Rng): number {
    const bin = searchCumulative(this.cumulative, rng.next() * this.total);
    const binStart = this.grid.startMs + bin * HOUR_MS;
    const binLength = Math.min(HOUR_MS, this.grid.endMs - binStart);
    const ms = Math.floor((binStart + rng.next() * binLength) / 1000) * 1000;
    return Math.min(this.grid.endMs, Math.max(this.grid.startMs, ms));
  }
}

/** Relative activity of a rhythm at an instant: Stockholm hour of day × weekday (no background wave). */
export function activityAt(rhythm: Rhythm, utcMs: number): number {
  const clock = stockholmClock(utcMs);
  return (DAILY[rhythm][clock.hour] ?? 1) * (WEEKLY[rhythm][clock.weekday] ?? 1);
}
