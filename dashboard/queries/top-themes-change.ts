/**
 * List: the rumour themes of a period ranked by rumour posts, each with the count of the previous period of the same
 * length and the counter-messages about it, so a report can say what grew. Restricted themes are never listed.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { RESTRICTED_THEMES } from '../auth/roles.ts';
import { addDays, daysBetween } from '../params.ts';
import { rollupDays, rollupEachTheme, rollupTheme } from './cut.ts';
import { reportRollupCut, type Period, type ReportFilters } from './report-filter.ts';

export interface ThemeChange {
  theme: string;
  label_sv: string;
  label_en: string;
  rumours: number;
  previous: number;
  counters: number;
}

/** The period of the same length just before `period`. */
export function previousPeriod(period: Period): Period {
  const days = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

/** Every theme with rumours in either period (a taxonomy has a dozen), most rumour posts first. */
export async function topThemesChange(
  db: Db,
  modelVersion: string,
  period: Period,
  filters: ReportFilters,
): Promise<ThemeChange[]> {
  const before = previousPeriod(period);
  const now = rollupDays(period.from, period.to);
  const then = rollupDays(before.from, before.to);
  const restricted = [...RESTRICTED_THEMES];
  const themes = filters.theme === undefined ? rollupEachTheme : rollupTheme(filters.theme);
  const result = await sql<ThemeChange>`
    WITH counts AS (
      SELECT r.theme_id,
             coalesce(sum(r.posts) FILTER (WHERE r.kind = 'rumour' AND ${now}), 0)::int AS rumours,
             coalesce(sum(r.posts) FILTER (WHERE r.kind = 'rumour' AND ${then}), 0)::int AS previous,
             coalesce(sum(r.posts) FILTER (WHERE r.kind = 'counter' AND ${now}), 0)::int AS counters
      FROM rollup_cells r
      WHERE ${rollupDays(before.from, period.to)} AND ${reportRollupCut(filters, modelVersion)}
        AND ${themes} AND r.theme_id <> ALL(${restricted}::text[])
      GROUP BY r.theme_id
    )
    SELECT c.theme_id AS theme, t.label_sv, t.label_en, c.rumours, c.previous, c.counters
    FROM counts c JOIN themes t ON t.id = c.theme_id
    WHERE c.rumours > 0 OR c.previous > 0
    ORDER BY c.rumours DESC, c.previous DESC, c.theme_id`.execute(db);
  return result.rows;
}
