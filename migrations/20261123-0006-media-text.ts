/**
 * Text read from a post's images by OCR (the campaign travels as screenshots), one row per post and image, kept
 * apart from the post's own text and labelled by how it was obtained. A skipped or failed image keeps its reason.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE post_media_text (
      post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      media_url text NOT NULL,
      status text NOT NULL CHECK (status IN ('done', 'skipped', 'failed')),
      method text NOT NULL DEFAULT 'ocr' CHECK (method IN ('ocr')),
      text text,
      reason text,
      engine text,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (post_id, media_url)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS post_media_text`.execute(db);
}
