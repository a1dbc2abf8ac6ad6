/**
 * Chart: rumour posts per theme per Stockholm day or ISO week, zero-filled and chart-ready. Without the right to
 * see restricted posts, those posts are left out of every theme's count and the restricted themes' series are
 * not listed, as on the overview's tables.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { countSamplePosts } from '../../core/db/posts.ts';
import { RESTRICTED_THEMES } from '../auth/roles.ts';
import { addDays, ANALYST_TIME_ZONE, type TrendsQuery } from '../params.ts';
import { rollupCut, rollupDays, rollupEachTheme, rollupTheme } from './cut.ts';

export interface TrendSeries {
  theme: string;
  label_sv: string;
  label_en: string;
  counts: number[];
  total: number;
}

export interface ThemeTrend {
  from: string;
  to: string;
  interval: 'day' | 'week';
  timeZone: string;
  modelVersion: string;
  /** Generated sample posts stored (`demo`), which these counts include; 0 when the data are real only. */
  samplePosts: number;
  /** Bucket starts (YYYY-MM-DD); a week bucket starts on its Monday. */
  buckets: string[];
  /**
   * Days of each bucket inside the period: 7 for a full week, fewer for a week cut by `from` or `to` (its count
   * covers only those days), 1 for a day.
   */
  bucketDays: number[];
  series: TrendSeries[];
}

/** Days of the bucket starting `bucket` that lie in [from, to]. */
function daysInPeriod(bucket: string, query: TrendsQuery): number {
  if (query.interval === 'day') return 1;
  const first = bucket < query.from ? query.from : bucket;
  const weekEnd = addDays(bucket, 6);
  const last = weekEnd > query.to ? query.to : weekEnd;
  return Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;
}

export async function themeTrend(
  db: Db,
  modelVersion: string,
  query: TrendsQuery,
  options: { hideRestricted: boolean },
): Promise<ThemeTrend> {
  const tz = ANALYST_TIME_ZONE;
  const buckets = await sql<{ bucket: string }>`
    SELECT to_char(d, 'YYYY-MM-DD') AS bucket
    FROM generate_series(date_trunc(${query.interval}, ${query.from}::date::timestamp),
                         ${query.to}::date::timestamp, ('1 ' || ${query.interval})::interval) AS d
  `.execute(db);

  const rows = await sql<{ bucket: string; theme_id: string; posts: number }>`
    SELECT to_char(date_trunc(${query.interval}, r.day::timestamp), 'YYYY-MM-DD') AS bucket,
           r.theme_id, sum(r.posts)::int AS posts
    FROM rollup_cells r
    WHERE ${rollupDays(query.from, query.to)} AND r.kind = 'rumour'
      AND ${rollupCut({ lang: query.lang, place: query.place, hideRestricted: options.hideRestricted }, modelVersion)}
      AND ${query.theme ? rollupTheme(query.theme) : rollupEachTheme}
    GROUP BY 1, 2
  `.execute(db);

  const themes = await db
    .selectFrom('themes')
    .select(['id', 'label_sv', 'label_en'])
    .$if(query.theme !== undefined, (qb) => qb.where('id', '=', query.theme ?? ''))
    .$if(options.hideRestricted, (qb) => qb.where('id', 'not in', [...RESTRICTED_THEMES]))
    .orderBy('id')
    .execute();

  const index = new Map(buckets.rows.map((row, i) => [row.bucket, i]));
  const series = new Map<string, TrendSeries>(
    themes.map((theme) => [
      theme.id,
      {
        theme: theme.id,
        label_sv: theme.label_sv,
        label_en: theme.label_en,
        counts: buckets.rows.map(() => 0),
        total: 0,
      },
    ]),
  );
  for (const row of rows.rows) {
    const entry = series.get(row.theme_id);
    const at = index.get(row.bucket);
    if (!entry || at === undefined) continue;
    entry.counts[at] = row.posts;
    entry.total += row.posts;
  }
  return {
    from: query.from,
    to: query.to,
    interval: query.interval,
    timeZone: tz,
    modelVersion,
    samplePosts: await countSamplePosts(db),
    buckets: buckets.rows.map((row) => row.bucket),
    bucketDays: buckets.rows.map((row) => daysInPeriod(row.bucket, query)),
    series: [...series.values()].sort((a, b) => b.total - a.total || a.theme.localeCompare(b.theme)),
  };
}
