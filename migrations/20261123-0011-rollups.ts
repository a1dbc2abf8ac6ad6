/**
 * Rollups: the dashboard's trends read per-day sums instead of grouping raw posts. One row per model version ×
 * Stockholm day × theme × kind × language × place × source × restricted, kept up to date as posts are analysed,
 * sighted or labelled (core/db/rollups.ts), and filled here from what is already stored.
 * theme '*' counts each analysed post once under its stance, whatever its themes; a theme counts rumour posts
 * (kind 'rumour') and counter-messages about it (kind 'counter'); place '*' counts every post, a municipality code
 * the posts naming it. Retention never deletes from this table.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE rollup_daily (
      model_version text NOT NULL,
      day date NOT NULL,
      theme_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('rumour', 'counter', 'neutral', 'unrelated')),
      lang text NOT NULL,
      place text NOT NULL,
      source_id bigint NOT NULL,
      restricted boolean NOT NULL,
      posts integer NOT NULL,
      sightings integer NOT NULL,
      views_sum double precision NOT NULL,
      views_n integer NOT NULL,
      forwards_sum double precision NOT NULL,
      forwards_n integer NOT NULL,
      PRIMARY KEY (model_version, place, theme_id, day, kind, lang, source_id, restricted)
    )`.execute(db);
  // The backfill: the same contributions as core/db/rollups.ts computes, over every stored post.
  await sql`
    INSERT INTO rollup_daily
    WITH p AS (
      SELECT p.id, p.source_id, coalesce(p.lang, 'und') AS lang,
             (p.published_at AT TIME ZONE 'Europe/Stockholm')::date AS day,
             CASE WHEN jsonb_typeof(p.metrics -> 'views') = 'number' THEN (p.metrics ->> 'views')::float8 END AS views,
             CASE WHEN jsonb_typeof(p.metrics -> 'forwards') = 'number' THEN (p.metrics ->> 'forwards')::float8 END
               AS forwards,
             (SELECT count(*) FROM post_sightings s WHERE s.post_id = p.id)::int AS sightings,
             coalesce((SELECT (l.themes || l.about) && ARRAY['violence_threats'] FROM post_labels l
                       WHERE l.post_id = p.id ORDER BY l.labelled_at DESC, l.id DESC LIMIT 1), false) AS labelled_restricted
      FROM posts p
    ), c AS (
      SELECT p.*, pc.model_version, pc.stance,
             p.labelled_restricted OR EXISTS (SELECT 1 FROM post_themes r WHERE r.post_id = p.id
               AND r.model_version = pc.model_version AND r.theme_id = ANY(ARRAY['violence_threats'])) AS restricted
      FROM p JOIN post_classifications pc ON pc.post_id = p.id
    ), t AS (
      SELECT c.*, pt.theme_id, CASE WHEN pt.role = 'rumour' THEN 'rumour' ELSE 'counter' END AS kind
      FROM c JOIN post_themes pt ON pt.post_id = c.id AND pt.model_version = c.model_version
      WHERE pt.role = 'rumour' OR (pt.role = 'about' AND c.stance = 'counter')
      UNION ALL
      SELECT c.*, '*', c.stance FROM c
    ), pl AS (
      SELECT t.*, '*' AS place FROM t
      UNION ALL
      SELECT t.*, pp.municipality_code
      FROM t JOIN (SELECT DISTINCT post_id, municipality_code FROM post_places) pp ON pp.post_id = t.id
    )
    SELECT model_version, day, theme_id, kind, lang, place, source_id, restricted,
           count(*)::int, sum(sightings)::int, coalesce(sum(views), 0), count(views)::int,
           coalesce(sum(forwards), 0), count(forwards)::int
    FROM pl
    GROUP BY model_version, day, theme_id, kind, lang, place, source_id, restricted`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS rollup_daily`.execute(db);
}
