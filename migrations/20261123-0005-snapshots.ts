/**
 * Evidence snapshots of rendered pages (web sources): a PNG and the HTML as the page was read, with sha256 and
 * sizes, linked to the posts read from it. Links point at `post_keys`, which retention never deletes, so a
 * snapshot still names its posts after their text is gone. Snapshots hold personal data (names, faces).
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE snapshots (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
      page_url text NOT NULL,
      taken_at timestamptz NOT NULL,
      png bytea NOT NULL,
      png_sha256 text NOT NULL CHECK (png_sha256 ~ '^[0-9a-f]{64}$'),
      png_bytes integer NOT NULL CHECK (png_bytes >= 0),
      html text NOT NULL,
      html_sha256 text NOT NULL CHECK (html_sha256 ~ '^[0-9a-f]{64}$'),
      html_bytes integer NOT NULL CHECK (html_bytes >= 0),
      html_truncated boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX snapshots_source_idx ON snapshots (source_id, taken_at DESC, id DESC)`.execute(db);
  await sql`
    CREATE TABLE snapshot_posts (
      snapshot_id bigint NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
      post_id bigint NOT NULL REFERENCES post_keys (post_id) ON DELETE CASCADE,
      PRIMARY KEY (snapshot_id, post_id)
    )`.execute(db);
  await sql`CREATE INDEX snapshot_posts_post_idx ON snapshot_posts (post_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE snapshot_posts`.execute(db);
  await sql`DROP TABLE snapshots`.execute(db);
}
