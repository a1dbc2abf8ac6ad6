/**
 * Counts per theme and cell (no split, language, place): rumour posts by their rumour themes and counter-messages
 * by their `about` themes, in the period and in the previous one of the same length, with sightings (spread) and
 * the reach the sources gave (views, forwards), summed from the rollups. The building block of the overview, theme page and matrix.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { previousPeriod, rollupCut, rollupDays, rollupEachTheme, type Cut } from './cut.ts';

export type CellSplit = 'none' | 'lang' | 'place';

export interface CellCounts {
  theme: string;
  /** The language code or municipality code of the cell; '' without a split. */
  key: string;
  rumours: number;
  rumoursPrevious: number;
  /** Sightings of this period's rumour posts (the same post seen in several places counts each time). */
  rumourSightings: number;
  counters: number;
  countersPrevious: number;
  counterSightings: number;
  /** Reach the sources reported, summed over the posts that report it. */
  rumourViews: number;
  rumourForwards: number;
  /** How many of this period's rumour posts report views / forwards at all. */
  rumourPostsWithViews: number;
  rumourPostsWithForwards: number;
  counterViews: number;
  counterForwards: number;
  counterPostsWithViews: number;
  counterPostsWithForwards: number;
}

/** The columns of a CellCounts row in its SQL order: a download without rows still has the full header. */
export const CELL_COUNT_COLUMNS = [
  'theme',
  'key',
  'rumours',
  'rumoursPrevious',
  'rumourSightings',
  'counters',
  'countersPrevious',
  'counterSightings',
  'rumourViews',
  'rumourForwards',
  'rumourPostsWithViews',
  'rumourPostsWithForwards',
  'counterViews',
  'counterForwards',
  'counterPostsWithViews',
  'counterPostsWithForwards',
] as const satisfies readonly (keyof CellCounts)[];

/** Cells with at least one post in either period; `cut.lang`/`cut.place` narrow, `theme` picks one theme. */
export async function cellCounts(
  db: Db,
  modelVersion: string,
  cut: Cut,
  split: CellSplit,
  theme?: string,
): Promise<CellCounts[]> {
  const previous = previousPeriod(cut.from, cut.to);
  const now = rollupDays(cut.from, cut.to);
  const before = rollupDays(previous.from, previous.to);
  const rumour = sql`r.kind = 'rumour'`;
  const counter = sql`r.kind = 'counter'`;
  const key =
    split === 'lang' ? sql<string>`r.lang` : split === 'place' ? sql<string>`r.place` : sql<string>`''`;
  const rows = await sql<CellCounts>`
    SELECT r.theme_id AS theme, ${key} AS key,
      coalesce(sum(r.posts) FILTER (WHERE ${rumour} AND ${now}), 0)::int AS "rumours",
      coalesce(sum(r.posts) FILTER (WHERE ${rumour} AND ${before}), 0)::int AS "rumoursPrevious",
      coalesce(sum(r.sightings) FILTER (WHERE ${rumour} AND ${now}), 0)::int AS "rumourSightings",
      coalesce(sum(r.posts) FILTER (WHERE ${counter} AND ${now}), 0)::int AS "counters",
      coalesce(sum(r.posts) FILTER (WHERE ${counter} AND ${before}), 0)::int AS "countersPrevious",
      coalesce(sum(r.sightings) FILTER (WHERE ${counter} AND ${now}), 0)::int AS "counterSightings",
      coalesce(sum(r.views_sum) FILTER (WHERE ${rumour} AND ${now}), 0)::float8 AS "rumourViews",
      coalesce(sum(r.forwards_sum) FILTER (WHERE ${rumour} AND ${now}), 0)::float8 AS "rumourForwards",
      coalesce(sum(r.views_n) FILTER (WHERE ${rumour} AND ${now}), 0)::int AS "rumourPostsWithViews",
      coalesce(sum(r.forwards_n) FILTER (WHERE ${rumour} AND ${now}), 0)::int AS "rumourPostsWithForwards",
      coalesce(sum(r.views_sum) FILTER (WHERE ${counter} AND ${now}), 0)::float8 AS "counterViews",
      coalesce(sum(r.forwards_sum) FILTER (WHERE ${counter} AND ${now}), 0)::float8 AS "counterForwards",
      coalesce(sum(r.views_n) FILTER (WHERE ${counter} AND ${now}), 0)::int AS "counterPostsWithViews",
      coalesce(sum(r.forwards_n) FILTER (WHERE ${counter} AND ${now}), 0)::int AS "counterPostsWithForwards"
    FROM rollup_cells r
    WHERE ${rollupDays(previous.from, cut.to)}
      AND ${rollupCut(cut, modelVersion, split === 'place')}
      AND ${theme !== undefined ? sql`r.theme_id = ${theme}` : rollupEachTheme}
    GROUP BY 1, 2
    HAVING sum(r.posts) > 0
    ORDER BY 1, 2`.execute(db);
  return rows.rows;
}
