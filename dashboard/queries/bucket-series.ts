/**
 * Chart: posts per Stockholm day or ISO week, zero-filled, split by language (rumour posts, each post once
 * however many themes it carries) or by stance (rumour posts vs counter-messages, for one theme or all), with
 * the views the sources reported beside the counts so reach can be compared where it exists.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { ANALYST_TIME_ZONE } from '../params.ts';
import { cutConditions, inDays, LANG_OF_POST, metric, type Cut } from './cut.ts';

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
  const theme = query.theme !== undefined ? sql`AND pt.theme_id = ${query.theme}` : sql``;
  const key =
    split === 'lang'
      ? LANG_OF_POST
      : sql<string>`CASE WHEN pt.role = 'rumour' THEN 'rumour' ELSE 'counter' END`;
  const views = metric('views');
  const rows = await sql<{ bucket: string; key: string; posts: number; views: number; with_views: number }>`
    SELECT bucket, key, count(*)::int AS posts, coalesce(sum(v), 0)::float8 AS views, count(v)::int AS with_views
    FROM (
      SELECT DISTINCT p.id,
        to_char(date_trunc(${query.interval}, p.published_at AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS bucket,
        ${key} AS key, ${views} AS v
      FROM posts p
      JOIN post_themes pt ON pt.post_id = p.id AND pt.model_version = ${modelVersion}
      LEFT JOIN post_classifications pc ON pc.post_id = p.id AND pc.model_version = ${modelVersion}
      WHERE ${inDays(query.from, query.to)}
        AND ${split === 'lang' ? sql`pt.role = 'rumour'` : sql`(pt.role = 'rumour' OR (pt.role = 'about' AND pc.stance = 'counter'))`}
        AND ${cutConditions(query, modelVersion)}
        ${theme}
    ) per_post
    GROUP BY 1, 2`.execute(db);

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
