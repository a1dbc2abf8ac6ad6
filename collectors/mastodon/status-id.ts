/** Mastodon ids are strings ordered as numbers (snowflakes); other servers' ids still order by length, then text. */

/** Negative when `a` is older than `b`, 0 when equal, positive when newer. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The newest of the ids, or `fallback` when there are none or none is newer. */
export function newestId(ids: readonly string[], fallback?: string): string | undefined {
  let newest = fallback;
  for (const id of ids) if (newest === undefined || compareIds(id, newest) > 0) newest = id;
  return newest;
}
