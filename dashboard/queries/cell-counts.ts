/**
 * Counts per theme and cell (no split, language, place): rumour posts by their rumour themes and counter-messages
 * by their `about` themes, in the period and in the previous one of the same length, with sightings (spread) and
 * the reach the sources gave (views, forwards). The building block of the overview, theme page and matrix.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { cutConditions, dayStart, inDays, LANG_OF_POST, metric, previousPeriod, type Cut } from './cut.ts';
import { addDays } from '../params.ts';

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

/** Cells with at least one post in either period; `cut.lang`/`cut.place` narrow, `theme` picks one theme. */
export async function cellCounts(
  db: Db,
  modelVersion: string,
  cut: Cut,
  split: CellSplit,
  theme?: string,
): Promise<CellCounts[]> {
  const previous = previousPeriod(cut.from, cut.to);
  const now = inDays(cut.from, cut.to);
  const before = inDays(previous.from, previous.to);
  const rumour = sql`pt.role = 'rumour'`;
  const counter = sql`(pt.role = 'about' AND pc.stance = 'counter')`;
  const key =
    split === 'lang' ? LANG_OF_POST : split === 'place' ? sql<string>`pp.municipality_code` : sql<string>`''`;
  const views = metric('views');
  const forwards = metric('forwards');
  const rows = await sql<CellCounts>`
    SELECT pt.theme_id AS theme, ${key} AS key,
      count(*) FILTER (WHERE ${rumour} AND ${now})::int AS "rumours",
      count(*) FILTER (WHERE ${rumour} AND ${before})::int AS "rumoursPrevious",
      coalesce(sum(sg.n) FILTER (WHERE ${rumour} AND ${now}), 0)::int AS "rumourSightings",
      count(*) FILTER (WHERE ${counter} AND ${now})::int AS "counters",
      count(*) FILTER (WHERE ${counter} AND ${before})::int AS "countersPrevious",
      coalesce(sum(sg.n) FILTER (WHERE ${counter} AND ${now}), 0)::int AS "counterSightings",
      coalesce(sum(${views}) FILTER (WHERE ${rumour} AND ${now}), 0)::float8 AS "rumourViews",
      coalesce(sum(${forwards}) FILTER (WHERE ${rumour} AND ${now}), 0)::float8 AS "rumourForwards",
      count(${views}) FILTER (WHERE ${rumour} AND ${now})::int AS "rumourPostsWithViews",
      count(${forwards}) FILTER (WHERE ${rumour} AND ${now})::int AS "rumourPostsWithForwards",
      coalesce(sum(${views}) FILTER (WHERE ${counter} AND ${now}), 0)::float8 AS "counterViews",
      coalesce(sum(${forwards}) FILTER (WHERE ${counter} AND ${now}), 0)::float8 AS "counterForwards",
      count(${views}) FILTER (WHERE ${counter} AND ${now})::int AS "counterPostsWithViews",
      count(${forwards}) FILTER (WHERE ${counter} AND ${now})::int AS "counterPostsWithForwards"
    FROM posts p
    JOIN post_themes pt ON pt.post_id = p.id AND pt.model_version = ${modelVersion}
    LEFT JOIN post_classifications pc ON pc.post_id = p.id AND pc.model_version = ${modelVersion}
    ${split === 'place' ? sql`JOIN (SELECT DISTINCT post_id, municipality_code FROM post_places) pp ON pp.post_id = p.id` : sql``}
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM post_sightings s WHERE s.post_id = p.id) sg
    WHERE p.published_at >= ${dayStart(previous.from)} AND p.published_at < ${dayStart(addDays(cut.to, 1))}
      AND (pt.role = 'rumour' OR pc.stance = 'counter')
      AND ${cutConditions(cut, modelVersion)}
      ${theme !== undefined ? sql`AND pt.theme_id = ${theme}` : sql``}
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  return rows.rows;
}
