/**
 * Storing posts: the `posts` table, its identity row `post_keys` (one per post, kept by retention) and its sightings
 * (`post_sightings`, post-sightings.ts). A sighting (source, external id) is claimed once; a newly claimed
 * sighting links to an existing post when that post is the same one seen elsewhere, and only otherwise
 * creates a post. Every sighting is kept, so "seen N times / in N sources" stays countable.
 *
 * What counts as the same post:
 * - the same exact-duplicate key: the full normalised text (`contentHash`, digits kept: a post that differs
 *   by one number is another post). Two people posting the identical text is a copy-paste wave; keyed on
 *   the text they become ONE post with TWO sightings (each with its own author pseudonym, link and time).
 *   That is the decided behaviour, so counts of spread must count sightings, not posts. `post_hashes`, unique
 *   on (is_sample, content_hash), claimed with ON CONFLICT, keeps it so when collectors race (posts itself is
 *   partitioned by month and cannot hold a unique key on the text).
 * - the same canonical URL, seen from another source: a sighting links to the one post carrying that URL
 *   when no sighting of that post comes from the same source. The exceptions are deliberate: a feed that
 *   gives every item its home page as link must not fold its items into one, so a URL carried by several
 *   posts, or repeated within one source, identifies nothing. Writers of one URL are serialised with a
 *   transaction-scoped advisory lock, since a condition like this cannot be a unique index.
 * Sample posts (`is_sample`) never merge with real ones. Locks are taken in one order (sightings, URLs,
 * texts, cluster) and sorted within each, so concurrent batches queue behind each other, not deadlock.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import { keepRollups } from './rollups.ts';
import { assignClusters } from './post-clusters.ts';
import type { NewPost } from './posts.ts';
import type { Database } from './schema.ts';

export interface StoreResult {
  /**
   * The post id of every input, new or already stored, in input order of first occurrence of its external
   * id. Two inputs that are one post (same text) carry the same id.
   */
  ids: number[];
  /** How many posts this call created (0 when every input was seen before or is a copy of a stored post). */
  inserted: number;
}

type Trx = Transaction<Database>;

const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Advisory lock namespace for canonical URLs (see the module header). */
const URL_LOCK_NAMESPACE = 0x52_52_02;
/**
 * URLs share this many locks (by hash): one lock per URL ran Postgres out of lock memory on an import of 30,000
 * rows (a batch held 30,000 locks; the lock table has room for max_locks_per_transaction × connections, 6,400 by
 * default), so the import failed at every retry. Two URLs in one slot only wait for each other.
 */
const URL_LOCK_SLOTS = 256;

/** Claims the sightings not seen before (a sighting claimed by a racing batch waits for it, then is skipped). */
async function claimSightings(trx: Trx, sourceId: number, posts: readonly NewPost[]) {
  const sorted = [...posts].sort((a, b) => (a.externalId < b.externalId ? -1 : 1));
  const { rows } = await sql<{ id: number; external_id: string }>`
    INSERT INTO post_sightings (source_id, external_id, published_at, url, author_pseudonym, forwarded_from)
    SELECT ${sourceId}::bigint, external_id, published_at, url, author_pseudonym, forwarded_from
    FROM unnest(${sorted.map((p) => p.externalId)}::text[],
                ${sorted.map((p) => p.publishedAt.toISOString())}::timestamptz[],
                ${sorted.map((p) => p.url)}::text[], ${sorted.map((p) => p.authorPseudonym)}::text[],
                ${sorted.map((p) => p.context?.forwardedFrom ?? null)}::text[])
      WITH ORDINALITY AS t(external_id, published_at, url, author_pseudonym, forwarded_from, n)
    ORDER BY n
    ON CONFLICT (source_id, external_id) DO NOTHING
    RETURNING id, external_id
  `.execute(trx);
  return new Map(rows.map((row) => [row.external_id, Number(row.id)]));
}

/** The post other sources already hold under each canonical URL (URL → post id), under the URL locks. */
async function postsByUrl(
  trx: Trx,
  sourceId: number,
  urls: readonly string[],
  isSample: boolean,
): Promise<Map<string, number>> {
  if (urls.length === 0) return new Map();
  await sql`
    SELECT pg_advisory_xact_lock(${URL_LOCK_NAMESPACE}::int, k)
    FROM (SELECT DISTINCT hashtext(u) & ${URL_LOCK_SLOTS - 1} AS k FROM unnest(${urls}::text[]) AS u ORDER BY k) AS s
  `.execute(trx);
  const { rows } = await sql<{ url: string; post_id: number }>`
    SELECT p.url, min(p.id) AS post_id
    FROM posts p
    WHERE p.url = ANY(${urls}::text[]) AND p.is_sample = ${isSample}
    GROUP BY p.url
    HAVING count(*) = 1 AND NOT EXISTS (
      SELECT 1 FROM post_sightings s WHERE s.post_id = min(p.id) AND s.source_id = ${sourceId}::bigint)
  `.execute(trx);
  return new Map(rows.map((row) => [row.url, Number(row.post_id)]));
}

async function postsByHash(
  trx: Trx,
  hashes: readonly string[],
  isSample: boolean,
): Promise<Map<string, number>> {
  if (hashes.length === 0) return new Map();
  const rows = await trx
    .selectFrom('post_hashes')
    .select(['post_id', 'content_hash'])
    .where('is_sample', '=', isSample)
    .where('content_hash', 'in', [...hashes])
    .execute();
  return new Map(rows.map((row) => [row.content_hash, Number(row.post_id)]));
}

/**
 * Creates a post (identity row, text claim, then post row) for each distinct text; text claims go in hash order
 * (a stable lock order for the unique key). A text a racing batch claimed first loses ON CONFLICT; its unused
 * identity row is removed again. Returns hash → created post.
 */
async function createPosts(
  trx: Trx,
  sourceId: number,
  posts: readonly NewPost[],
  isSample: boolean,
): Promise<Map<string, { id: number; text: string }>> {
  // One row per text, from its earliest publication in the batch (a post row is its first sighting: taking the
  // last copy dated a text by a later repost and moved it to another day); ids in input order of each text's
  // first occurrence (readers take them as arrival order); claims in hash order.
  const byHash = new Map<string, NewPost>();
  for (const post of posts) {
    const seen = byHash.get(post.contentHash);
    if (seen === undefined || post.publishedAt < seen.publishedAt) byHash.set(post.contentHash, post);
  }
  const representatives = [...byHash.values()];
  if (representatives.length === 0) return new Map();
  const keys = await sql<{ post_id: number; external_id: string }>`
    INSERT INTO post_keys (source_id, external_id, published_at)
    SELECT ${sourceId}::bigint, external_id, published_at
    FROM unnest(${representatives.map((p) => p.externalId)}::text[],
                ${representatives.map((p) => p.publishedAt.toISOString())}::timestamptz[])
      WITH ORDINALITY AS t(external_id, published_at, n)
    ORDER BY n
    RETURNING post_id, external_id
  `.execute(trx);
  const idOf = new Map(keys.rows.map((row) => [row.external_id, Number(row.post_id)]));
  const sorted = [...representatives].sort((a, b) => (a.contentHash < b.contentHash ? -1 : 1));
  const claimed = await sql<{ post_id: number }>`
    INSERT INTO post_hashes (is_sample, content_hash, post_id)
    SELECT ${isSample}, content_hash, post_id
    FROM unnest(${sorted.map((p) => p.contentHash)}::text[], ${sorted.map((p) => idOf.get(p.externalId)!)}::bigint[])
      WITH ORDINALITY AS t(content_hash, post_id, n)
    ORDER BY n
    ON CONFLICT DO NOTHING
    RETURNING post_id
  `.execute(trx);
  const won = new Set(claimed.rows.map((row) => Number(row.post_id)));
  const winners = sorted.filter((p) => won.has(idOf.get(p.externalId)!));
  const unused = [...idOf.values()].filter((id) => !won.has(id));
  if (unused.length > 0)
    await sql`DELETE FROM post_keys WHERE post_id = ANY(${unused}::bigint[])`.execute(trx);
  if (winners.length === 0) return new Map();
  const column = <T>(pick: (post: NewPost) => T) => winners.map(pick);
  // Each post starts as its own cluster, which most stay: assignClusters then rewrites only the rows that join
  // another, so a new row is not written a second time for nothing.
  const { rows } = await sql<{ id: number; content_hash: string; text: string }>`
    INSERT INTO posts (id, source_id, external_id, url, title, text, author_pseudonym, published_at,
                       content_hash, is_sample, metrics, context, media, cluster_id)
    SELECT id, ${sourceId}::bigint, external_id, url, title, text, author_pseudonym, published_at,
           content_hash, ${isSample}, metrics, context, media, id
    FROM unnest(
      ${column((p) => idOf.get(p.externalId)!)}::bigint[],
      ${column((p) => p.externalId)}::text[],
      ${column((p) => p.url)}::text[],
      ${column((p) => p.title)}::text[],
      ${column((p) => p.text)}::text[],
      ${column((p) => p.authorPseudonym)}::text[],
      ${column((p) => p.publishedAt.toISOString())}::timestamptz[],
      ${column((p) => p.contentHash)}::text[],
      ${column((p) => json(p.metrics))}::jsonb[],
      ${column((p) => json(p.context))}::jsonb[],
      ${column((p) => json(p.media))}::jsonb[]
    ) WITH ORDINALITY AS t(id, external_id, url, title, text, author_pseudonym, published_at, content_hash,
                           metrics, context, media, n)
    ORDER BY n
    RETURNING id, content_hash, text
  `.execute(trx);
  return new Map(rows.map((row) => [row.content_hash, { id: Number(row.id), text: row.text }]));
}

function firstOfEachId(posts: readonly NewPost[]): NewPost[] {
  const byId = new Map<string, NewPost>();
  for (const post of posts) if (!byId.has(post.externalId)) byId.set(post.externalId, post);
  return [...byId.values()];
}

/**
 * Stores a batch from one source: one sighting per new (source, external id), one post per distinct post
 * (see the module header), near-duplicate clusters for the new posts; all in one transaction. Idempotent:
 * storing the same batch twice changes nothing the second time. A sighting seen before keeps its post even
 * when its text has changed since. Of inputs sharing an external id only the first is stored. One value Postgres
 * refuses (NUL, a date outside its range, an id or URL too long for its index) fails the whole batch, so collected
 * posts come through itemsToPosts (collectors/to-posts.ts), which keeps such values out.
 */
export async function storePosts(
  db: Db,
  sourceId: number,
  posts: readonly NewPost[],
  options: { isSample?: boolean } = {},
): Promise<StoreResult> {
  // The first wins, as in the collector (clean-items.ts), which also logs the ones it leaves out.
  const unique = firstOfEachId(posts);
  if (unique.length === 0) return { ids: [], inserted: 0 };
  const isSample = options.isSample ?? false;

  return db.transaction().execute(async (trx) => {
    const claimed = await claimSightings(trx, sourceId, unique);
    const fresh = unique.filter((post) => claimed.has(post.externalId));
    const urls = [...new Set(fresh.flatMap((post) => (post.url ? [post.url] : [])))];
    const byUrl = await postsByUrl(trx, sourceId, urls, isSample);
    const byText = fresh.filter((post) => !(post.url && byUrl.has(post.url)));
    const known = await postsByHash(
      trx,
      byText.map((post) => post.contentHash),
      isSample,
    );
    const created = await createPosts(
      trx,
      sourceId,
      byText.filter((post) => !known.has(post.contentHash)),
      isSample,
    );
    const raced = byText.filter((p) => !known.has(p.contentHash) && !created.has(p.contentHash));
    const lateKnown = await postsByHash(
      trx,
      raced.map((post) => post.contentHash),
      isSample,
    );

    const links = fresh.map((post) => {
      const postId =
        (post.url ? byUrl.get(post.url) : undefined) ??
        known.get(post.contentHash) ??
        created.get(post.contentHash)?.id ??
        lateKnown.get(post.contentHash);
      // Only a post deleted between losing the race and this read (its source removed) ends here.
      if (postId === undefined) throw new Error('a stored post vanished while linking; retry the batch');
      return { sightingId: claimed.get(post.externalId)!, postId };
    });
    if (links.length > 0) {
      // A new sighting of a post already analysed adds to that post's spread in the rollups.
      const createdIds = new Set([...created.values()].map((post) => post.id));
      const seenBefore = links.map((link) => link.postId).filter((id) => !createdIds.has(id));
      await keepRollups(trx, seenBefore, async () => {
        await sql`
          UPDATE post_sightings SET post_id = t.post_id
          FROM unnest(${links.map((l) => l.sightingId)}::bigint[], ${links.map((l) => l.postId)}::bigint[])
            AS t(id, post_id)
          WHERE post_sightings.id = t.id
        `.execute(trx);
        // Only rows whose count changed are written: a new post's first sighting matches the default of 1.
        await sql`
          UPDATE posts SET sightings = c.n
          FROM (SELECT post_id, count(*)::int AS n FROM post_sightings
                WHERE post_id = ANY(${[...new Set(links.map((l) => l.postId))].sort((a, b) => a - b)}::bigint[])
                GROUP BY post_id) c
          WHERE posts.id = c.post_id AND posts.sightings <> c.n
        `.execute(trx);
      });
    }

    const sightings = await trx
      .selectFrom('post_sightings')
      .select(['post_id', 'external_id'])
      .where('source_id', '=', sourceId)
      .where(
        'external_id',
        'in',
        unique.map((post) => post.externalId),
      )
      .execute();
    const idByExternal = new Map(sightings.map((s) => [s.external_id, s.post_id]));
    const ids = unique.flatMap((post) => {
      const id = idByExternal.get(post.externalId);
      return id === undefined || id === null ? [] : [id];
    });

    await assignClusters(trx, [...created.values()], isSample);
    return { ids, inserted: created.size };
  });
}
