/**
 * The `posts` table and its identity row `post_keys` (one per post, `posts.id = post_keys.post_id`, kept by
 * retention). How a post is stored once however often and wherever it is seen: store-posts.ts.
 */
import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import type { Db } from './client.ts';
import { inSpan, type PostSpan } from './post-span.ts';
import { refreshSearchVectors, searchConfigOf } from './post-search.ts';

/** A post's identity: one row per post, holding its first sighting; retention drops posts, not these. */
export interface PostKeysTable {
  post_id: Generated<number>;
  source_id: number;
  external_id: string;
  published_at: Date;
}

/** The exact-copy claim of a text: one post per (is_sample, content_hash); erased with its post. */
export interface PostHashesTable {
  is_sample: boolean;
  content_hash: string;
  post_id: number;
}

/** Partitioned by month of `published_at` (migration 0017, post-partitions.ts). */
export interface PostsTable {
  /** = post_keys.post_id */
  id: number;
  /** The source and external id of the first sighting. */
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
  /** Near-duplicate cluster (the id of the post that founded it); see post-clusters.ts. */
  cluster_id: number | null;
  /** Sightings of this post (exact copies and links from other sources), kept by storePosts. */
  sightings: Generated<number>;
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

export { storePosts, type StoreResult } from './store-posts.ts';

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
 * Posts younger than `minAgeMs` are left alone: their collector is probably enqueueing them right now. A keyset
 * page: ids above `afterId` only.
 */
export async function listIdsMissingVersion(
  db: Db,
  modelVersion: string,
  limit: number,
  minAgeMs = 60_000,
  afterId = 0,
): Promise<number[]> {
  const rows = await db
    .selectFrom('posts as p')
    .select('p.id')
    .where('p.id', '>', afterId)
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

/** Whether any post is stored at all (an empty page then means a new install, not a filter matching nothing). */
export async function anyPosts(db: Db): Promise<boolean> {
  const row = await db.selectFrom('posts').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Generated sample posts in the database (the dashboard's sample banner, on every page): counted on the text
 * claims' key, which leads with is_sample, so it reads an index range, not the posts of every month.
 */
export async function countSamplePosts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('post_hashes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_sample', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface PostToAnalyse {
  id: number;
  title: string | null;
  text: string;
  published_at: Date;
}

export async function getPostsToAnalyse(db: Db, ids: readonly number[]): Promise<PostToAnalyse[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('posts')
    .select(['id', 'title', 'text', 'published_at'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

export interface PostLanguage {
  id: number;
  lang: string;
  confidence: number;
  /** The post's search document (`searchDocument`), when the caller has it: saves re-reading the post. */
  document?: string;
}

/**
 * Marks the whole batch analysed and writes the posts' search vectors (which need the language's text-search
 * configuration, known only now). With every document given, that is one UPDATE of the batch's rows; otherwise the
 * vectors are rebuilt from the stored text afterwards, a second pass over the same rows.
 */
export async function setLanguages(
  db: Db,
  languages: readonly PostLanguage[],
  span?: PostSpan,
): Promise<void> {
  if (languages.length === 0) return;
  if (languages.every((l) => l.document !== undefined)) {
    await sql`
      UPDATE posts SET lang = t.lang, lang_confidence = t.confidence, analysed_at = now(),
                       search_vector = to_tsvector(t.config::regconfig, t.document)
      FROM unnest(
        ${languages.map((l) => l.id)}::bigint[],
        ${languages.map((l) => l.lang)}::text[],
        ${languages.map((l) => l.confidence)}::real[],
        ${languages.map((l) => searchConfigOf(l.lang))}::text[],
        ${languages.map((l) => l.document ?? '')}::text[]
      ) AS t(id, lang, confidence, config, document)
      WHERE posts.id = t.id AND ${inSpan(sql`posts.published_at`, span)}
    `.execute(db);
    return;
  }
  await sql`
    UPDATE posts SET lang = t.lang, lang_confidence = t.confidence, analysed_at = now()
    FROM unnest(
      ${languages.map((l) => l.id)}::bigint[],
      ${languages.map((l) => l.lang)}::text[],
      ${languages.map((l) => l.confidence)}::real[]
    ) AS t(id, lang, confidence)
    WHERE posts.id = t.id AND ${inSpan(sql`posts.published_at`, span)}
  `.execute(db);
  await refreshSearchVectors(
    db,
    languages.map((l) => l.id),
  );
}
