/**
 * List: the posts explorer's filtered posts (period, theme, stance, language incl. `und`, source, place, free text),
 * newest first, keyset-paginated, each with its evidence, reach, sightings and snapshots. The page, the search API
 * and the exports (which walk every page) all read through `postListPage`.
 */
import { sql } from 'kysely';
import { matchesSearch } from '../../core/db/post-search.ts';
import type { PostMetricsJson } from '../../core/db/posts.ts';
import type { Db } from '../../core/db/client.ts';
import { ANALYST_TIME_ZONE, decodeCursor, encodeCursor, type PostFilters } from '../params.ts';
import type { PostTheme, PostView } from './latest-posts.ts';
import { isRestricted } from '../../core/db/restricted-posts.ts';

export interface PostListItem extends PostView {
  metrics: PostMetricsJson | null;
  /** How many times (sources × external ids) the post was seen. */
  sightings: number;
  /** Snapshots of pages that showed the post, newest first. */
  snapshots: { id: number; taken_at: string }[];
}

export interface PostListPage {
  modelVersion: string;
  posts: PostListItem[];
  nextCursor: string | null;
}

export interface PostListOptions {
  limit: number;
  cursor?: string | undefined;
  /** Drop posts only the security role may see (see restricted.ts). */
  hideRestricted: boolean;
}

export async function postListPage(
  db: Db,
  modelVersion: string,
  filters: PostFilters,
  options: PostListOptions,
): Promise<PostListPage> {
  const tz = ANALYST_TIME_ZONE;
  const cursor = options.cursor ? decodeCursor(options.cursor) : null;
  const search = filters.q ? matchesSearch(filters.q) : null;
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
      'p.metrics',
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
    // Full microsecond precision: a cursor rounded to milliseconds could repeat or skip rows.
    .select(
      sql<string>`to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_us'),
    )
    .select(sql<number>`(SELECT count(*)::int FROM post_sightings k WHERE k.post_id = p.id)`.as('sightings'))
    .select(
      sql<PostListItem['snapshots']>`coalesce((
        SELECT json_agg(json_build_object('id', sn.id, 'taken_at', sn.taken_at) ORDER BY sn.taken_at DESC)
        FROM snapshot_posts sp JOIN snapshots sn ON sn.id = sp.snapshot_id WHERE sp.post_id = p.id), '[]'::json)`.as(
        'snapshots',
      ),
    )
    .$if(filters.from !== undefined, (qb) =>
      qb.where(sql<boolean>`p.published_at >= (${filters.from}::date::timestamp AT TIME ZONE ${tz})`),
    )
    .$if(filters.to !== undefined, (qb) =>
      qb.where(sql<boolean>`p.published_at < ((${filters.to}::date + 1)::timestamp AT TIME ZONE ${tz})`),
    )
    .$if(filters.lang !== undefined, (qb) => qb.where('p.lang', '=', filters.lang ?? ''))
    .$if(filters.source !== undefined, (qb) => qb.where('p.source_id', '=', filters.source ?? 0))
    .$if(filters.stance !== undefined, (qb) => qb.where('pc.stance', '=', filters.stance ?? 'rumour'))
    .$if(filters.theme !== undefined, (qb) =>
      qb.where(
        sql<boolean>`EXISTS (SELECT 1 FROM post_themes pt WHERE pt.post_id = p.id
                     AND pt.model_version = ${modelVersion} AND pt.theme_id = ${filters.theme})`,
      ),
    )
    .$if(filters.place !== undefined, (qb) =>
      qb.where(
        sql<boolean>`EXISTS (SELECT 1 FROM post_places pp WHERE pp.post_id = p.id
                     AND pp.municipality_code = ${filters.place})`,
      ),
    )
    .$if(filters.q !== undefined, (qb) => qb.where(search ?? sql<boolean>`false`))
    .$if(options.hideRestricted, (qb) => qb.where(sql<boolean>`NOT ${isRestricted(modelVersion)}`))
    .$if(cursor !== null, (qb) =>
      qb.where(
        sql<boolean>`(p.published_at, p.id) < (${cursor?.publishedAt}::timestamptz, ${cursor?.id}::bigint)`,
      ),
    )
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(options.limit + 1)
    .execute();

  const page = rows.slice(0, options.limit);
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
      metrics: row.metrics,
      sightings: row.sightings,
      snapshots: row.snapshots,
    })),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor({ publishedAt: last.at_us, id: last.id }) : null,
  };
}
