/**
 * Sightings of a post: every (source, external id) that brought it in (store-posts.ts says when two are one
 * post). "Seen N times in M sources" and the spread of a copy-paste wave are counted here, not on posts.
 */
import { sql, type Generated, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import type { Database } from './schema.ts';

export interface PostSightingsTable {
  id: Generated<number>;
  /** The post this is a sighting of (= post_keys.post_id); null only inside the storing transaction. */
  post_id: number | null;
  source_id: number;
  external_id: string;
  published_at: Date;
  /** This sighting's own link and author, which may differ from the post's first sighting. */
  url: string | null;
  author_pseudonym: string | null;
  /** A boost or forward: the original author's pseudonym (as the post row's `context.forwardedFrom`). */
  forwarded_from: string | null;
  seen_at: Generated<Date>;
}

export interface Sighting {
  postId: number;
  sourceId: number;
  sourceName: string;
  sourceKind: string;
  externalId: string;
  /** This sighting's own link (the same text can live at several URLs). */
  url: string | null;
  authorPseudonym: string | null;
  publishedAt: Date;
  seenAt: Date;
}

/** Every sighting of the given posts, per post in the order they were seen. */
export async function listSightings(db: Db, postIds: readonly number[]): Promise<Sighting[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .selectFrom('post_sightings as k')
    .innerJoin('sources as s', 's.id', 'k.source_id')
    .select([
      'k.post_id',
      'k.source_id',
      's.name',
      's.kind',
      'k.external_id',
      'k.url',
      'k.author_pseudonym',
      'k.published_at',
      'k.seen_at',
    ])
    .where('k.post_id', 'in', [...postIds])
    .orderBy('k.post_id')
    .orderBy('k.id')
    .execute();
  return rows.flatMap((row) =>
    row.post_id === null
      ? []
      : [
          {
            postId: row.post_id,
            sourceId: row.source_id,
            sourceName: row.name,
            sourceKind: row.kind,
            externalId: row.external_id,
            url: row.url,
            authorPseudonym: row.author_pseudonym,
            publishedAt: row.published_at,
            seenAt: row.seen_at,
          },
        ],
  );
}

export interface SightingCounts {
  postId: number;
  /** How many times the post was seen (keys), whichever source. */
  sightings: number;
  /** In how many distinct sources. */
  sources: number;
}

/** Sighting and source counts per post; posts without a sighting are absent. */
export async function countSightings(db: Db, postIds: readonly number[]): Promise<SightingCounts[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .selectFrom('post_sightings')
    .select((eb) => [
      'post_id',
      eb.fn.countAll<string>().as('sightings'),
      eb.fn.count<string>('source_id').distinct().as('sources'),
    ])
    .where('post_id', 'in', [...postIds])
    .groupBy('post_id')
    .orderBy('post_id')
    .execute();
  return rows.flatMap((row) =>
    row.post_id === null
      ? []
      : [{ postId: row.post_id, sightings: Number(row.sightings), sources: Number(row.sources) }],
  );
}

/**
 * Before a source is deleted: its posts also seen elsewhere pass to their next sighting (posts and their
 * identity row), so that deleting the source, which cascades to the posts it saw first, removes only what
 * no other source saw.
 */
export async function handOverSharedPosts(db: Db | Transaction<Database>, sourceId: number): Promise<number> {
  const next = sql`
    SELECT DISTINCT ON (s.post_id) s.post_id, s.source_id, s.external_id, s.published_at
    FROM post_sightings s JOIN post_keys k ON k.post_id = s.post_id
    WHERE k.source_id = ${sourceId}::bigint AND s.source_id <> ${sourceId}::bigint
    ORDER BY s.post_id, s.id`;
  await sql`
    UPDATE post_keys k SET source_id = n.source_id, external_id = n.external_id, published_at = n.published_at
    FROM (${next}) AS n WHERE k.post_id = n.post_id`.execute(db);
  const result = await sql`
    UPDATE posts p SET source_id = k.source_id, external_id = k.external_id
    FROM post_keys k WHERE k.post_id = p.id AND p.source_id = ${sourceId}::bigint
      AND k.source_id <> ${sourceId}::bigint`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
