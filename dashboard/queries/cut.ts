/**
 * Shared pieces of the analysis queries (overview, theme page, targeting matrix): the period as Stockholm days,
 * the previous period of the same length, and the language / place / restricted cut. All expect posts as `p`.
 */
import { sql, type RawBuilder } from 'kysely';
import { addDays, ANALYST_TIME_ZONE } from '../params.ts';
import { ALL } from '../../core/db/rollups.ts';
import { isRestricted } from '../../core/db/restricted-posts.ts';

export interface Cut {
  /** YYYY-MM-DD, Stockholm days, both inclusive. */
  from: string;
  to: string;
  /** A language code, `und` for undetermined (and not yet analysed) posts. */
  lang?: string | undefined;
  /** A four-digit municipality code (districts count for their municipality). */
  place?: string | undefined;
  /** Leave out posts only the security role may see (restricted.ts). */
  hideRestricted: boolean;
}

/** The period of the same number of days that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/** Start of a Stockholm day as an instant. */
export const dayStart = (date: string): RawBuilder<Date> =>
  sql<Date>`(${date}::date::timestamp AT TIME ZONE ${ANALYST_TIME_ZONE})`;

/** p.published_at within the Stockholm days from..to. */
export function inDays(from: string, to: string): RawBuilder<boolean> {
  return sql<boolean>`(p.published_at >= ${dayStart(from)} AND p.published_at < ${dayStart(addDays(to, 1))})`;
}

/** The post's language bucket: `und` stands for undetermined and for posts not analysed yet. */
export const LANG_OF_POST = sql<string>`coalesce(p.lang, 'und')`;

/** The language, place and restricted conditions of a cut (the period is the caller's: it may span two). */
export function cutConditions(cut: Cut, modelVersion: string): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`true`];
  if (cut.lang !== undefined) parts.push(sql<boolean>`${LANG_OF_POST} = ${cut.lang}`);
  if (cut.place !== undefined) {
    parts.push(
      sql<boolean>`EXISTS (SELECT 1 FROM post_places cpp WHERE cpp.post_id = p.id AND cpp.municipality_code = ${cut.place})`,
    );
  }
  if (cut.hideRestricted) parts.push(sql<boolean>`NOT ${isRestricted(modelVersion)}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** A jsonb metric of the post as a number, null when the source gave none (or something that is not a number). */
export function metric(name: 'views' | 'forwards'): RawBuilder<number | null> {
  return sql<number | null>`(CASE WHEN jsonb_typeof(p.metrics -> ${name}) = 'number'
    THEN (p.metrics ->> ${name})::numeric END)`;
}

/** Rollup rows `r` (rollup_cells or rollup_daily) of Stockholm days from..to (both inclusive). */
export const rollupDays = (from: string, to: string): RawBuilder<boolean> =>
  sql<boolean>`(r.day BETWEEN ${from}::date AND ${to}::date)`;

/**
 * The cut as conditions on rollup rows `r` (core/db/rollups.ts) of one model version: every post once (place
 * '*') unless a place is asked for, or, with `byPlace`, the rows of each municipality a post names.
 */
export function rollupCut(
  cut: Omit<Cut, 'from' | 'to'>,
  modelVersion: string,
  byPlace = false,
): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`r.model_version = ${modelVersion}`];
  if (cut.lang !== undefined) parts.push(sql<boolean>`r.lang = ${cut.lang}`);
  if (cut.place !== undefined) parts.push(sql<boolean>`r.place = ${cut.place}`);
  else parts.push(byPlace ? sql<boolean>`r.place <> ${ALL}` : sql<boolean>`r.place = ${ALL}`);
  if (cut.hideRestricted) parts.push(sql<boolean>`NOT r.restricted`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** Rollup rows of one theme, or (theme undefined) the rows that count each post once whatever its themes. */
export const rollupTheme = (theme: string | undefined): RawBuilder<boolean> =>
  sql<boolean>`r.theme_id = ${theme ?? ALL}`;

/** Rollup rows of every single theme (each post once per theme it carries). */
export const rollupEachTheme = sql<boolean>`r.theme_id <> ${ALL}`;
