/** List: latest posts with language, stance and themes, filtered, newest first, keyset-paginated. */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import { ANALYST_TIME_ZONE, decodeCursor, encodeCursor, type PostsQuery } from '../params.ts';
import { isRestricted } from './restricted.ts';

export interface PostTheme {
  id: string;
  role: 'rumour' | 'about';
  score: number;
  evidence: string[];
}

export interface PostView {
  id: number;
  source: { id: number; name: string; kind: string };
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  published_at: string;
  lang: string | null;
  lang_confidence: number | null;
  lang2: string | null;
  stance: string | null;
  themes: PostTheme[];
  /** Municipality codes (and districts) the post names. */
  places: { code: string; district: string | null }[];
  /** The latest analyst label, when an analyst corrected this post. */
  label: {
    stance: string;
    themes: string[];
    about: string[];
    labelled_by: string;
    labelled_at: string;
  } | null;
  is_sample: boolean;
}

export interface PostPage {
  modelVersion: string;
  posts: PostView[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** `hideRestricted` drops posts only the security role may see (see restricted.ts). */
export async function latestPosts(
  db: Db,
  modelVersion: string,
  query: PostsQuery,
  options: { hideRestricted: boolean },
): Promise<PostPage> {
  const tz = ANALYST_TIME_ZONE;
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .selectFrom('posts as p')
    .innerJoin('sources as s', 's.id', 'p.source_id')
    .leftJoin('post_classifications as pc', (join) =>
      join.onRef('pc.post_id', '=', 'p.id').on('pc.model_version', '=', modelVersion),
    )
    .select([
      'p.id',
      'p.url',
      'p.title',
      'p.text',
      'p.author_pseudonym',
      'p.published_at',
      'p.lang',
      'p.lang_confidence',
      'p.is_sample',
      'pc.stance',
      'pc.lang2',
      's.id as source_id',
      's.name as source_name',
      's.kind as source_kind',
    ])
    .select(
      sql<PostTheme[]>`coalesce((
        SELECT json_agg(json_build_object('id', pt.theme_id, 'role', pt.role, 'score', pt.score,
                                          'evidence', pt.evidence) ORDER BY pt.role DESC, pt.score DESC)
        FROM post_themes pt WHERE pt.post_id = p.id AND pt.model_version = ${modelVersion}), '[]'::json)`.as(
        'themes',
      ),
    )
    .select(
      sql<PostView['label']>`(
        SELECT json_build_object('stance', l.stance, 'themes', l.themes, 'about', l.about,
                                 'labelled_by', l.labelled_by, 'labelled_at', l.labelled_at)
        FROM post_labels l WHERE l.post_id = p.id ORDER BY l.labelled_at DESC, l.id DESC LIMIT 1)`.as(
        'label',
      ),
    )
    .select(
      sql<PostView['places']>`coalesce((
        SELECT json_agg(json_build_object('code', pp.municipality_code, 'district', nullif(pp.district, ''))
                        ORDER BY pp.municipality_code, pp.district)
        FROM post_places pp WHERE pp.post_id = p.id), '[]'::json)`.as('places'),
    )
    .$if(query.place !== undefined, (qb) =>
      qb.where(
        sql<boolean>`EXISTS (SELECT 1 FROM post_places pp WHERE pp.post_id = p.id AND pp.municipality_code = ${query.place})`,
      ),
    )
    .$if(query.from !== undefined, (qb) =>
      qb.where(sql<boolean>`p.published_at >= (${query.from}::date::timestamp AT TIME ZONE ${tz})`),
    )
    .$if(query.to !== undefined, (qb) =>
      qb.where(sql<boolean>`p.published_at < ((${query.to}::date + 1)::timestamp AT TIME ZONE ${tz})`),
    )
    .$if(query.lang !== undefined, (qb) => qb.where('p.lang', '=', query.lang ?? ''))
    .$if(query.stance !== undefined, (qb) => qb.where('pc.stance', '=', query.stance ?? 'rumour'))
    .$if(query.theme !== undefined, (qb) =>
      qb.where(
        sql<boolean>`EXISTS (SELECT 1 FROM post_themes pt WHERE pt.post_id = p.id
                     AND pt.model_version = ${modelVersion} AND pt.theme_id = ${query.theme})`,
      ),
    )
    .$if(options.hideRestricted, (qb) => qb.where(sql<boolean>`NOT ${isRestricted(modelVersion)}`))
    .$if(cursor !== null, (qb) =>
      qb.where(
        sql<boolean>`(p.published_at, p.id) < (${cursor?.publishedAt}::timestamptz, ${cursor?.id}::bigint)`,
      ),
    )
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(query.limit + 1)
    .execute();

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    modelVersion,
    posts: page.map((row) => ({
      id: row.id,
      source: { id: row.source_id, name: row.source_name, kind: row.source_kind },
      url: row.url,
      title: row.title,
      text: row.text,
      author: row.author_pseudonym,
      published_at: row.published_at.toISOString(),
      lang: row.lang,
      lang_confidence: row.lang_confidence,
      lang2: row.lang2,
      stance: row.stance,
      themes: row.themes,
      places: row.places,
      label: row.label,
      is_sample: row.is_sample,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ publishedAt: last.published_at.toISOString(), id: last.id })
        : null,
  };
}
