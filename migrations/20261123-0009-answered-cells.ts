/**
 * The answer loop: a counter-messaging team marks a theme × language (× municipality) cell of the targeting matrix
 * "answered" with a link to what it published and the day it did, so the theme page can show the trend before and
 * after. Marks are kept as history (the latest per cell counts), with who marked them.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE answered_cells (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      theme_id text NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
      lang text NOT NULL CHECK (lang ~ '^([a-z]{2,3}|und)$'),
      -- '' when the answer is for every place; else an SCB municipality code.
      municipality_code text NOT NULL DEFAULT '' CHECK (municipality_code = '' OR municipality_code ~ '^[0-9]{4}$'),
      answered_on date NOT NULL,
      link text NOT NULL CHECK (link ~ '^https?://' AND length(link) <= 2000),
      note text CHECK (length(note) <= 500),
      marked_by text NOT NULL,
      marked_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE INDEX answered_cells_cell_idx
      ON answered_cells (theme_id, lang, municipality_code, answered_on DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS answered_cells`.execute(db);
}
