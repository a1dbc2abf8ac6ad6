/**
 * `posts` partitioned by month of `published_at` (declarative range partitioning), so retention drops whole months
 * instead of deleting row by row, and the table a query touches stays the size of its period:
 * - `post_hashes`: the exact-copy identity (is_sample, content_hash) → post, which a partitioned table cannot keep
 *   unique across months; storePosts claims a text there before it writes the post.
 * - The post's analysis, places, OCR text, signatures and labels now hang off `post_keys` (a partitioned table can
 *   be referenced only by a key that holds its partition column); erasing a post deletes them explicitly
 *   (core/db/erase-posts.ts), deleting its identity still cascades.
 * - `ensure_post_partitions(from, to)` makes the months in between (and is idempotent); rows outside every month
 *   go to `posts_default`, and a month made later takes its rows out of the default. Made here for the months of
 *   the existing posts and three months back to two ahead of now; `migrate`/`start` and the retention job keep
 *   months ahead (core/db/post-partitions.ts).
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

const CHILDREN = [
  'post_classifications',
  'post_themes',
  'post_media_text',
  'post_labels',
  'post_places',
  'post_signatures',
  'post_lsh_bands',
];

/** The foreign keys and indexes `posts` has partitioned or not (the primary key and the text key differ). */
async function addKeysAndIndexes(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE posts ADD CONSTRAINT posts_id_fkey FOREIGN KEY (id) REFERENCES post_keys (post_id) ON DELETE CASCADE`.execute(
    db,
  );
  await sql`
    ALTER TABLE posts ADD CONSTRAINT posts_source_id_fkey FOREIGN KEY (source_id) REFERENCES sources (id)
    ON DELETE CASCADE`.execute(db);
  await sql`CREATE INDEX posts_cluster_idx ON posts (cluster_id)`.execute(db);
  await sql`CREATE INDEX posts_published_at_idx ON posts (published_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX posts_search_idx ON posts USING gin (search_vector)`.execute(db);
  await sql`CREATE INDEX posts_source_idx ON posts (source_id)`.execute(db);
  await sql`CREATE INDEX posts_unanalysed_idx ON posts (id) WHERE analysed_at IS NULL`.execute(db);
  await sql`CREATE INDEX posts_url_idx ON posts (url) WHERE url IS NOT NULL`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE post_hashes (
      is_sample boolean NOT NULL,
      content_hash text NOT NULL,
      post_id bigint NOT NULL REFERENCES post_keys (post_id) ON DELETE CASCADE,
      PRIMARY KEY (is_sample, content_hash)
    )`.execute(db);
  await sql`CREATE INDEX post_hashes_post_idx ON post_hashes (post_id)`.execute(db);
  await sql`INSERT INTO post_hashes (is_sample, content_hash, post_id) SELECT is_sample, content_hash, id FROM posts`.execute(
    db,
  );

  for (const table of CHILDREN) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(`${table}_post_id_fkey`)}`.execute(db);
    await sql`
      ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(`${table}_post_id_fkey`)}
      FOREIGN KEY (post_id) REFERENCES post_keys (post_id) ON DELETE CASCADE`.execute(db);
  }

  await sql`ALTER TABLE posts RENAME TO posts_unpartitioned`.execute(db);
  await sql`
    CREATE TABLE posts (LIKE posts_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (published_at)`.execute(
    db,
  );
  await sql`CREATE TABLE posts_default PARTITION OF posts DEFAULT`.execute(db);
  await sql`
    CREATE FUNCTION ensure_post_partitions(from_day date, to_day date) RETURNS integer
    LANGUAGE plpgsql AS $$
    DECLARE
      month date := date_trunc('month', from_day)::date;
      made integer := 0;
      name text;
    BEGIN
      -- Two processes starting together must not both create the same month.
      PERFORM pg_advisory_xact_lock(hashtext('ensure_post_partitions'));
      WHILE month <= to_day LOOP
        name := format('posts_y%sm%s', to_char(month, 'YYYY'), to_char(month, 'MM'));
        IF to_regclass(name) IS NULL THEN
          -- Rows of that month that went to the default partition move with it, so nothing is lost or doubled;
          -- writes to the default wait meanwhile, so none lands there for this month before the attach.
          LOCK TABLE posts_default IN SHARE ROW EXCLUSIVE MODE;
          EXECUTE format('CREATE TABLE %I (LIKE posts INCLUDING DEFAULTS)', name);
          EXECUTE format(
            'WITH moved AS (DELETE FROM posts_default WHERE published_at >= %L AND published_at < %L RETURNING *)
             INSERT INTO %I SELECT * FROM moved',
            month::timestamptz, (month + interval '1 month')::timestamptz, name);
          EXECUTE format('ALTER TABLE posts ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
            name, month::timestamptz, (month + interval '1 month')::timestamptz);
          made := made + 1;
        END IF;
        month := (month + interval '1 month')::date;
      END LOOP;
      RETURN made;
    END $$`.execute(db);
  await sql`
    SELECT ensure_post_partitions(
      least(coalesce((SELECT min(published_at) FROM posts_unpartitioned), now()), now() - interval '3 months')::date,
      (now() + interval '2 months')::date)`.execute(db);
  await sql`INSERT INTO posts SELECT * FROM posts_unpartitioned`.execute(db);
  await sql`DROP TABLE posts_unpartitioned`.execute(db);

  await sql`ALTER TABLE posts ADD CONSTRAINT posts_pkey PRIMARY KEY (id, published_at)`.execute(db);
  await addKeysAndIndexes(db);
  // The posts that spread, per period. On the expression, not partial: the planner then has statistics for the
  // expression per month and uses the index; with a partial index it misjudged the share and read whole months.
  await sql`CREATE INDEX posts_spread_idx ON posts ((sightings > 1 OR cluster_id <> id), published_at)`.execute(
    db,
  );
  await sql`ANALYZE posts`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE posts RENAME TO posts_partitioned`.execute(db);
  await sql`CREATE TABLE posts (LIKE posts_partitioned INCLUDING DEFAULTS)`.execute(db);
  await sql`INSERT INTO posts SELECT * FROM posts_partitioned`.execute(db);
  await sql`DROP TABLE posts_partitioned`.execute(db);
  await sql`DROP FUNCTION ensure_post_partitions(date, date)`.execute(db);
  await sql`ALTER TABLE posts ADD PRIMARY KEY (id)`.execute(db);
  await addKeysAndIndexes(db);
  await sql`CREATE UNIQUE INDEX posts_exact_key ON posts (is_sample, content_hash)`.execute(db);
  await sql`CREATE INDEX posts_spread_idx ON posts (published_at) WHERE sightings > 1 OR cluster_id <> id`.execute(
    db,
  );
  for (const table of CHILDREN) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(`${table}_post_id_fkey`)}`.execute(db);
    await sql`
      ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(`${table}_post_id_fkey`)}
      FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE NOT VALID`.execute(db);
  }
  await sql`DROP TABLE post_hashes`.execute(db);
}
