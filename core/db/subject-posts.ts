/**
 * A data subject's posts (den registrerades inlägg), found by author pseudonym: every sighting whose author is one
 * of the given pseudonyms, every post row carrying one, and every post row that boosts or forwards one (its text
 * is the subject's words; `context.forwardedFrom` holds the original author's pseudonym). `subjectPostsExport`
 * gathers what is stored about each for a copy (art. 15); the erasure itself is in erase-posts.ts. Handles are
 * never passed in: callers pseudonymise them with the same keyed HMAC the collectors use. Subject requests are
 * rare, so these reads scan instead of keeping author indexes on the collectors' write path.
 */
import { sql } from 'kysely';
import type { Db } from './client.ts';
import type { SourceKind } from './sources.ts';

export interface SubjectSighting {
  sightingId: number;
  postId: number;
  sourceId: number;
  sourceKind: string;
  sourceName: string;
  externalId: string;
  url: string | null;
  publishedAt: Date;
  seenAt: Date;
}

export interface SubjectPost {
  postId: number;
  /** Whether the post row is still stored (retention or an earlier erasure may have removed it). */
  stored: boolean;
  publishedAt: Date;
  sourceId: number;
  sourceKind: string;
  /** Sightings of this post by the subject. */
  sightings: SubjectSighting[];
  /** Someone else boosted or forwarded the subject's post: one of its sightings names them as the origin. */
  forwardedFromSubject: boolean;
  /**
   * Another author's sighting of the same text exists: erasure then unlinks only the subject's sightings. A
   * boost or forward of the subject does not count: what the booster shared is the subject's text.
   */
  sharedWithOthers: boolean;
}

/** The subject's posts, oldest first; `platform` keeps only sightings and posts from sources of that kind. */
export async function findSubjectPosts(
  db: Db,
  pseudonyms: readonly string[],
  platform?: SourceKind,
): Promise<SubjectPost[]> {
  if (pseudonyms.length === 0) return [];
  const names = [...new Set(pseudonyms)];
  const kind = platform === undefined ? sql`true` : sql`src.kind = ${platform}`;
  const { rows: sightings } = await sql<{
    id: number;
    post_id: number;
    source_id: number;
    kind: string;
    name: string;
    external_id: string;
    url: string | null;
    published_at: Date;
    seen_at: Date;
  }>`
    SELECT s.id, s.post_id, s.source_id, src.kind, src.name, s.external_id, s.url, s.published_at, s.seen_at
    FROM post_sightings s JOIN sources src ON src.id = s.source_id
    WHERE s.author_pseudonym = ANY(${names}::text[]) AND s.post_id IS NOT NULL AND ${kind}
    ORDER BY s.post_id, s.id`.execute(db);
  const { rows: posts } = await sql<{
    id: number;
    stored: boolean;
    published_at: Date;
    source_id: number;
    kind: string;
    forwarded: boolean;
    shared: boolean;
  }>`
    WITH ids AS (
      SELECT unnest(${sightings.map((s) => Number(s.post_id))}::bigint[]) AS id
      UNION
      SELECT p.id FROM posts p JOIN sources src ON src.id = p.source_id
      WHERE (p.author_pseudonym = ANY(${names}::text[]) OR p.context->>'forwardedFrom' = ANY(${names}::text[]))
        AND ${kind}
      UNION
      SELECT s.post_id FROM post_sightings s JOIN sources src ON src.id = s.source_id
      WHERE s.forwarded_from = ANY(${names}::text[]) AND s.post_id IS NOT NULL AND ${kind}
    ), rows AS (
      SELECT k.post_id, k.published_at, k.source_id, p.id IS NOT NULL AS stored, p.author_pseudonym,
             coalesce(p.context->>'forwardedFrom' = ANY(${names}::text[]), false) AS row_forwarded
      FROM ids JOIN post_keys k ON k.post_id = ids.id
      LEFT JOIN posts p ON p.id = k.post_id
    )
    SELECT r.post_id AS id, r.stored, r.published_at, r.source_id, src.kind,
           r.row_forwarded OR EXISTS (SELECT 1 FROM post_sightings f WHERE f.post_id = r.post_id
                                      AND f.forwarded_from = ANY(${names}::text[])) AS forwarded,
           EXISTS (SELECT 1 FROM post_sightings o WHERE o.post_id = r.post_id
                   AND o.author_pseudonym IS NOT NULL AND o.author_pseudonym <> ALL(${names}::text[])
                   AND NOT coalesce(o.forwarded_from = ANY(${names}::text[]), false)
                   AND NOT (r.row_forwarded AND o.author_pseudonym = r.author_pseudonym)) AS shared
    FROM rows r JOIN sources src ON src.id = r.source_id
    ORDER BY r.published_at, r.post_id`.execute(db);
  const byPost = new Map<number, SubjectSighting[]>();
  for (const s of sightings) {
    const list = byPost.get(Number(s.post_id)) ?? [];
    list.push({
      sightingId: Number(s.id),
      postId: Number(s.post_id),
      sourceId: Number(s.source_id),
      sourceKind: s.kind,
      sourceName: s.name,
      externalId: s.external_id,
      url: s.url,
      publishedAt: s.published_at,
      seenAt: s.seen_at,
    });
    byPost.set(Number(s.post_id), list);
  }
  return posts.map((p) => ({
    postId: Number(p.id),
    stored: p.stored,
    publishedAt: p.published_at,
    sourceId: Number(p.source_id),
    sourceKind: p.kind,
    sightings: byPost.get(Number(p.id)) ?? [],
    forwardedFromSubject: p.forwarded,
    sharedWithOthers: p.shared,
  }));
}

/** A boost's `forwardedFrom` names another person (by pseudonym): the copy says only that it was forwarded. */
function withoutOthers(context: unknown): unknown {
  if (context === null || typeof context !== 'object' || !('forwardedFrom' in context)) return context;
  const { forwardedFrom: _other, ...rest } = context as Record<string, unknown>;
  return { ...rest, forwarded: true };
}

/** One post as given to the data subject: what is stored about it, without staff names or other authors. */
export interface ExportedPost {
  id: number;
  /** Null when the post's first sighting is another author's (see subjectPostsExport). */
  source: { id: number; name: string; kind: string } | null;
  url: string | null;
  title: string | null;
  text: string;
  published_at: string;
  collected_at: string;
  lang: string | null;
  metrics: unknown;
  context: unknown;
  media: unknown;
  classifications: { model_version: string; stance: string; themes: { id: string; role: string }[] }[];
  places: { municipality_code: string; district: string }[];
  media_text: { media_url: string; text: string | null }[];
  labels: { stance: string; themes: string[]; about: string[]; labelled_at: string }[];
  snapshot_ids: number[];
}

/**
 * The stored posts among `postIds` with their analysis, places, OCR text, labels and snapshot ids. A post row
 * holds its first sighting's source, link, title, reach, context and media: where that sighting is another
 * author's (the subject posted the same text later), those are the other person's and are left out (null); the
 * subject's own links are in their sightings.
 */
export async function subjectPostsExport(
  db: Db,
  postIds: readonly number[],
  pseudonyms: readonly string[],
): Promise<ExportedPost[]> {
  if (postIds.length === 0) return [];
  const own = sql`p.author_pseudonym = ANY(${[...new Set(pseudonyms)]}::text[])`;
  const ifOwn = (column: string) => sql`CASE WHEN ${own} THEN ${sql.ref(column)} END`;
  const { rows } = await sql<ExportedPost>`
    SELECT p.id,
           CASE WHEN ${own} THEN json_build_object('id', src.id, 'name', src.name, 'kind', src.kind) END AS source,
           ${ifOwn('p.url')} AS url, ${ifOwn('p.title')} AS title, p.text,
           to_json(p.published_at)#>>'{}' AS published_at, to_json(p.collected_at)#>>'{}' AS collected_at,
           p.lang, ${ifOwn('p.metrics')} AS metrics, ${ifOwn('p.context')} AS context, ${ifOwn('p.media')} AS media,
           coalesce((SELECT json_agg(json_build_object(
                       'model_version', pc.model_version, 'stance', pc.stance,
                       'themes', coalesce((SELECT json_agg(json_build_object('id', pt.theme_id, 'role', pt.role)
                                                           ORDER BY pt.role, pt.theme_id)
                                           FROM post_themes pt
                                           WHERE pt.post_id = p.id AND pt.model_version = pc.model_version),
                                          '[]'::json)) ORDER BY pc.classified_at)
                     FROM post_classifications pc WHERE pc.post_id = p.id), '[]'::json) AS classifications,
           coalesce((SELECT json_agg(json_build_object('municipality_code', pp.municipality_code,
                                                       'district', pp.district) ORDER BY pp.municipality_code)
                     FROM post_places pp WHERE pp.post_id = p.id), '[]'::json) AS places,
           coalesce((SELECT json_agg(json_build_object('media_url', m.media_url, 'text', m.text)
                                     ORDER BY m.media_url)
                     FROM post_media_text m WHERE m.post_id = p.id), '[]'::json) AS media_text,
           coalesce((SELECT json_agg(json_build_object('stance', l.stance, 'themes', l.themes, 'about', l.about,
                                                       'labelled_at', l.labelled_at) ORDER BY l.labelled_at)
                     FROM post_labels l WHERE l.post_id = p.id), '[]'::json) AS labels,
           coalesce((SELECT json_agg(sp.snapshot_id ORDER BY sp.snapshot_id)
                     FROM snapshot_posts sp WHERE sp.post_id = p.id), '[]'::json) AS snapshot_ids
    FROM posts p JOIN sources src ON src.id = p.source_id
    WHERE p.id = ANY(${[...postIds]}::bigint[])
    ORDER BY p.published_at, p.id`.execute(db);
  return rows.map((row) => ({ ...row, id: Number(row.id), context: withoutOthers(row.context) }));
}
