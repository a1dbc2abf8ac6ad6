/**
 * Charts of the report: rumour posts per theme, and rumours against counter-messages, per Stockholm day (periods
 * up to 62 days) or ISO week, zero-filled. Counts are posts (the sources give views or forwards too unevenly to
 * compare reach across them).
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { RESTRICTED_THEMES } from '../auth/roles.ts';
import { daysBetween } from '../params.ts';
import { rollupDays, rollupEachTheme, rollupTheme } from './cut.ts';
import { reportRollupCut, type Period, type ReportFilters } from './report-filter.ts';

export interface ReportSeries {
  interval: 'day' | 'week';
  /** Bucket starts (YYYY-MM-DD); a week bucket starts on its Monday. */
  buckets: string[];
  themes: { theme: string; label_sv: string; label_en: string; counts: number[]; total: number }[];
  stances: { rumour: number[]; counter: number[] };
}

export function reportInterval(period: Period): 'day' | 'week' {
  return daysBetween(period.from, period.to) < 62 ? 'day' : 'week';
}

export async function reportSeries(
  db: Db,
  modelVersion: string,
  period: Period,
  filters: ReportFilters,
): Promise<ReportSeries> {
  const interval = reportInterval(period);
  const where = sql`${rollupDays(period.from, period.to)} AND ${reportRollupCut(filters, modelVersion)}`;
  const bucketOf = sql`to_char(date_trunc(${interval}, r.day::timestamp), 'YYYY-MM-DD')`;
  const [buckets, byTheme, byStance, themes] = await Promise.all([
    sql<{ bucket: string }>`
      SELECT to_char(d, 'YYYY-MM-DD') AS bucket
      FROM generate_series(date_trunc(${interval}, ${period.from}::date::timestamp),
                           ${period.to}::date::timestamp, ('1 ' || ${interval})::interval) AS d`.execute(db),
    sql<{ bucket: string; theme_id: string; posts: number }>`
      SELECT ${bucketOf} AS bucket, r.theme_id, sum(r.posts)::int AS posts
      FROM rollup_cells r
      WHERE ${where} AND r.kind = 'rumour'
        AND ${filters.theme === undefined ? rollupEachTheme : rollupTheme(filters.theme)}
      GROUP BY 1, 2`.execute(db),
    sql<{ bucket: string; stance: 'rumour' | 'counter'; posts: number }>`
      SELECT ${bucketOf} AS bucket, r.kind AS stance, sum(r.posts)::int AS posts
      FROM rollup_cells r
      WHERE ${where} AND ${rollupTheme(filters.theme)} AND r.kind IN ('rumour', 'counter')
      GROUP BY 1, 2`.execute(db),
    db
      .selectFrom('themes')
      .select(['id', 'label_sv', 'label_en'])
      .where('id', 'not in', [...RESTRICTED_THEMES])
      .$if(filters.theme !== undefined, (qb) => qb.where('id', '=', filters.theme ?? ''))
      .orderBy('id')
      .execute(),
  ]);

  const index = new Map(buckets.rows.map((row, i) => [row.bucket, i]));
  const zeros = () => buckets.rows.map(() => 0);
  const series = new Map(
    themes.map((t) => [
      t.id,
      { theme: t.id, label_sv: t.label_sv, label_en: t.label_en, counts: zeros(), total: 0 },
    ]),
  );
  for (const row of byTheme.rows) {
    const entry = series.get(row.theme_id);
    const at = index.get(row.bucket);
    if (!entry || at === undefined) continue;
    entry.counts[at] = row.posts;
    entry.total += row.posts;
  }
  const stances = { rumour: zeros(), counter: zeros() };
  for (const row of byStance.rows) {
    const at = index.get(row.bucket);
    if (at !== undefined) stances[row.stance][at] = row.posts;
  }
  return {
    interval,
    buckets: buckets.rows.map((row) => row.bucket),
    themes: [...series.values()]
      .filter((s) => s.total > 0)
      .sort((a, b) => b.total - a.total || a.theme.localeCompare(b.theme)),
    stances,
  };
}
