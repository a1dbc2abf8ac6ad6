/**
 * Initial schema: sources, post identities (the dedup key, kept apart from posts so that posts can later be
 * partitioned by month and retention can drop text without forgetting what was already seen), posts,
 * per-post classifications and themes, and the theme taxonomy.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE themes (
      id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_]{1,62}$'),
      label_sv text NOT NULL,
      label_en text NOT NULL,
      description_sv text NOT NULL DEFAULT '',
      description_en text NOT NULL DEFAULT '',
      taxonomy_version text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE sources (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('rss', 'sample')),
      name text NOT NULL,
      url text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
      poll_interval_seconds integer NOT NULL CHECK (poll_interval_seconds >= 60),
      etag text,
      last_modified text,
      last_polled_at timestamptz,
      last_success_at timestamptz,
      last_error text,
      last_error_at timestamptz,
      consecutive_failures integer NOT NULL DEFAULT 0,
      items_last_poll integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, url)
    )`.execute(db);

  // "Stored once" lives here: one row per (source, external id), never deleted by retention.
  await sql`
    CREATE TABLE post_keys (
      post_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
      external_id text NOT NULL,
      published_at timestamptz NOT NULL,
      UNIQUE (source_id, external_id)
    )`.execute(db);

  await sql`
    CREATE TABLE posts (
      id bigint PRIMARY KEY REFERENCES post_keys (post_id) ON DELETE CASCADE,
      source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
      external_id text NOT NULL,
      url text,
      title text,
      text text NOT NULL,
      author_pseudonym text,
      published_at timestamptz NOT NULL,
      collected_at timestamptz NOT NULL DEFAULT now(),
      content_hash text NOT NULL,
      lang text,
      lang_confidence real,
      analysed_at timestamptz,
      is_sample boolean NOT NULL DEFAULT false
    )`.execute(db);
  await sql`CREATE INDEX posts_published_at_idx ON posts (published_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX posts_source_idx ON posts (source_id)`.execute(db);
  await sql`CREATE INDEX posts_content_hash_idx ON posts (content_hash)`.execute(db);
  await sql`CREATE INDEX posts_unanalysed_idx ON posts (id) WHERE analysed_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE post_classifications (
      post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      model_version text NOT NULL,
      stance text NOT NULL CHECK (stance IN ('rumour', 'counter', 'neutral', 'unrelated')),
      lang2 text,
      classified_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (post_id, model_version)
    )`.execute(db);
  await sql`CREATE INDEX post_classifications_version_stance_idx ON post_classifications (model_version, stance)`.execute(
    db,
  );

  await sql`
    CREATE TABLE post_themes (
      post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      model_version text NOT NULL,
      theme_id text NOT NULL REFERENCES themes (id),
      role text NOT NULL CHECK (role IN ('rumour', 'about')),
      score real NOT NULL CHECK (score >= 0 AND score <= 1),
      evidence text[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (post_id, model_version, theme_id, role)
    )`.execute(db);
  await sql`CREATE INDEX post_themes_theme_idx ON post_themes (model_version, theme_id, role)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['post_themes', 'post_classifications', 'posts', 'post_keys', 'sources', 'themes']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
