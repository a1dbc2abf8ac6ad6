/** Pure helpers of `npm run bench`: percentiles, rates, interleaved splits and the figures' formatting. */

/**
 * The p-th percentile (0–100) of `values` by the nearest-rank method (the smallest value with at least p % of
 * the values at or below it); NaN for an empty list. Does not change `values`.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError('p: expected 0 to 100');
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of `values` in one sort. */
export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0
      ? Number.NaN
      : (sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number);
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

/** Items per second over `ms` milliseconds (0 when no time passed). */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

/**
 * Splits `items` into `parts` interleaved shares (item i goes to share i mod parts), so that every share has
 * the same mix of a time-sorted stream.
 */
export function interleave<T>(items: readonly T[], parts: number): T[][] {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError('parts: expected an integer ≥ 1');
  const shares: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => shares[i % parts]!.push(item));
  return shares;
}

/** The peak resident set (VmHWM) of a /proc/<pid>/status text, in bytes; null when absent. */
export function peakRssBytes(status: string): number | null {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** A Redis INFO field as a number (e.g. `used_memory`); null when absent. */
export function infoField(info: string, field: string): number | null {
  const match = new RegExp(`^${field}:(\\d+)\\r?$`, 'm').exec(info);
  return match ? Number(match[1]) : null;
}

/** The median of `values` (mean of the two middle values for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** 1234567 → '1,234,567'; fractions rounded to `digits`. */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${fmt(bytes / 1024 / 1024, 1)} MiB`;
}

/** utime + stime of a /proc/<pid>/stat text, in clock ticks (the command name may hold spaces and parentheses). */
export function cpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3 of the full line, utime 14 and stime 15.
  return Number(fields[11]) + Number(fields[12]);
}
