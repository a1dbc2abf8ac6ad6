/**
 * Expected levels from hourly history (pure): a seasonal profile (same hour of the week, else same hour of day,
 * else flat) taken from a dense series, times a key's own level; and the spread of its window sums.
 * Medians and trimmed means keep past events and holiday lulls from moving the baseline much.
 */

export const HOUR_MS = 3_600_000;
const WEEK_HOURS = 168;
const DAY_HOURS = 24;

export type BaselineKind = 'hour_of_week' | 'hour_of_day' | 'flat';

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Mean after dropping the highest `share` of values (past events), at least one value kept. */
export function upperTrimmedMean(values: readonly number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const keep = Math.max(1, Math.round(sorted.length * (1 - share)));
  let sum = 0;
  for (let i = 0; i < keep; i++) sum += sorted[i] as number;
  return sum / keep;
}

const lastSundayUtc = (year: number, month: number): number => {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
};

/**
 * The analysts' local hour index (Europe/Stockholm, EU summer-time rule) of UTC hour `hour`: people keep their
 * local rhythm across a clock change, so seasonal slots are local hours, not UTC ones.
 */
export function localHour(hour: number): number {
  const ms = hour * HOUR_MS;
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayUtc(year, 2) && ms < lastSundayUtc(year, 9);
  return hour + (summer ? 2 : 1);
}

/** Relative activity per hour slot, mean 1 over the slots, from a dense hourly series. */
export interface Profile {
  kind: BaselineKind;
  /** Hour of the week (168 slots) or of day (24) in local time (`localHour` modulo the period). */
  slots: Float64Array;
  period: number;
}

/**
 * The profile of `counts` (hourly, `counts[i]` is the hour starting at `startHour + i`, hours since the epoch):
 * with at least 2 weeks of data, hour of day × day of week (each a trimmed mean across its days, so a holiday or
 * an event moves it little); with at least 4 days, hour of day; else flat. Normalised to mean 1.
 */
export function seasonalProfile(counts: readonly number[], startHour: number): Profile {
  const kind: BaselineKind =
    counts.length >= 2 * WEEK_HOURS
      ? 'hour_of_week'
      : counts.length >= 4 * DAY_HOURS
        ? 'hour_of_day'
        : 'flat';
  if (kind === 'flat') return { kind, slots: new Float64Array([1]), period: 1 };
  const perHour: number[][] = Array.from({ length: DAY_HOURS }, () => []);
  const dayTotals = new Map<number, number>();
  counts.forEach((count, i) => {
    const local = localHour(startHour + i);
    perHour[((local % DAY_HOURS) + DAY_HOURS) % DAY_HOURS]?.push(count);
    const day = Math.floor(local / DAY_HOURS);
    dayTotals.set(day, (dayTotals.get(day) ?? 0) + count);
  });
  const daily = perHour.map((values) => upperTrimmedMean(values, 0.15));
  const dayMean = daily.reduce((sum, v) => sum + v, 0) / DAY_HOURS;
  if (dayMean <= 0) return { kind: 'flat', slots: new Float64Array([1]), period: 1 };
  const dayShape = daily.map((v) => Math.max(v, dayMean / 10) / dayMean);
  if (kind === 'hour_of_day') return { kind, slots: normalise(dayShape), period: DAY_HOURS };
  // Whole local days only: the first and last may be partial. Day 0 of the epoch (1970-01-01) was a Thursday.
  const perWeekday: number[][] = Array.from({ length: 7 }, () => []);
  const days = [...dayTotals.keys()].sort((a, b) => a - b).slice(1, -1);
  for (const day of days) perWeekday[(day + 3) % 7]?.push(dayTotals.get(day) ?? 0);
  const weekday = perWeekday.map((values) => upperTrimmedMean(values, 0.2));
  const weekMean = weekday.reduce((sum, v) => sum + v, 0) / 7;
  const slots: number[] = [];
  // Slot index = local hour modulo 168, i.e. counted from Thursday 00:00 (the epoch's weekday).
  for (let slot = 0; slot < WEEK_HOURS; slot++) {
    const weekdayIndex = (Math.floor(slot / DAY_HOURS) + 3) % 7;
    const factor = weekMean > 0 ? (weekday[weekdayIndex] ?? weekMean) / weekMean : 1;
    slots.push((dayShape[slot % DAY_HOURS] ?? 1) * Math.max(0.1, factor));
  }
  return { kind, slots: normalise(slots), period: WEEK_HOURS };
}

function normalise(values: readonly number[]): Float64Array {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return new Float64Array(values.map((v) => v / mean));
}

export function profileAt(profile: Profile, hour: number): number {
  const local = localHour(hour);
  return profile.slots[((local % profile.period) + profile.period) % profile.period] ?? 1;
}

/**
 * A key's level (posts per hour at profile 1): the upper-trimmed mean of its daily rates, each day's count over
 * the day's profile sum; the top 15 % of days are dropped so a past event does not raise the level.
 */
export function keyLevel(counts: readonly number[], startHour: number, profile: Profile): number {
  const rates: number[] = [];
  for (let day = 0; day + DAY_HOURS <= counts.length; day += DAY_HOURS) {
    let observed = 0;
    let weight = 0;
    for (let i = day; i < day + DAY_HOURS; i++) {
      observed += counts[i] ?? 0;
      weight += profileAt(profile, startHour + i);
    }
    rates.push(observed / weight);
  }
  if (rates.length === 0) {
    const total = counts.reduce((sum, v) => sum + v, 0);
    return counts.length === 0 ? 0 : total / counts.length;
  }
  return upperTrimmedMean(rates, 0.15);
}

/** Expected posts over [fromMs, toMs) for a key of `level` under `profile`, partial hours pro rata. */
export function expectedOver(level: number, profile: Profile, fromMs: number, toMs: number): number {
  let total = 0;
  for (let hour = Math.floor(fromMs / HOUR_MS); hour * HOUR_MS < toMs; hour++) {
    const start = Math.max(fromMs, hour * HOUR_MS);
    const end = Math.min(toMs, (hour + 1) * HOUR_MS);
    total += ((end - start) / HOUR_MS) * level * profileAt(profile, hour);
  }
  return total;
}

/** Share of the largest squared residuals `overdispersion` drops (windows with past events). */
const DISPERSION_TRIM = 0.1;
/**
 * E[X | X below its 90th percentile] for X ~ χ²(1): x·f₁(x) = f₃(x), so it is P(χ²(3) < 2.7055) / 0.9 = 0.623.
 * Dividing the trimmed mean of squared residuals by it makes the estimate 1 for Poisson counts.
 */
const TRIMMED_CHI2_MEAN = 0.623;

/**
 * Overdispersion of a key's window sums against Poisson: the mean of the squared Pearson residuals of
 * non-overlapping `windowHours` windows in its history, the largest 10 % dropped (past events) and rescaled so
 * Poisson counts give 1; at least 1, at most 16. Not a MAD: on the few posts of a thin key the residuals take a
 * handful of values and the MAD jumps between them (1 post per window reads as φ 2.2 for pure Poisson counts).
 */
export function overdispersion(
  counts: readonly number[],
  startHour: number,
  level: number,
  profile: Profile,
  windowHours: number,
): number {
  const squares: number[] = [];
  for (let i = 0; i + windowHours <= counts.length; i += windowHours) {
    let observed = 0;
    let expected = 0;
    for (let h = i; h < i + windowHours; h++) {
      observed += counts[h] ?? 0;
      expected += level * profileAt(profile, startHour + h);
    }
    if (expected > 0.5) squares.push((observed - expected) ** 2 / expected);
  }
  if (squares.length < 8) return 1;
  const phi = upperTrimmedMean(squares, DISPERSION_TRIM) / TRIMMED_CHI2_MEAN;
  return Math.min(16, Math.max(1, phi));
}
