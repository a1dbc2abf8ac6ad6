/**
 * The counts the emerging-rumour detectors read, for ONE model version (the active one), so reclassification by
 * another version never moves them. Rumour posts per UTC hour per theme × language, theme × all languages and
 * theme × municipality; the latest window's posts; copy-paste clusters' sightings. Behind these functions so
 * they can move to the hourly rollup without the job changing.
 */
import { sql } from 'kysely';
import { RESTRICTED_THEMES } from '../../classifier/types.ts';
import type { Db } from './client.ts';
import { isRestricted } from './restricted-posts.ts';

const HOUR_MS = 3_600_000;

export interface HourlyCountRow {
  /** Hours since the epoch (UTC). */
  hour: number;
  themeId: string;
  /** null = all languages. */
  lang: string | null;
  /** Municipality code; null = everywhere. */
  place: string | null;
  posts: number;
}

/**
 * A post counts for a theme when this version classifies it as a rumour carrying the theme (role rumour). A
 * restricted post (violence_threats, by the model or an analyst's label) counts only for the restricted themes:
 * in another theme's series its volume would reach every role, and that event's alert channels.
 */
const rumourThemes = (modelVersion: string) => sql`
  FROM posts p
  JOIN post_classifications c ON c.post_id = p.id AND c.model_version = ${modelVersion} AND c.stance = 'rumour'
  JOIN post_themes t ON t.post_id = p.id AND t.model_version = ${modelVersion} AND t.role = 'rumour'
    AND (t.theme_id = ANY(${[...RESTRICTED_THEMES]}::text[]) OR NOT ${isRestricted(modelVersion)})`;

/**
 * Rumour posts per hour in [fromMs, toMs) per theme × lang, theme × all languages and theme × place, and the
 * overall rumour count per hour (themeId '*'): the detectors' history.
 */
export async function hourlyRumourCounts(
  db: Db,
  modelVersion: string,
  fromMs: number,
  toMs: number,
): Promise<HourlyCountRow[]> {
  const from = new Date(fromMs);
  const to = new Date(toMs);
  const rows = await sql<{
    hour: number;
    theme_id: string;
    lang: string | null;
    place: string | null;
    posts: number;
  }>`
    SELECT floor(extract(epoch FROM p.published_at) / 3600)::int AS hour, t.theme_id, p.lang, NULL::text AS place,
           count(*)::int AS posts
    ${rumourThemes(modelVersion)}
    WHERE p.published_at >= ${from} AND p.published_at < ${to} AND p.lang IS NOT NULL
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT floor(extract(epoch FROM p.published_at) / 3600)::int, t.theme_id, NULL, NULL, count(*)::int
    ${rumourThemes(modelVersion)}
    WHERE p.published_at >= ${from} AND p.published_at < ${to}
    GROUP BY 1, 2
    UNION ALL
    SELECT floor(extract(epoch FROM p.published_at) / 3600)::int, t.theme_id, NULL, pl.municipality_code,
           count(DISTINCT p.id)::int
    ${rumourThemes(modelVersion)}
    JOIN post_places pl ON pl.post_id = p.id
    WHERE p.published_at >= ${from} AND p.published_at < ${to}
    GROUP BY 1, 2, 4
    UNION ALL
    SELECT floor(extract(epoch FROM p.published_at) / 3600)::int, '*', NULL, NULL, count(*)::int
    FROM posts p
    JOIN post_classifications c ON c.post_id = p.id AND c.model_version = ${modelVersion} AND c.stance = 'rumour'
    WHERE p.published_at >= ${from} AND p.published_at < ${to}
    GROUP BY 1
  `.execute(db);
  return rows.rows.map((row) => ({
    hour: row.hour,
    themeId: row.theme_id,
    lang: row.lang,
    place: row.place,
    posts: row.posts,
  }));
}

export interface RecentRumourPost {
  id: number;
  at: number;
  themeId: string;
  lang: string | null;
  places: string[];
}

/** The rumour posts of [fromMs, toMs) with their themes, language and places (one row per post × theme). */
export async function recentRumourPosts(
  db: Db,
  modelVersion: string,
  fromMs: number,
  toMs: number,
): Promise<RecentRumourPost[]> {
  const rows = await sql<{
    id: number;
    published_at: Date;
    theme_id: string;
    lang: string | null;
    places: string[];
  }>`
    SELECT p.id, p.published_at, t.theme_id, p.lang,
           coalesce((SELECT array_agg(DISTINCT pl.municipality_code) FROM post_places pl WHERE pl.post_id = p.id),
                    '{}') AS places
    ${rumourThemes(modelVersion)}
    WHERE p.published_at >= ${new Date(fromMs)} AND p.published_at < ${new Date(toMs)}
  `.execute(db);
  return rows.rows.map((row) => ({
    id: row.id,
    at: row.published_at.getTime(),
    themeId: row.theme_id,
    lang: row.lang,
    places: row.places,
  }));
}

export interface ClusterSightingRow {
  clusterId: number;
  postId: number;
  at: number;
  sourceId: number;
  account: string | null;
}

/**
 * Sightings since `fromMs` of the clusters that had at least `minSightings` sightings in the latest window
 * [windowFromMs, toMs): the wave detector's input.
 */
export async function activeClusterSightings(
  db: Db,
  fromMs: number,
  windowFromMs: number,
  toMs: number,
  minSightings: number,
): Promise<ClusterSightingRow[]> {
  const rows = await sql<{
    cluster_id: number;
    post_id: number;
    published_at: Date;
    source_id: number;
    author_pseudonym: string | null;
  }>`
    WITH active AS (
      SELECT p.cluster_id
      FROM post_sightings k JOIN posts p ON p.id = k.post_id
      WHERE k.published_at >= ${new Date(windowFromMs)} AND k.published_at < ${new Date(toMs)}
        AND p.cluster_id IS NOT NULL
      GROUP BY p.cluster_id
      HAVING count(*) >= ${minSightings}
    )
    SELECT p.cluster_id, k.post_id, k.published_at, k.source_id, k.author_pseudonym
    FROM post_sightings k JOIN posts p ON p.id = k.post_id
    WHERE p.cluster_id IN (SELECT cluster_id FROM active)
      AND k.published_at >= ${new Date(fromMs)} AND k.published_at < ${new Date(toMs)}
  `.execute(db);
  return rows.rows.map((row) => ({
    clusterId: row.cluster_id,
    postId: row.post_id,
    at: row.published_at.getTime(),
    sourceId: row.source_id,
    account: row.author_pseudonym,
  }));
}

/** Themes and language of clusters (from their posts under `modelVersion`), for wave reasons and routing. */
export async function clusterThemes(
  db: Db,
  modelVersion: string,
  clusterIds: readonly number[],
): Promise<Map<number, { themes: string[]; lang: string | null }>> {
  if (clusterIds.length === 0) return new Map();
  const rows = await sql<{ cluster_id: number; themes: string[] | null; lang: string | null }>`
    SELECT p.cluster_id, array_agg(DISTINCT t.theme_id) FILTER (WHERE t.theme_id IS NOT NULL) AS themes,
           min(p.lang) AS lang
    FROM posts p
    LEFT JOIN post_themes t ON t.post_id = p.id AND t.model_version = ${modelVersion} AND t.role = 'rumour'
    WHERE p.cluster_id = ANY(${[...clusterIds]}::bigint[])
    GROUP BY p.cluster_id
  `.execute(db);
  return new Map(rows.rows.map((row) => [row.cluster_id, { themes: row.themes ?? [], lang: row.lang }]));
}

export { HOUR_MS };

export interface ClaimPostRow {
  id: number;
  at: number;
  lang: string;
  text: string;
  author: string | null;
  sourceId: number;
}

/**
 * Posts in [fromMs, toMs) with a language that this model version gives one of `stances` (new-claim
 * detection), newest first, at most `limit`.
 */
export async function claimPostTexts(
  db: Db,
  modelVersion: string,
  fromMs: number,
  toMs: number,
  stances: readonly string[],
  limit: number,
): Promise<ClaimPostRow[]> {
  const rows = await db
    .selectFrom('posts as p')
    .innerJoin('post_classifications as c', (join) =>
      join.onRef('c.post_id', '=', 'p.id').on('c.model_version', '=', modelVersion),
    )
    .select(['p.id', 'p.published_at', 'p.lang', 'p.text', 'p.author_pseudonym', 'p.source_id'])
    .where('p.published_at', '>=', new Date(fromMs))
    .where('p.published_at', '<', new Date(toMs))
    .where('p.lang', 'is not', null)
    .where('c.stance', 'in', [...stances] as never[])
    // Restricted posts never feed candidate claims: their words (a staff member's name, a street) would be shown to
    // every role and sent to every alert channel.
    .where(sql<boolean>`NOT ${isRestricted(modelVersion)}`)
    .orderBy('p.published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.published_at.getTime(),
    lang: row.lang as string,
    text: row.text,
    author: row.author_pseudonym,
    sourceId: row.source_id,
  }));
}
