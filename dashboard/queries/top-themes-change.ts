/**
 * List: the rumour themes of a period ranked by rumour posts, each with the count of the previous period of the same
 * length and the counter-messages about it, so a report can say what grew. Restricted themes are never listed.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { RESTRICTED_THEMES } from '../auth/roles.ts';
import { addDays, daysBetween } from '../params.ts';
import { reportPostFilter, type Period, type ReportFilters } from './report-filter.ts';

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
  const now = reportPostFilter(filters, modelVersion, period);
  const then = reportPostFilter(filters, modelVersion, before);
  const restricted = [...RESTRICTED_THEMES];
  const themeOnly = filters.theme === undefined ? sql`` : sql`AND pt.theme_id = ${filters.theme}`;
  const result = await sql<ThemeChange>`
    WITH counts AS (
      SELECT pt.theme_id,
             count(*) FILTER (WHERE pt.role = 'rumour' AND ${now})::int AS rumours,
             count(*) FILTER (WHERE pt.role = 'rumour' AND ${then})::int AS previous,
             count(*) FILTER (WHERE pt.role = 'about' AND pc.stance = 'counter' AND ${now})::int AS counters
      FROM posts p
      JOIN post_themes pt ON pt.post_id = p.id AND pt.model_version = ${modelVersion}
      LEFT JOIN post_classifications pc ON pc.post_id = p.id AND pc.model_version = ${modelVersion}
      WHERE (${now} OR ${then}) AND pt.theme_id <> ALL(${restricted}::text[]) ${themeOnly}
      GROUP BY pt.theme_id
    )
    SELECT c.theme_id AS theme, t.label_sv, t.label_en, c.rumours, c.previous, c.counters
    FROM counts c JOIN themes t ON t.id = c.theme_id
    WHERE c.rumours > 0 OR c.previous > 0
    ORDER BY c.rumours DESC, c.previous DESC, c.theme_id`.execute(db);
  return result.rows;
}
