/**
 * Analysts improve the classifier: their labels, the trained models (with version and evaluation), the
 * reclassification runs that move stored posts to a new model, the places a post names, and theme seed terms.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE post_labels (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      stance text NOT NULL CHECK (stance IN ('rumour', 'counter', 'neutral', 'unrelated')),
      themes text[] NOT NULL DEFAULT '{}',
      about text[] NOT NULL DEFAULT '{}',
      labelled_by text NOT NULL,
      labelled_at timestamptz NOT NULL DEFAULT now(),
      note text,
      CHECK (stance = 'rumour' OR cardinality(themes) = 0),
      CHECK (stance IN ('counter', 'neutral') OR cardinality(about) = 0)
    )`.execute(db);
  await sql`CREATE INDEX post_labels_post_idx ON post_labels (post_id, labelled_at DESC)`.execute(db);

  await sql`
    CREATE TABLE classifier_models (
      version text PRIMARY KEY,
      kind text NOT NULL,
      taxonomy_version text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      trained_on jsonb NOT NULL DEFAULT '{}',
      metrics jsonb NOT NULL DEFAULT '{}',
      model jsonb NOT NULL,
      active boolean NOT NULL DEFAULT false,
      activated_at timestamptz
    )`.execute(db);
  // At most one active model.
  await sql`CREATE UNIQUE INDEX classifier_models_one_active ON classifier_models (active) WHERE active`.execute(
    db,
  );

  await sql`
    CREATE TABLE reclassify_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      model_version text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      total integer NOT NULL DEFAULT 0,
      done integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      error text
    )`.execute(db);

  await sql`
    CREATE TABLE post_places (
      post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      municipality_code text NOT NULL CHECK (municipality_code ~ '^[0-9]{4}$'),
      district text NOT NULL DEFAULT '',
      PRIMARY KEY (post_id, municipality_code, district)
    )`.execute(db);
  await sql`CREATE INDEX post_places_code_idx ON post_places (municipality_code)`.execute(db);

  await sql`ALTER TABLE themes ADD COLUMN seed_terms text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`ALTER TABLE themes ADD COLUMN origin text NOT NULL DEFAULT 'taxonomy' CHECK (origin IN ('taxonomy', 'dashboard'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE themes DROP COLUMN origin`.execute(db);
  await sql`ALTER TABLE themes DROP COLUMN seed_terms`.execute(db);
  for (const table of ['post_places', 'reclassify_runs', 'classifier_models', 'post_labels']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
