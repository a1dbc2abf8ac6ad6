/**
 * Source kinds beyond RSS (web, telegram, mastodon, import) with their settings and resumable cursor, adaptive
 * polling bounds and pausing with a reason; posts gain the context a source gives (reach counts, the thread or
 * parent, media links).
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sources DROP CONSTRAINT IF EXISTS sources_kind_check`.execute(db);
  await sql`
    ALTER TABLE sources
      ADD CONSTRAINT sources_kind_check
        CHECK (kind IN ('rss', 'web', 'telegram', 'mastodon', 'import', 'sample')),
      ADD COLUMN config jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD COLUMN state jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD COLUMN paused_reason text,
      ADD COLUMN min_interval_seconds integer,
      ADD COLUMN max_interval_seconds integer,
      ADD COLUMN total_items bigint NOT NULL DEFAULT 0`.execute(db);
  // Bounds default to the fixed interval the source had, so existing sources keep polling as before.
  await sql`
    UPDATE sources SET min_interval_seconds = poll_interval_seconds,
                       max_interval_seconds = poll_interval_seconds`.execute(db);
  await sql`
    ALTER TABLE sources
      ALTER COLUMN min_interval_seconds SET NOT NULL,
      ALTER COLUMN max_interval_seconds SET NOT NULL,
      ADD CONSTRAINT sources_interval_bounds_check
        CHECK (min_interval_seconds >= 60 AND min_interval_seconds <= poll_interval_seconds
               AND poll_interval_seconds <= max_interval_seconds)`.execute(db);

  await sql`
    ALTER TABLE posts
      ADD COLUMN metrics jsonb,
      ADD COLUMN context jsonb,
      ADD COLUMN media jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE posts DROP COLUMN media, DROP COLUMN context, DROP COLUMN metrics`.execute(db);
  await sql`DELETE FROM sources WHERE kind NOT IN ('rss', 'sample')`.execute(db);
  await sql`
    ALTER TABLE sources
      DROP CONSTRAINT sources_interval_bounds_check,
      DROP CONSTRAINT sources_kind_check,
      DROP COLUMN total_items,
      DROP COLUMN max_interval_seconds,
      DROP COLUMN min_interval_seconds,
      DROP COLUMN paused_reason,
      DROP COLUMN state,
      DROP COLUMN config,
      ADD CONSTRAINT sources_kind_check CHECK (kind IN ('rss', 'sample'))`.execute(db);
}
