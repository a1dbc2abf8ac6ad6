/**
 * Faster reads for the dashboard at a million posts:
 * - `rollup_cells`: `rollup_daily` without the source, what nearly every chart and table reads (a third of the
 *   rows); kept together with `rollup_daily` (core/db/rollups.ts) and filled from it here. Its key puts the day
 *   before the theme, so a period is one index range per place (and one over all places for the place matrix).
 * - `posts.sightings`: how often a post was seen (exact copies, links from other sources), kept by storePosts, so
 *   copy-paste lists and notable posts start from the few posts that spread (`posts_spread_idx`: seen more than
 *   once, or a near-duplicate that joined another post's cluster) instead of counting sightings of every post.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE rollup_cells (
      model_version text NOT NULL,
      day date NOT NULL,
      theme_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('rumour', 'counter', 'neutral', 'unrelated')),
      lang text NOT NULL,
      place text NOT NULL,
      restricted boolean NOT NULL,
      posts integer NOT NULL,
      sightings integer NOT NULL,
      views_sum double precision NOT NULL,
      views_n integer NOT NULL,
      forwards_sum double precision NOT NULL,
      forwards_n integer NOT NULL,
      PRIMARY KEY (model_version, place, day, theme_id, kind, lang, restricted)
    )`.execute(db);
  // The per-municipality rows of a period (the place matrix): one range, not every day of every place.
  await sql`CREATE INDEX rollup_cells_places_idx ON rollup_cells (model_version, day) WHERE place <> '*'`.execute(
    db,
  );
  await sql`
    INSERT INTO rollup_cells
    SELECT model_version, day, theme_id, kind, lang, place, restricted, sum(posts), sum(sightings), sum(views_sum),
           sum(views_n), sum(forwards_sum), sum(forwards_n)
    FROM rollup_daily
    GROUP BY model_version, day, theme_id, kind, lang, place, restricted`.execute(db);

  await sql`ALTER TABLE posts ADD COLUMN sightings integer NOT NULL DEFAULT 1`.execute(db);
  await sql`
    UPDATE posts p SET sightings = c.n
    FROM (SELECT post_id, count(*)::int AS n FROM post_sightings GROUP BY post_id HAVING count(*) <> 1) c
    WHERE c.post_id = p.id`.execute(db);
  await sql`CREATE INDEX posts_spread_idx ON posts (published_at) WHERE sightings > 1 OR cluster_id <> id`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS posts_spread_idx`.execute(db);
  await sql`ALTER TABLE posts DROP COLUMN IF EXISTS sightings`.execute(db);
  await sql`DROP TABLE IF EXISTS rollup_cells`.execute(db);
}
