/**
 * `suppressed_authors`: authors whose new posts are not collected (an objection under GDPR art. 21, or an
 * erasure that should also cover what they post later). Holds the pseudonym only, never the handle.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE suppressed_authors (
      author_pseudonym text PRIMARY KEY,
      case_reference text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS suppressed_authors`.execute(db);
}
