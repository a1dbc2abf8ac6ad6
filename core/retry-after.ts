/** The HTTP Retry-After header, read the same way by the collectors' fetches and the alert webhooks. */

/**
 * Retry-After as ms from `now`, at most `maxMs`: delta-seconds or an HTTP date (which has letters: Date.parse
 * would read "1.5" as a date); null when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
  maxMs = Number.POSITIVE_INFINITY,
): number | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (!Number.isFinite(at) || !/[a-z]/i.test(trimmed)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), maxMs);
}
