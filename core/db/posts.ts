/**
 * The `posts` table and its dedup twin `post_keys`. A post is stored once per (source, external id):
 * the key row is claimed first and only a newly claimed key inserts a post, in one statement per batch.
 */
import { sql, type ColumnType, type Selectable } from 'kysely';
import type { Db } from './client.ts';

export interface PostKeysTable {
  post_id: number;
  source_id: number;
  external_id: string;
  published_at: Date;
}

export interface PostsTable {
  id: number;
  source_id: number;
  external_id: string;
  url: string | null;
  title: string | null;
  text: string;
  author_pseudonym: string | null;
  published_at: Date;
  collected_at: Date;
  content_hash: string;
  lang: string | null;
  lang_confidence: number | null;
  analysed_at: Date | null;
  is_sample: boolean;
  /** Reach counts the source gave (views, forwards, reactions, replies); null when it gave none. */
  metrics: ColumnType<PostMetricsJson | null, string | null, string | null>;
  /** Reply-to, thread, forwarded-from. */
  context: ColumnType<PostContextJson | null, string | null, string | null>;
  /** Media links (images, video) as `{ url, kind }`. */
  media: ColumnType<PostMediaJson | null, string | null, string | null>;
}
export type PostMetricsJson = Partial<Record<'views' | 'forwards' | 'reactions' | 'replies', number>>;
export type PostContextJson = Partial<Record<'replyTo' | 'thread' | 'forwardedFrom', string>>;
export type PostMediaJson = { url: string; kind: string }[];
export type Post = Selectable<PostsTable>;

/** A post ready to store: author already pseudonymised, text already plain. */
export interface NewPost {
  externalId: string;
  url: string | null;
  title: string | null;
  text: string;
  authorPseudonym: string | null;
  publishedAt: Date;
  contentHash: string;
  metrics?: PostMetricsJson | null;
  context?: PostContextJson | null;
  media?: PostMediaJson | null;
}

export interface StoreResult {
  /** Ids of every post of the batch, new or already stored, in input order of first occurrence. */
  ids: number[];
  /** How many posts this call inserted (0 when the whole batch was seen before). */
  inserted: number;
}

const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Idempotent multi-row insert: storing the same batch twice changes nothing the second time. */
export async function storePosts(
  db: Db,
  sourceId: number,
  posts: readonly NewPost[],
  options: { isSample?: boolean } = {},
): Promise<StoreResult> {
  const unique = [...new Map(posts.map((post) => [post.externalId, post])).values()];
  if (unique.length === 0) return { ids: [], inserted: 0 };
  const column = <T>(pick: (post: NewPost) => T) => unique.map(pick);

  const inserted = await sql<{ id: number }>`
    WITH input AS (
      SELECT * FROM unnest(
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
      ) AS t(external_id, url, title, text, author_pseudonym, published_at, content_hash, metrics, context, media)
    ),
    claimed AS (
      INSERT INTO post_keys (source_id, external_id, published_at)
      SELECT ${sourceId}::bigint, external_id, published_at FROM input
      ON CONFLICT (source_id, external_id) DO NOTHING
      RETURNING post_id, external_id
    )
    INSERT INTO posts (id, source_id, external_id, url, title, text, author_pseudonym, published_at,
                       content_hash, is_sample, metrics, context, media)
    SELECT c.post_id, ${sourceId}::bigint, i.external_id, i.url, i.title, i.text, i.author_pseudonym,
           i.published_at, i.content_hash, ${options.isSample ?? false}, i.metrics, i.context, i.media
    FROM claimed c JOIN input i USING (external_id)
    RETURNING id
  `.execute(db);

  const keys = await db
    .selectFrom('post_keys')
    .select(['post_id', 'external_id'])
    .where('source_id', '=', sourceId)
    .where(
      'external_id',
      'in',
      unique.map((post) => post.externalId),
    )
    .execute();
  const idByExternal = new Map(keys.map((key) => [key.external_id, key.post_id]));
  const ids = unique.flatMap((post) => {
    const id = idByExternal.get(post.externalId);
    return id === undefined ? [] : [id];
  });
  return { ids, inserted: inserted.rows.length };
}

/** The subset of `ids` whose posts still await language detection and classification. */
export async function filterUnanalysed(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('posts')
    .select('id')
    .where('id', 'in', [...ids])
    .where('analysed_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Ids of posts without a classification by `modelVersion` (never analysed, their job lost with Redis, or
 * analysed by the previous model while a new one was being activated), oldest first, for re-enqueueing.
 * Posts younger than `minAgeMs` are left alone: their collector is probably enqueueing them right now.
 */
export async function listIdsMissingVersion(
  db: Db,
  modelVersion: string,
  limit: number,
  minAgeMs = 60_000,
): Promise<number[]> {
  const rows = await db
    .selectFrom('posts as p')
    .select('p.id')
    .where('p.collected_at', '<', new Date(Date.now() - minAgeMs))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('post_classifications as pc')
            .select('pc.post_id')
            .whereRef('pc.post_id', '=', 'p.id')
            .where('pc.model_version', '=', modelVersion),
        ),
      ),
    )
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Keyset page of post ids after `afterId`, ascending: how long jobs walk every stored post. */
export async function postIdsAfter(db: Db, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('posts')
    .select('id')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export async function countPosts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface PostToAnalyse {
  id: number;
  title: string | null;
  text: string;
}

export async function getPostsToAnalyse(db: Db, ids: readonly number[]): Promise<PostToAnalyse[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('posts')
    .select(['id', 'title', 'text'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

export interface PostLanguage {
  id: number;
  lang: string;
  confidence: number;
}

/** One statement for the whole batch; marks the posts analysed. */
export async function setLanguages(db: Db, languages: readonly PostLanguage[]): Promise<void> {
  if (languages.length === 0) return;
  await sql`
    UPDATE posts SET lang = t.lang, lang_confidence = t.confidence, analysed_at = now()
    FROM unnest(
      ${languages.map((l) => l.id)}::bigint[],
      ${languages.map((l) => l.lang)}::text[],
      ${languages.map((l) => l.confidence)}::real[]
    ) AS t(id, lang, confidence)
    WHERE posts.id = t.id
  `.execute(db);
}
