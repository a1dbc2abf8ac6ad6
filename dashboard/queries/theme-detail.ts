/**
 * Lists for the theme page: where a theme's rumour posts were seen (sources, via sightings), its copy-paste
 * clusters (near-duplicate clusters and exact copies seen more than once), snapshots of example posts, and the
 * trend before and after each "answered" mark of the theme.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/client.ts';
import type { AnsweredCell } from '../../core/db/answered-cells.ts';
import { addDays, EARLIEST_DATE, LATEST_DATE } from '../params.ts';
import { cutConditions, dayStart, inDays, rollupCut, rollupDays, rollupTheme, type Cut } from './cut.ts';

const rumourOf = (modelVersion: string, theme: string) =>
  sql`JOIN post_themes pt ON pt.post_id = p.id AND pt.model_version = ${modelVersion}
      AND pt.role = 'rumour' AND pt.theme_id = ${theme}`;

export interface ThemeSource {
  sourceId: number;
  name: string;
  kind: string;
  /** Rumour posts of the theme first seen in this source in the period (from the rollups). */
  posts: number;
  /** Every sighting of those posts, wherever the copies were seen. */
  sightings: number;
}

export async function themeSources(
  db: Db,
  modelVersion: string,
  theme: string,
  cut: Cut,
  limit = 15,
): Promise<ThemeSource[]> {
  const rows = await sql<ThemeSource>`
    SELECT s.id AS "sourceId", s.name, s.kind, sum(r.posts)::int AS posts, sum(r.sightings)::int AS sightings
    FROM rollup_daily r JOIN sources s ON s.id = r.source_id
    WHERE ${rollupDays(cut.from, cut.to)} AND ${rollupCut(cut, modelVersion)}
      AND ${rollupTheme(theme)} AND r.kind = 'rumour'
    GROUP BY s.id, s.name, s.kind
    HAVING sum(r.posts) > 0
    ORDER BY sightings DESC, posts DESC, s.name
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}

export interface ThemeCluster {
  /** The cluster id (founding post), or the post's own id for exact copies outside any cluster. */
  clusterId: number;
  posts: number;
  sightings: number;
  sources: number;
  firstSeen: Date;
  lastSeen: Date;
  /** The earliest post's text in the period, cut to 280 characters. */
  example: string;
  exampleLang: string | null;
}

/** Clusters seen more than once in the period, most sightings (then sources) first. */
export async function themeClusters(
  db: Db,
  modelVersion: string,
  theme: string,
  cut: Cut,
  limit = 10,
): Promise<ThemeCluster[]> {
  // Only posts that spread can be in a cluster seen more than once (posts_spread_idx): copies seen again,
  // near-duplicates that joined a cluster, and the founders of those clusters.
  const rows = await sql<ThemeCluster>`
    WITH spread AS (
      SELECT s.id, s.cluster_id FROM posts s
      WHERE (s.sightings > 1 OR s.cluster_id <> s.id)
        AND s.published_at >= ${dayStart(cut.from)} AND s.published_at < ${dayStart(addDays(cut.to, 1))}
    ), spread_members AS (
      SELECT id FROM spread UNION SELECT cluster_id FROM spread WHERE cluster_id <> id
    )
    SELECT coalesce(p.cluster_id, p.id) AS "clusterId", count(DISTINCT p.id)::int AS posts,
           count(ps.id)::int AS sightings, count(DISTINCT ps.source_id)::int AS sources,
           min(p.published_at) AS "firstSeen", max(p.published_at) AS "lastSeen",
           left((array_agg(p.text ORDER BY p.published_at, p.id))[1], 280) AS example,
           (array_agg(p.lang ORDER BY p.published_at, p.id))[1] AS "exampleLang"
    FROM spread_members m
    -- One lookup per member: the planner cannot estimate the spread set and would otherwise read the period's posts.
    -- The period in the lookup too: an id alone would probe every month of the partitioned table.
    CROSS JOIN LATERAL (
      SELECT * FROM posts WHERE posts.id = m.id
        AND posts.published_at >= ${dayStart(cut.from)} AND posts.published_at < ${dayStart(addDays(cut.to, 1))}
      OFFSET 0) p ${rumourOf(modelVersion, theme)}
    LEFT JOIN post_sightings ps ON ps.post_id = p.id
    WHERE ${inDays(cut.from, cut.to)} AND ${cutConditions(cut, modelVersion)}
    GROUP BY 1
    HAVING count(ps.id) > 1
    ORDER BY sightings DESC, sources DESC, posts DESC, 1
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/** Snapshot ids per post, for evidence links. */
export async function snapshotsOfPosts(db: Db, postIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom('snapshot_posts')
    .select(['post_id', 'snapshot_id'])
    .where('post_id', 'in', [...postIds])
    .orderBy('snapshot_id')
    .execute();
  for (const row of rows) out.set(row.post_id, [...(out.get(row.post_id) ?? []), row.snapshot_id]);
  return out;
}

export interface BeforeAfter {
  mark: AnsweredCell;
  /** Days in each window: up to 28, fewer when the mark is recent (never counting days after `today`). */
  days: number;
  before: number;
  after: number;
}

/**
 * Rumour posts of the theme in the mark's cell (language, place) in equal windows before and after its day. Marks
 * dated outside the dashboard's range (stored before the form checked it: a year-1 mark's window fell in year 0,
 * which Postgres refused, and broke the theme page for everyone) have nothing to compare and are left out.
 */
export async function beforeAfterMarks(
  db: Db,
  modelVersion: string,
  marks: readonly AnsweredCell[],
  options: { today: string; hideRestricted: boolean },
): Promise<BeforeAfter[]> {
  const comparable = marks.filter((m) => m.answeredOn >= EARLIEST_DATE && m.answeredOn <= LATEST_DATE);
  return Promise.all(
    comparable.map(async (mark) => {
      const elapsed = Math.round((Date.parse(options.today) - Date.parse(mark.answeredOn)) / 86_400_000) + 1;
      const days = Math.max(1, Math.min(28, elapsed));
      const cut: Cut = {
        from: addDays(mark.answeredOn, -days),
        to: addDays(mark.answeredOn, days - 1),
        lang: mark.lang,
        place: mark.place ?? undefined,
        hideRestricted: options.hideRestricted,
      };
      const row = await sql<{ before: number; after: number }>`
        SELECT coalesce(sum(r.posts) FILTER (WHERE r.day < ${mark.answeredOn}::date), 0)::int AS before,
               coalesce(sum(r.posts) FILTER (WHERE r.day >= ${mark.answeredOn}::date), 0)::int AS after
        FROM rollup_cells r
        WHERE ${rollupDays(cut.from, cut.to)} AND ${rollupCut(cut, modelVersion)}
          AND ${rollupTheme(mark.themeId)} AND r.kind = 'rumour'`.execute(db);
      return { mark, days, before: row.rows[0]?.before ?? 0, after: row.rows[0]?.after ?? 0 };
    }),
  );
}
