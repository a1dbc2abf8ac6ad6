/** Chart: rumour posts per theme per Stockholm day or ISO week, zero-filled and chart-ready. */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { ANALYST_TIME_ZONE, type TrendsQuery } from '../params.ts';

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
  /** Bucket starts (YYYY-MM-DD); a week bucket starts on its Monday. */
  buckets: string[];
  series: TrendSeries[];
}

export async function themeTrend(db: Db, modelVersion: string, query: TrendsQuery): Promise<ThemeTrend> {
  const tz = ANALYST_TIME_ZONE;
  const buckets = await sql<{ bucket: string }>`
    SELECT to_char(d, 'YYYY-MM-DD') AS bucket
    FROM generate_series(date_trunc(${query.interval}, ${query.from}::date::timestamp),
                         ${query.to}::date::timestamp, ('1 ' || ${query.interval})::interval) AS d
  `.execute(db);

  const rows = await sql<{ bucket: string; theme_id: string; posts: number }>`
    SELECT to_char(date_trunc(${query.interval}, p.published_at AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS bucket,
           pt.theme_id, count(*)::int AS posts
    FROM posts p
    JOIN post_themes pt ON pt.post_id = p.id AND pt.model_version = ${modelVersion} AND pt.role = 'rumour'
    WHERE p.published_at >= (${query.from}::date::timestamp AT TIME ZONE ${tz})
      AND p.published_at < ((${query.to}::date + 1)::timestamp AT TIME ZONE ${tz})
      ${query.theme ? sql`AND pt.theme_id = ${query.theme}` : sql``}
      ${query.lang ? sql`AND p.lang = ${query.lang}` : sql``}
      ${
        query.place
          ? sql`AND EXISTS (SELECT 1 FROM post_places pp WHERE pp.post_id = p.id AND pp.municipality_code = ${query.place})`
          : sql``
      }
    GROUP BY 1, 2
  `.execute(db);

  const themes = await db
    .selectFrom('themes')
    .select(['id', 'label_sv', 'label_en'])
    .$if(query.theme !== undefined, (qb) => qb.where('id', '=', query.theme ?? ''))
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
    buckets: buckets.rows.map((row) => row.bucket),
    series: [...series.values()].sort((a, b) => b.total - a.total || a.theme.localeCompare(b.theme)),
  };
}
