/**
 * The posts a report counts: published in the period (Stockholm days, `to` inclusive), matching its filters, and
 * never a restricted post (violence_threats), whoever asks: reports leave the dashboard. Expects posts as `p`.
 */
import { sql, type RawBuilder } from 'kysely';
import { ANALYST_TIME_ZONE, type ReportQuery } from '../params.ts';
import { rollupCut } from './cut.ts';
import { isRestricted } from '../../core/db/restricted-posts.ts';

export interface Period {
  from: string;
  to: string;
}

export type ReportFilters = Pick<ReportQuery, 'theme' | 'language' | 'place'>;

export function inPeriod(period: Period): RawBuilder<boolean> {
  const tz = ANALYST_TIME_ZONE;
  return sql<boolean>`(p.published_at >= (${period.from}::date::timestamp AT TIME ZONE ${tz})
    AND p.published_at < ((${period.to}::date + 1)::timestamp AT TIME ZONE ${tz}))`;
}

export function reportPostFilter(
  filters: ReportFilters,
  modelVersion: string,
  period: Period,
): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [inPeriod(period), sql<boolean>`NOT ${isRestricted(modelVersion)}`];
  if (filters.language !== undefined) {
    // Posts never analysed for language count as undetermined, like the `und` bucket of the charts.
    parts.push(sql<boolean>`coalesce(p.lang, 'und') = ${filters.language}`);
  }
  if (filters.theme !== undefined) {
    parts.push(sql<boolean>`EXISTS (SELECT 1 FROM post_themes ft WHERE ft.post_id = p.id
      AND ft.model_version = ${modelVersion} AND ft.theme_id = ${filters.theme})`);
  }
  if (filters.place !== undefined) {
    parts.push(sql<boolean>`EXISTS (SELECT 1 FROM post_places fp WHERE fp.post_id = p.id
      AND fp.municipality_code = ${filters.place})`);
  }
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** The report's filters as conditions on rollup rows `r`: never restricted, whoever asks (see above). */
export function reportRollupCut(filters: ReportFilters, modelVersion: string): RawBuilder<boolean> {
  return rollupCut({ lang: filters.language, place: filters.place, hideRestricted: true }, modelVersion);
}
