/** Publication-time spans of post batches, for statements on the month-partitioned `posts` table. */
import { sql, type RawBuilder } from 'kysely';

/**
 * The publication times a batch of posts spans. Given to a statement on `posts` by id, it lets Postgres plan only
 * the months in that span instead of every month of the partitioned table (planning an UPDATE over every month
 * cost more than running it).
 */
export interface PostSpan {
  from: Date;
  to: Date;
}

export function spanOf(times: readonly Date[]): PostSpan | undefined {
  if (times.length === 0) return undefined;
  let from = times[0]!.getTime();
  let to = from;
  for (const time of times) {
    from = Math.min(from, time.getTime());
    to = Math.max(to, time.getTime());
  }
  // A millisecond either side: Postgres keeps microseconds, a Date rounds them away.
  return { from: new Date(from - 1), to: new Date(to + 1) };
}

/** `column` within the span (true without one); the bounds are parameters, so planning can prune months. */
export function inSpan(column: RawBuilder<unknown>, span: PostSpan | undefined): RawBuilder<boolean> {
  return span
    ? sql<boolean>`${column} BETWEEN ${span.from}::timestamptz AND ${span.to}::timestamptz`
    : sql<boolean>`true`;
}
