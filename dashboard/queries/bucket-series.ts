/**
 * Chart: posts per Stockholm day or ISO week, zero-filled, split by language (rumour posts, each post once
 * however many themes it carries) or by stance (rumour posts vs counter-messages, for one theme or all), with
 * the views the sources reported beside the counts so reach can be compared where it exists.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { ANALYST_TIME_ZONE } from '../params.ts';
import { rollupCut, rollupDays, rollupTheme, type Cut } from './cut.ts';

export interface BucketSeries {
  key: string;
  counts: number[];
  /** Sum of reported views per bucket (0 where no post reports any). */
  views: number[];
  total: number;
  totalViews: number;
  /** Posts that report views at all: reach in views is only as good as this share. */
  postsWithViews: number;
}

export interface BucketChart {
  from: string;
  to: string;
  interval: 'day' | 'week';
  timeZone: string;
  modelVersion: string;
  buckets: string[];
  series: BucketSeries[];
}

export interface BucketQuery extends Cut {
  interval: 'day' | 'week';
  theme?: string | undefined;
}

export async function bucketSeries(
  db: Db,
  modelVersion: string,
  query: BucketQuery,
  split: 'lang' | 'stance',
): Promise<BucketChart> {
  const tz = ANALYST_TIME_ZONE;
  const buckets = await sql<{ bucket: string }>`
    SELECT to_char(d, 'YYYY-MM-DD') AS bucket
    FROM generate_series(date_trunc(${query.interval}, ${query.from}::date::timestamp),
                         ${query.to}::date::timestamp, ('1 ' || ${query.interval})::interval) AS d`.execute(
    db,
  );
  const key = split === 'lang' ? sql<string>`r.lang` : sql<string>`r.kind`;
  const rows = await sql<{ bucket: string; key: string; posts: number; views: number; with_views: number }>`
    SELECT to_char(date_trunc(${query.interval}, r.day::timestamp), 'YYYY-MM-DD') AS bucket, ${key} AS key,
           sum(r.posts)::int AS posts, sum(r.views_sum)::float8 AS views, sum(r.views_n)::int AS with_views
    FROM rollup_cells r
    WHERE ${rollupDays(query.from, query.to)} AND ${rollupCut(query, modelVersion)}
      AND ${rollupTheme(query.theme)}
      AND ${split === 'lang' ? sql`r.kind = 'rumour'` : sql`r.kind IN ('rumour', 'counter')`}
    GROUP BY 1, 2
    HAVING sum(r.posts) > 0`.execute(db);

  const index = new Map(buckets.rows.map((row, i) => [row.bucket, i]));
  const series = new Map<string, BucketSeries>();
  const seriesOf = (name: string): BucketSeries => {
    let entry = series.get(name);
    if (!entry) {
      entry = {
        key: name,
        counts: buckets.rows.map(() => 0),
        views: buckets.rows.map(() => 0),
        total: 0,
        totalViews: 0,
        postsWithViews: 0,
      };
      series.set(name, entry);
    }
    return entry;
  };
  if (split === 'stance') {
    seriesOf('rumour');
    seriesOf('counter');
  }
  for (const row of rows.rows) {
    const at = index.get(row.bucket);
    if (at === undefined) continue;
    const entry = seriesOf(row.key);
    entry.counts[at] = row.posts;
    entry.views[at] = row.views;
    entry.total += row.posts;
    entry.totalViews += row.views;
    entry.postsWithViews += row.with_views;
  }
  return {
    from: query.from,
    to: query.to,
    interval: query.interval,
    timeZone: tz,
    modelVersion,
    buckets: buckets.rows.map((row) => row.bucket),
    series: [...series.values()].sort(
      (a, b) => (split === 'stance' ? 0 : b.total - a.total) || a.key.localeCompare(b.key),
    ),
  };
}
