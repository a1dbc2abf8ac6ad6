/**
 * The report's method note in figures: which sources (and of which kinds) and which languages the period's posts
 * came from, counted over the same posts as the rest of the report.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { rollupDays, rollupTheme } from './cut.ts';
import { reportRollupCut, type Period, type ReportFilters } from './report-filter.ts';

export interface ReportMethod {
  posts: number;
  sources: { name: string; kind: string; posts: number }[];
  /** Sources with posts beyond the listed ones (the list is capped; the note says how many more). */
  moreSources: number;
  kinds: { kind: string; posts: number }[];
  /** Language codes; posts without a detected language are `und`. */
  languages: { lang: string; posts: number }[];
}

const LISTED_SOURCES = 25;

export async function reportMethod(
  db: Db,
  modelVersion: string,
  period: Period,
  filters: ReportFilters,
): Promise<ReportMethod> {
  // Every analysed post of the period, whatever its stance: theme '*' rows count each post once.
  const where = sql`${rollupDays(period.from, period.to)} AND ${reportRollupCut(filters, modelVersion)}
    AND ${rollupTheme(filters.theme)}`;
  const [sources, languages] = await Promise.all([
    sql<{ name: string; kind: string; posts: number }>`
      SELECT s.name, s.kind, sum(r.posts)::int AS posts
      FROM rollup_daily r JOIN sources s ON s.id = r.source_id
      WHERE ${where}
      GROUP BY s.id, s.name, s.kind
      HAVING sum(r.posts) > 0
      ORDER BY posts DESC, s.name`.execute(db),
    sql<{ lang: string; posts: number }>`
      SELECT r.lang, sum(r.posts)::int AS posts
      FROM rollup_cells r WHERE ${where}
      GROUP BY 1 HAVING sum(r.posts) > 0 ORDER BY posts DESC, lang`.execute(db),
  ]);
  const kinds = new Map<string, number>();
  for (const row of sources.rows) kinds.set(row.kind, (kinds.get(row.kind) ?? 0) + row.posts);
  return {
    posts: sources.rows.reduce((sum, row) => sum + row.posts, 0),
    sources: sources.rows.slice(0, LISTED_SOURCES),
    moreSources: Math.max(0, sources.rows.length - LISTED_SOURCES),
    kinds: [...kinds].map(([kind, posts]) => ({ kind, posts })).sort((a, b) => b.posts - a.posts),
    languages: languages.rows,
  };
}
