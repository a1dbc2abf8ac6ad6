/**
 * Erasure (radering) of stored personal data, the one place its SQL lives; used by retention, `posts erase`,
 * `subject erase` and `sources delete`.
 * - A post is erased by deleting its `posts` row (text, title, link, author pseudonym, reach, context, media)
 *   and its parts: analysis, places, OCR text, signatures, text claim and analyst labels (`POST_PARTS`; they hang
 *   off `post_keys`, since `posts` is partitioned). Its sightings lose their link, author pseudonym and forwarded-from. Its identity (`post_keys`, and each sighting's source, external id and time) stays, so
 *   the same item is not collected and stored again at the next poll, and counts of spread stay countable.
 * - A snapshot (PNG and HTML, stored in the database, not on disk) is deleted with its links.
 * - A deleted source takes its posts' identities and its sightings with it (`deleteSourceData`).
 * Legal holds are the callers' business: they pass only ids that may go (see legal-holds.ts).
 * Every statement takes one bounded batch of ids, so no call holds many row locks for long.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import type { Database } from './schema.ts';
import { snapshotIsHeld } from './legal-holds.ts';
import { handOverSharedPosts } from './post-sightings.ts';

/** Ids per statement: big enough to be quick, small enough that locks stay short. */
export const ERASE_BATCH = 5_000;
/** Snapshots carry their PNG and HTML, so fewer per statement. */
export const SNAPSHOT_BATCH = 500;

export interface ErasedPosts {
  posts: number;
  sightings_scrubbed: number;
  labels: number;
}

/** Splits ids into batches of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`batch size must be a positive integer: ${size}`);
  const batches: T[][] = [];
  for (let at = 0; at < items.length; at += size) batches.push(items.slice(at, at + size));
  return batches;
}

/** What a post has beside its row, deleted with it; `post_labels` is counted apart. */
const POST_PARTS = [
  'post_classifications',
  'post_themes',
  'post_places',
  'post_media_text',
  'post_signatures',
  'post_lsh_bands',
  'post_hashes',
] as const;

/**
 * Deletes these posts' parts, labels included, and clears their sightings' links and authors; everything of an
 * erasure but the `posts` rows themselves (which a dropped partition takes at once).
 */
export async function erasePostParts(
  trx: Transaction<Database>,
  postIds: readonly number[],
): Promise<Omit<ErasedPosts, 'posts'>> {
  const labels = await sql`DELETE FROM post_labels WHERE post_id = ANY(${postIds}::bigint[])`.execute(trx);
  for (const table of POST_PARTS)
    await sql`DELETE FROM ${sql.table(table)} WHERE post_id = ANY(${postIds}::bigint[])`.execute(trx);
  const scrubbed = await sql`
    UPDATE post_sightings SET url = NULL, author_pseudonym = NULL, forwarded_from = NULL
    WHERE post_id = ANY(${postIds}::bigint[])
      AND (url IS NOT NULL OR author_pseudonym IS NOT NULL OR forwarded_from IS NOT NULL)`.execute(trx);
  return {
    sightings_scrubbed: Number(scrubbed.numAffectedRows ?? 0n),
    labels: Number(labels.numAffectedRows ?? 0n),
  };
}

/** Erases these posts (see the module header), one transaction per batch; returns what was removed. */
export async function erasePosts(
  db: Db,
  postIds: readonly number[],
  batchSize = ERASE_BATCH,
): Promise<ErasedPosts> {
  const total: ErasedPosts = { posts: 0, sightings_scrubbed: 0, labels: 0 };
  for (const batch of chunk([...new Set(postIds)], batchSize)) {
    const done = await db.transaction().execute(async (trx) => {
      const posts = await sql`DELETE FROM posts WHERE id = ANY(${batch}::bigint[])`.execute(trx);
      return { posts: Number(posts.numAffectedRows ?? 0n), ...(await erasePostParts(trx, batch)) };
    });
    total.posts += done.posts;
    total.sightings_scrubbed += done.sightings_scrubbed;
    total.labels += done.labels;
  }
  return total;
}

/**
 * Clears link, author pseudonym and forwarded-from of these sightings only, and where the post itself carried this author,
 * hands the post's author and link over to another sighting of it (the same text posted by someone else).
 */
export async function scrubSightings(db: Db, sightingIds: readonly number[]): Promise<number> {
  let scrubbed = 0;
  for (const batch of chunk([...new Set(sightingIds)], ERASE_BATCH)) {
    scrubbed += await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ post_id: number; author_pseudonym: string | null; url: string | null }>`
        SELECT post_id, author_pseudonym, url FROM post_sightings WHERE id = ANY(${batch}::bigint[])`.execute(
        trx,
      );
      const result = await sql`
        UPDATE post_sightings SET url = NULL, author_pseudonym = NULL, forwarded_from = NULL
        WHERE id = ANY(${batch}::bigint[])`.execute(trx);
      for (const row of rows) {
        if (row.author_pseudonym === null) continue;
        await sql`
          UPDATE posts p SET
            author_pseudonym = n.author_pseudonym,
            url = CASE WHEN p.url IS NOT DISTINCT FROM ${row.url} THEN n.url ELSE p.url END
          FROM (SELECT NULL::text AS author_pseudonym, NULL::text AS url
                UNION ALL
                (SELECT s.author_pseudonym, s.url FROM post_sightings s
                 WHERE s.post_id = ${row.post_id}::bigint AND s.author_pseudonym IS NOT NULL
                 ORDER BY s.id LIMIT 1)
                ORDER BY author_pseudonym NULLS LAST LIMIT 1) AS n
          WHERE p.id = ${row.post_id}::bigint AND p.author_pseudonym = ${row.author_pseudonym}`.execute(trx);
      }
      return Number(result.numAffectedRows ?? 0n);
    });
  }
  return scrubbed;
}

/**
 * Removes the mention of these authors as the origin of a boost or forward from posts that stay (their text is
 * also someone else's own post): the sightings' `forwarded_from` and the post rows' `context.forwardedFrom`.
 */
export async function clearForwardedFrom(
  db: Db,
  postIds: readonly number[],
  pseudonyms: readonly string[],
): Promise<number> {
  let cleared = 0;
  const names = [...new Set(pseudonyms)];
  for (const batch of chunk([...new Set(postIds)], ERASE_BATCH)) {
    cleared += await db.transaction().execute(async (trx) => {
      const sightings = await sql`
        UPDATE post_sightings SET forwarded_from = NULL
        WHERE post_id = ANY(${batch}::bigint[]) AND forwarded_from = ANY(${names}::text[])`.execute(trx);
      await sql`
        UPDATE posts SET context = nullif(context - 'forwardedFrom', '{}'::jsonb)
        WHERE id = ANY(${batch}::bigint[]) AND context->>'forwardedFrom' = ANY(${names}::text[])`.execute(
        trx,
      );
      return Number(sightings.numAffectedRows ?? 0n);
    });
  }
  return cleared;
}

/** Deletes these snapshots (PNG, HTML and their links), in batches. */
export async function deleteSnapshots(db: Db, snapshotIds: readonly number[]): Promise<number> {
  let deleted = 0;
  for (const batch of chunk([...new Set(snapshotIds)], SNAPSHOT_BATCH)) {
    const result = await sql`DELETE FROM snapshots WHERE id = ANY(${batch}::bigint[])`.execute(db);
    deleted += Number(result.numAffectedRows ?? 0n);
  }
  return deleted;
}

/**
 * Snapshots that show any of these posts, split into those that show only these posts (and may go with them)
 * and those that also show other posts (kept: they are someone else's evidence too); held snapshots are in
 * `held`, never in `only`.
 */
export async function snapshotsOfPosts(
  db: Db,
  postIds: readonly number[],
): Promise<{ only: number[]; shared: number[]; held: number[] }> {
  if (postIds.length === 0) return { only: [], shared: [], held: [] };
  const { rows } = await sql<{ id: number; only: boolean; held: boolean }>`
    SELECT sn.id,
           NOT EXISTS (SELECT 1 FROM snapshot_posts o
                       WHERE o.snapshot_id = sn.id AND o.post_id <> ALL(${[...postIds]}::bigint[])) AS only,
           ${snapshotIsHeld(sql`sn.id`, sql`sn.source_id`)} AS held
    FROM snapshots sn
    WHERE sn.id IN (SELECT snapshot_id FROM snapshot_posts WHERE post_id = ANY(${[...postIds]}::bigint[]))
    ORDER BY sn.id`.execute(db);
  return {
    only: rows.filter((r) => r.only && !r.held).map((r) => Number(r.id)),
    shared: rows.filter((r) => !r.only && !r.held).map((r) => Number(r.id)),
    held: rows.filter((r) => r.held).map((r) => Number(r.id)),
  };
}

export interface DeletedSource {
  /** Posts first seen elsewhere too, handed to their next sighting (kept, without this source's sighting). */
  handedOver: number;
  posts: number;
  identities: number;
  sightings: number;
  snapshots: number;
}

/**
 * Deletes a source and everything personal it brought: posts seen only through it (rows and identities), its
 * sightings of posts other sources also saw (those posts stay, their link and author taken from their next
 * sighting), and its snapshots; in batches, then the source row. Aggregates (rollups) are not touched.
 */
export async function deleteSourceData(db: Db, sourceId: number): Promise<DeletedSource> {
  const handedOver = await db.transaction().execute(async (trx) => {
    const moved = await handOverSharedPosts(trx, sourceId);
    // The handed-over post shows its new first sighting's link and author, not this source's.
    await sql`
      UPDATE posts p SET url = s.url, author_pseudonym = s.author_pseudonym
      FROM post_keys k JOIN post_sightings s ON s.source_id = k.source_id AND s.external_id = k.external_id
      WHERE k.post_id = p.id AND k.source_id <> ${sourceId}::bigint
        AND EXISTS (SELECT 1 FROM post_sightings o WHERE o.post_id = p.id AND o.source_id = ${sourceId}::bigint)
        AND (p.url IS DISTINCT FROM s.url OR p.author_pseudonym IS DISTINCT FROM s.author_pseudonym)`.execute(
      trx,
    );
    return moved;
  });
  const own = async (
    table: 'post_keys' | 'post_sightings' | 'snapshots',
    id: 'post_id' | 'id',
    limit: number,
  ) =>
    (
      await sql<{ id: number }>`SELECT ${sql.ref(id)} AS id FROM ${sql.table(table)}
                                WHERE source_id = ${sourceId}::bigint ORDER BY 1 LIMIT ${limit}`.execute(db)
    ).rows.map((row) => Number(row.id));
  const result: DeletedSource = { handedOver, posts: 0, identities: 0, sightings: 0, snapshots: 0 };
  for (;;) {
    const ids = await own('snapshots', 'id', SNAPSHOT_BATCH);
    result.snapshots += await deleteSnapshots(db, ids);
    if (ids.length < SNAPSHOT_BATCH) break;
  }
  for (;;) {
    const ids = await own('post_keys', 'post_id', ERASE_BATCH);
    if (ids.length === 0) break;
    result.posts += (await erasePosts(db, ids)).posts;
    const gone = await sql`DELETE FROM post_keys WHERE post_id = ANY(${ids}::bigint[])`.execute(db);
    result.identities += Number(gone.numAffectedRows ?? 0n);
  }
  for (;;) {
    const ids = await own('post_sightings', 'id', ERASE_BATCH);
    if (ids.length === 0) break;
    const gone = await sql`DELETE FROM post_sightings WHERE id = ANY(${ids}::bigint[])`.execute(db);
    result.sightings += Number(gone.numAffectedRows ?? 0n);
  }
  await sql`DELETE FROM sources WHERE id = ${sourceId}::bigint`.execute(db);
  return result;
}
