/**
 * What retention (gallring) may remove: posts published before the cutoff that no analyst labelled and no legal
 * hold covers, and snapshots taken before the cutoff that no hold covers. A post not yet analysed is left until
 * it is (or until it was collected before the cutoff too), so the rollups count it before its text goes.
 * The deletions themselves are in erase-posts.ts.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from './client.ts';
import { postIsHeld, snapshotIsHeld } from './legal-holds.ts';

/** Where the previous page ended: (published_at as Postgres prints it, so no microsecond is lost; id). */
export interface PostCursor {
  at: string;
  id: number;
}

/** A post (alias `p`) past the cutoff, and already counted by the rollups. */
export const expired = (cutoff: Date): Expression<SqlBool> =>
  sql<SqlBool>`p.published_at < ${cutoff} AND (p.analysed_at IS NOT NULL OR p.collected_at < ${cutoff})`;
/** A post (alias `p`) an analyst labelled: kept as training data. */
export const labelled = sql<SqlBool>`EXISTS (SELECT 1 FROM post_labels l WHERE l.post_id = p.id)`;

/** One page of expired posts that may go, oldest first, after `cursor`. */
export async function expiredPostPage(
  db: Db,
  cutoff: Date,
  cursor: PostCursor | null,
  limit: number,
): Promise<{ ids: number[]; next: PostCursor | null }> {
  const after = cursor
    ? sql<SqlBool>`(p.published_at, p.id) > (${cursor.at}::timestamptz, ${cursor.id}::bigint)`
    : sql<SqlBool>`true`;
  const { rows } = await sql<{ id: number; at: string }>`
    SELECT p.id, p.published_at::text AS at
    FROM posts p
    WHERE ${expired(cutoff)} AND ${after} AND NOT ${labelled} AND NOT ${postIsHeld(sql`p.id`)}
    ORDER BY p.published_at, p.id
    LIMIT ${limit}`.execute(db);
  const last = rows.at(-1);
  return {
    ids: rows.map((row) => Number(row.id)),
    next: rows.length === limit && last ? { at: last.at, id: Number(last.id) } : null,
  };
}

/** Up to `limit` expired snapshots that may go, oldest first. */
export async function expiredSnapshotIds(db: Db, cutoff: Date, limit: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT sn.id FROM snapshots sn
    WHERE sn.taken_at < ${cutoff} AND NOT ${snapshotIsHeld(sql`sn.id`, sql`sn.source_id`)}
    ORDER BY sn.taken_at, sn.id
    LIMIT ${limit}`.execute(db);
  return rows.map((row) => Number(row.id));
}

export interface ExpiredCounts {
  /** Posts that may go, and how many of their sightings still carry a link or author. */
  posts: number;
  sightings: number;
  snapshots: number;
  /** Past the cutoff but kept: labelled (training data), under a hold. */
  kept_labelled: number;
  kept_held_posts: number;
  kept_held_snapshots: number;
}

/** What a run at this cutoff would remove and keep (a dry run's answer, and the kept counts of a real run). */
export async function countExpired(db: Db, cutoff: Date): Promise<ExpiredCounts> {
  const { rows } = await sql<ExpiredCounts>`
    WITH old AS (
      SELECT p.id, ${labelled} AS labelled, ${postIsHeld(sql`p.id`)} AS held
      FROM posts p WHERE ${expired(cutoff)}
    ), old_snapshots AS (
      SELECT ${snapshotIsHeld(sql`sn.id`, sql`sn.source_id`)} AS held FROM snapshots sn WHERE sn.taken_at < ${cutoff}
    )
    SELECT
      (SELECT count(*) FROM old WHERE NOT labelled AND NOT held)::int AS posts,
      (SELECT count(*) FROM post_sightings s JOIN old ON old.id = s.post_id
       WHERE NOT old.labelled AND NOT old.held
         AND (s.url IS NOT NULL OR s.author_pseudonym IS NOT NULL))::int AS sightings,
      (SELECT count(*) FROM old_snapshots WHERE NOT held)::int AS snapshots,
      (SELECT count(*) FROM old WHERE labelled AND NOT held)::int AS kept_labelled,
      (SELECT count(*) FROM old WHERE held)::int AS kept_held_posts,
      (SELECT count(*) FROM old_snapshots WHERE held)::int AS kept_held_snapshots`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('count of expired rows returned nothing');
  return row;
}
