/**
 * The `rollup_daily` table (migration 0011): per model version × Stockholm day × theme × kind × language ×
 * place × source × restricted, the posts, sightings and reach the trends need, so the dashboard sums a few
 * thousand rows instead of grouping a million posts; and `rollup_cells` (migration 0016), the same without the
 * source, which is what nearly every chart reads.
 *
 * Upkeep is by difference: every write that changes what a post contributes (analysis, a new sighting, an analyst
 * label) runs inside `keepRollups`, which locks the posts, reads their contributions before and after the write,
 * and adds the difference in one sorted upsert. Posts are locked in id order and rollup rows upserted in key
 * order, so concurrent batches queue rather than deadlock. Retention deletes posts but never rollup rows: the
 * aggregates outlive the personal data. An analysed post counts under theme '*' once, as its stance, whatever its
 * themes; under each rumour theme it spreads (kind 'rumour') or rebuts as a counter-message (kind 'counter');
 * under place '*' once and under each municipality it names.
 */
import { sql, type RawBuilder } from 'kysely';
import { RESTRICTED_THEMES } from '../../classifier/types.ts';
import type { Db } from './client.ts';
import { anyClassified } from './post-classifications.ts';
import { inSpan, spanOf, type PostSpan } from './post-span.ts';

/** A post's bucket day is its publication day in the analysts' time zone. */
export const ROLLUP_TIME_ZONE = 'Europe/Stockholm';

export interface RollupDailyTable {
  model_version: string;
  day: string;
  theme_id: string;
  kind: RollupKind;
  lang: string;
  place: string;
  source_id: number;
  restricted: boolean;
  posts: number;
  sightings: number;
  views_sum: number;
  views_n: number;
  forwards_sum: number;
  forwards_n: number;
}

/** Under a theme: rumour posts, counter-messages about it; under '*': each post's stance. */
/** `rollup_daily` without the source. */
export type RollupCellsTable = Omit<RollupDailyTable, 'source_id'>;

export type RollupKind = 'rumour' | 'counter' | 'neutral' | 'unrelated';
/** theme_id and place of the rows that count every post once. */
export const ALL = '*';

const KEY_COLUMNS = [
  'model_version',
  'day',
  'theme_id',
  'kind',
  'lang',
  'place',
  'source_id',
  'restricted',
] as const;
const MEASURES = ['posts', 'sightings', 'views_sum', 'views_n', 'forwards_sum', 'forwards_n'] as const;
export type RollupRow = Pick<RollupDailyTable, (typeof KEY_COLUMNS)[number] | (typeof MEASURES)[number]>;

const keyOf = (row: RollupRow): string => KEY_COLUMNS.map((column) => String(row[column])).join('\u0000');

/** after − before per key, leaving out keys whose every measure is unchanged; sorted by the table's key. */
export function rollupDifference(before: readonly RollupRow[], after: readonly RollupRow[]): RollupRow[] {
  const delta = new Map<string, RollupRow>();
  const add = (row: RollupRow, sign: 1 | -1) => {
    const key = keyOf(row);
    const entry = delta.get(key) ?? { ...row, ...Object.fromEntries(MEASURES.map((m) => [m, 0])) };
    for (const measure of MEASURES) entry[measure] += sign * row[measure];
    delta.set(key, entry);
  };
  for (const row of before) add(row, -1);
  for (const row of after) add(row, 1);
  const changed = [...delta.values()].filter((row) => MEASURES.some((measure) => row[measure] !== 0));
  const order = (row: RollupRow) =>
    [
      row.model_version,
      row.place,
      row.theme_id,
      row.day,
      row.kind,
      row.lang,
      row.source_id,
      row.restricted,
    ].join('\u0000');
  return changed.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/**
 * What the posts matching `postFilter` (on `p`) contribute, for every model version that classified them.
 * `rowsOf(column)` restricts the analysis tables by their post id too: without it the planner, misjudging how
 * many posts match, reads those tables whole, and a batch's cost grows with everything stored before it.
 */
function contributionsQuery(
  postFilter: RawBuilder<boolean>,
  rowsOf: (postIdColumn: RawBuilder<unknown>) => RawBuilder<boolean>,
) {
  const restricted = [...RESTRICTED_THEMES];
  return sql<RollupRow>`
    WITH p AS (
      SELECT p.id, p.source_id, coalesce(p.lang, 'und') AS lang,
             (p.published_at AT TIME ZONE ${ROLLUP_TIME_ZONE})::date AS day,
             CASE WHEN jsonb_typeof(p.metrics -> 'views') = 'number' THEN (p.metrics ->> 'views')::float8 END AS views,
             CASE WHEN jsonb_typeof(p.metrics -> 'forwards') = 'number' THEN (p.metrics ->> 'forwards')::float8 END
               AS forwards,
             (SELECT count(*) FROM post_sightings s WHERE s.post_id = p.id)::int AS sightings,
             coalesce((SELECT (l.themes || l.about) && ${restricted}::text[] FROM post_labels l
                       WHERE l.post_id = p.id ORDER BY l.labelled_at DESC, l.id DESC LIMIT 1), false)
               AS labelled_restricted
      FROM posts p
      WHERE ${postFilter}
    ), c AS (
      SELECT p.*, pc.model_version, pc.stance,
             p.labelled_restricted OR EXISTS (SELECT 1 FROM post_themes r WHERE r.post_id = p.id
               AND r.model_version = pc.model_version AND r.theme_id = ANY(${restricted}::text[])) AS restricted
      FROM p JOIN post_classifications pc ON pc.post_id = p.id AND ${rowsOf(sql`pc.post_id`)}
    ), t AS (
      SELECT c.*, pt.theme_id, CASE WHEN pt.role = 'rumour' THEN 'rumour' ELSE 'counter' END AS kind
      FROM c JOIN post_themes pt ON pt.post_id = c.id AND pt.model_version = c.model_version
        AND ${rowsOf(sql`pt.post_id`)}
      WHERE pt.role = 'rumour' OR (pt.role = 'about' AND c.stance = 'counter')
      UNION ALL
      SELECT c.*, ${ALL}, c.stance FROM c
    ), pl AS (
      SELECT t.*, ${ALL} AS place FROM t
      UNION ALL
      SELECT t.*, pp.municipality_code
      FROM t JOIN (SELECT DISTINCT post_id, municipality_code FROM post_places pp WHERE ${rowsOf(sql`pp.post_id`)}) pp
        ON pp.post_id = t.id
    )
    SELECT model_version, to_char(day, 'YYYY-MM-DD') AS day, theme_id, kind, lang, place,
           source_id::bigint AS source_id, restricted,
           count(*)::int AS posts, sum(sightings)::int AS sightings, coalesce(sum(views), 0)::float8 AS views_sum,
           count(views)::int AS views_n, coalesce(sum(forwards), 0)::float8 AS forwards_sum,
           count(forwards)::int AS forwards_n
    FROM pl
    GROUP BY model_version, day, theme_id, kind, lang, place, source_id, restricted`;
}

async function contributionsOf(db: Db, postIds: readonly number[], span?: PostSpan): Promise<RollupRow[]> {
  const ids = [...postIds];
  const { rows } = await contributionsQuery(
    sql<boolean>`p.id = ANY(${ids}::bigint[]) AND ${inSpan(sql`p.published_at`, span)}`,
    (column) => sql<boolean>`${column} = ANY(${ids}::bigint[])`,
  ).execute(db);
  return rows;
}

/** The rows summed over sources, for `rollup_cells`, in that table's key order (model, place, day, theme, …). */
export function withoutSource(rows: readonly RollupRow[]): RollupRow[] {
  const cells = new Map<string, RollupRow>();
  for (const row of rows) {
    const key = [
      row.model_version,
      row.place,
      row.day,
      row.theme_id,
      row.kind,
      row.lang,
      row.restricted,
    ].join('\u0000');
    const entry = cells.get(key);
    if (!entry) cells.set(key, { ...row, source_id: 0 });
    else for (const measure of MEASURES) entry[measure] += row[measure];
  }
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** Adds the difference to both tables: `rollup_daily` first, then `rollup_cells`, each in its key order. */
async function addToRollups(db: Db, rows: readonly RollupRow[]): Promise<void> {
  if (rows.length === 0) return;
  await addToDaily(db, rows);
  await addToCells(db, withoutSource(rows));
}

async function addToCells(db: Db, rows: readonly RollupRow[]): Promise<void> {
  const column = <K extends keyof RollupRow>(name: K) => rows.map((row) => row[name]);
  await sql`
    INSERT INTO rollup_cells AS r (model_version, day, theme_id, kind, lang, place, restricted,
                                   posts, sightings, views_sum, views_n, forwards_sum, forwards_n)
    SELECT model_version, day, theme_id, kind, lang, place, restricted, posts, sightings, views_sum,
           views_n, forwards_sum, forwards_n
    FROM unnest(
      ${column('model_version')}::text[], ${column('day')}::date[], ${column('theme_id')}::text[],
      ${column('kind')}::text[], ${column('lang')}::text[], ${column('place')}::text[],
      ${column('restricted')}::boolean[], ${column('posts')}::int[],
      ${column('sightings')}::int[], ${column('views_sum')}::float8[], ${column('views_n')}::int[],
      ${column('forwards_sum')}::float8[], ${column('forwards_n')}::int[]
    ) WITH ORDINALITY AS t(model_version, day, theme_id, kind, lang, place, restricted, posts,
                           sightings, views_sum, views_n, forwards_sum, forwards_n, n)
    ORDER BY n
    ON CONFLICT (model_version, place, day, theme_id, kind, lang, restricted) DO UPDATE SET
      posts = r.posts + excluded.posts, sightings = r.sightings + excluded.sightings,
      views_sum = r.views_sum + excluded.views_sum, views_n = r.views_n + excluded.views_n,
      forwards_sum = r.forwards_sum + excluded.forwards_sum, forwards_n = r.forwards_n + excluded.forwards_n
  `.execute(db);
}

async function addToDaily(db: Db, rows: readonly RollupRow[]): Promise<void> {
  const column = <K extends keyof RollupRow>(name: K) => rows.map((row) => row[name]);
  await sql`
    INSERT INTO rollup_daily AS r (model_version, day, theme_id, kind, lang, place, source_id, restricted,
                                   posts, sightings, views_sum, views_n, forwards_sum, forwards_n)
    SELECT model_version, day, theme_id, kind, lang, place, source_id, restricted, posts, sightings, views_sum,
           views_n, forwards_sum, forwards_n
    FROM unnest(
      ${column('model_version')}::text[], ${column('day')}::date[], ${column('theme_id')}::text[],
      ${column('kind')}::text[], ${column('lang')}::text[], ${column('place')}::text[],
      ${column('source_id')}::bigint[], ${column('restricted')}::boolean[], ${column('posts')}::int[],
      ${column('sightings')}::int[], ${column('views_sum')}::float8[], ${column('views_n')}::int[],
      ${column('forwards_sum')}::float8[], ${column('forwards_n')}::int[]
    ) WITH ORDINALITY AS t(model_version, day, theme_id, kind, lang, place, source_id, restricted, posts,
                           sightings, views_sum, views_n, forwards_sum, forwards_n, n)
    ORDER BY n
    ON CONFLICT (model_version, place, theme_id, day, kind, lang, source_id, restricted) DO UPDATE SET
      posts = r.posts + excluded.posts, sightings = r.sightings + excluded.sightings,
      views_sum = r.views_sum + excluded.views_sum, views_n = r.views_n + excluded.views_n,
      forwards_sum = r.forwards_sum + excluded.forwards_sum, forwards_n = r.forwards_n + excluded.forwards_n
  `.execute(db);
}

/**
 * Runs `change` (which must run on the same transaction `trx`) with the rollups following it: locks the posts,
 * reads what they contribute, runs the change, and adds the difference. `change` is told which of the posts are
 * still stored once locked: one erased meanwhile (erasure deletes the post row first) must get no new parts.
 */
export async function keepRollups<T>(
  trx: Db,
  postIds: readonly number[],
  change: (stored: ReadonlySet<number>) => Promise<T>,
  /** The posts' publication span when the caller knows it: the lock then plans only those months too. */
  known?: PostSpan,
): Promise<T> {
  const ids = [...new Set(postIds)].sort((a, b) => a - b);
  if (ids.length === 0) return change(new Set());
  const { rows: locked } = await sql<{ id: number; published_at: Date }>`
    SELECT id, published_at FROM posts WHERE id = ANY(${ids}::bigint[]) AND ${inSpan(sql`published_at`, known)}
    ORDER BY id FOR UPDATE`.execute(trx);
  // The locked posts' months: the reads below plan only those (posts is partitioned by month).
  const span = spanOf(locked.map((row) => row.published_at));
  // Only classified posts contribute: new posts (most batches) have nothing to read before the change. Asked in a
  // statement of its own, after the lock: folded into the locking SELECT it would read the snapshot taken before
  // waiting for a concurrent batch, and miss the classifications that batch just committed.
  const before = (await anyClassified(trx, ids)) ? await contributionsOf(trx, ids, span) : [];
  const result = await change(new Set(locked.map((row) => Number(row.id))));
  const after = await contributionsOf(trx, ids, span);
  await addToRollups(trx, rollupDifference(before, after));
  return result;
}

/**
 * Carries what only the old version's rollups still know over to a new version: the counts of posts no longer
 * stored (retention, erasure), which cannot be classified again. That part is, per row, the old version's rollup
 * less what the old version's results of the posts still stored contribute; it is added to the new version's
 * rows, which already hold the stored posts' new results. (Copying only days the new version had no rows for at
 * all dropped the removed posts of every day that still held one labelled or held post.)
 */
export async function carryOverRollups(db: Db, from: string, to: string): Promise<{ rows: number }> {
  return db.transaction().execute(async (trx) => {
    const stored = contributionsQuery(sql<boolean>`true`, () => sql<boolean>`true`);
    const { rows } = await sql<RollupRow>`
      WITH stored AS (SELECT * FROM (${stored}) c WHERE c.model_version = ${from})
      SELECT ${to}::text AS model_version, to_char(r.day, 'YYYY-MM-DD') AS day, r.theme_id, r.kind, r.lang,
             r.place, r.source_id::bigint AS source_id, r.restricted,
             (r.posts - coalesce(s.posts, 0))::int AS posts,
             (r.sightings - coalesce(s.sightings, 0))::int AS sightings,
             (r.views_sum - coalesce(s.views_sum, 0))::float8 AS views_sum,
             (r.views_n - coalesce(s.views_n, 0))::int AS views_n,
             (r.forwards_sum - coalesce(s.forwards_sum, 0))::float8 AS forwards_sum,
             (r.forwards_n - coalesce(s.forwards_n, 0))::int AS forwards_n
      FROM rollup_daily r
      LEFT JOIN stored s ON s.day = to_char(r.day, 'YYYY-MM-DD') AND s.theme_id = r.theme_id AND s.kind = r.kind
        AND s.lang = r.lang AND s.place = r.place AND s.source_id = r.source_id AND s.restricted = r.restricted
      WHERE r.model_version = ${from}
        AND (r.posts <> coalesce(s.posts, 0) OR r.sightings <> coalesce(s.sightings, 0)
             OR r.views_n <> coalesce(s.views_n, 0) OR r.forwards_n <> coalesce(s.forwards_n, 0))
      ORDER BY r.place, r.theme_id, r.day, r.kind, r.lang, r.source_id, r.restricted`.execute(trx);
    await addToRollups(
      trx,
      rows.map((row) => ({ ...row, source_id: Number(row.source_id) })),
    );
    return { rows: rows.length };
  });
}

/**
 * Removes one source's rows from the rollups (both tables) for a source whose counts must not outlive it: the
 * generated sample data. Other sources' aggregates outlive their posts on purpose.
 */
export async function removeSourceRollups(db: Db, sourceId: number): Promise<{ rows: number }> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<RollupRow>`
      DELETE FROM rollup_daily WHERE source_id = ${sourceId}
      RETURNING model_version, to_char(day, 'YYYY-MM-DD') AS day, theme_id, kind, lang, place, source_id,
                restricted, posts, sightings, views_sum, views_n, forwards_sum, forwards_n`.execute(trx);
    const negated = rows.map((row) => ({
      ...row,
      posts: -row.posts,
      sightings: -row.sightings,
      views_sum: -row.views_sum,
      views_n: -row.views_n,
      forwards_sum: -row.forwards_sum,
      forwards_n: -row.forwards_n,
    }));
    await addToCells(trx, withoutSource(negated));
    await sql`
      DELETE FROM rollup_cells
      WHERE posts = 0 AND sightings = 0 AND views_n = 0 AND forwards_n = 0
        AND (model_version, day) IN (SELECT DISTINCT model_version, day::date
                                     FROM unnest(${rows.map((r) => r.model_version)}::text[],
                                                 ${rows.map((r) => r.day)}::text[]) AS t(model_version, day))`.execute(
      trx,
    );
    return { rows: rows.length };
  });
}

/**
 * Recomputes the rollups from the posts stored now, for one model version or all (after a bulk load that bypassed
 * `keepRollups`, or to repair). Days whose posts retention removed keep their rows.
 */
export async function rebuildRollups(db: Db, modelVersion?: string): Promise<{ rows: number }> {
  return db.transaction().execute(async (trx) => {
    const version = modelVersion === undefined ? sql`true` : sql`model_version = ${modelVersion}`;
    // Days before the last retention cutoff may have lost posts (only labelled or held ones stay): their rows
    // hold counts the posts no longer can, so they are left as they are.
    const days = sql`day::date IN (SELECT DISTINCT (published_at AT TIME ZONE ${ROLLUP_TIME_ZONE})::date FROM posts)
      AND day::date >= (coalesce((SELECT max(cutoff) FROM retention_runs WHERE NOT dry_run AND finished_at IS NOT NULL
                            AND error IS NULL), '-infinity'::timestamptz) AT TIME ZONE ${ROLLUP_TIME_ZONE})::date`;
    await sql`DELETE FROM rollup_daily WHERE ${version} AND ${days}`.execute(trx);
    await sql`DELETE FROM rollup_cells WHERE ${version} AND ${days}`.execute(trx);
    const contributions = contributionsQuery(sql<boolean>`true`, () => sql<boolean>`true`);
    const inserted = await sql`
      INSERT INTO rollup_daily (model_version, day, theme_id, kind, lang, place, source_id, restricted,
                                posts, sightings, views_sum, views_n, forwards_sum, forwards_n)
      SELECT model_version, day::date, theme_id, kind, lang, place, source_id, restricted,
             posts, sightings, views_sum, views_n, forwards_sum, forwards_n
      FROM (${contributions}) c
      WHERE ${version} AND ${days}`.execute(trx);
    await sql`
      INSERT INTO rollup_cells
      SELECT model_version, day, theme_id, kind, lang, place, restricted, sum(posts), sum(sightings),
             sum(views_sum), sum(views_n), sum(forwards_sum), sum(forwards_n)
      FROM rollup_daily
      WHERE ${version} AND ${days}
      GROUP BY model_version, day, theme_id, kind, lang, place, restricted`.execute(trx);
    return { rows: Number(inserted.numAffectedRows ?? 0) };
  });
}
