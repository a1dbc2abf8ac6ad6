/**
 * One post, many sightings; near-duplicate clusters.
 * - `post_sightings`: every (source, external id) that brought a post in, with its own link, author
 *   pseudonym and times. It takes over the "key claimed once" role (unique per source and external id);
 *   several sightings may share a post (the same text from two sources, or from two accounts).
 *   `post_keys` stays the post's identity (one row per post, never deleted by retention; `posts.id =
 *   post_keys.post_id`) and keeps the first sighting's source and external id.
 * - Exact duplicates (same `content_hash`, sample and real posts apart) are merged into the oldest post, their
 *   sightings and analyst labels carried over; then a unique index keeps it so under concurrent collectors.
 * - `post_signatures` and `post_lsh_bands` hold the MinHash signature and its band hashes; `posts.cluster_id`
 *   groups near-duplicates. Existing posts start as clusters of one, unsigned until re-signed.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE post_sightings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- Null only inside the storing transaction, between claiming the sighting and linking it.
      post_id bigint REFERENCES post_keys (post_id) ON DELETE CASCADE,
      source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
      external_id text NOT NULL,
      published_at timestamptz NOT NULL,
      url text,
      author_pseudonym text,
      seen_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source_id, external_id)
    )`.execute(db);
  await sql`
    INSERT INTO post_sightings (post_id, source_id, external_id, published_at, url, author_pseudonym, seen_at)
    SELECT k.post_id, k.source_id, k.external_id, k.published_at, p.url, p.author_pseudonym,
           COALESCE(p.collected_at, now())
    FROM post_keys k LEFT JOIN posts p ON p.id = k.post_id
    ORDER BY k.post_id`.execute(db);
  await sql`CREATE INDEX post_sightings_post_idx ON post_sightings (post_id)`.execute(db);

  await sql`
    CREATE TEMPORARY TABLE post_merge ON COMMIT DROP AS
      SELECT id AS from_id, min(id) OVER (PARTITION BY is_sample, content_hash) AS to_id FROM posts`.execute(
    db,
  );
  await sql`DELETE FROM post_merge WHERE from_id = to_id`.execute(db);
  await sql`UPDATE post_sightings s SET post_id = m.to_id FROM post_merge m WHERE s.post_id = m.from_id`.execute(
    db,
  );
  await sql`UPDATE post_labels l SET post_id = m.to_id FROM post_merge m WHERE l.post_id = m.from_id`.execute(
    db,
  );
  // Deleting the duplicate's identity row removes the duplicate post and its analysis with it.
  await sql`DELETE FROM post_keys k USING post_merge m WHERE k.post_id = m.from_id`.execute(db);
  await sql`DROP TABLE post_merge`.execute(db);

  await sql`DROP INDEX posts_content_hash_idx`.execute(db);
  await sql`CREATE UNIQUE INDEX posts_exact_key ON posts (is_sample, content_hash)`.execute(db);
  await sql`CREATE INDEX posts_url_idx ON posts (url) WHERE url IS NOT NULL`.execute(db);

  await sql`ALTER TABLE posts ADD COLUMN cluster_id bigint`.execute(db);
  await sql`UPDATE posts SET cluster_id = id`.execute(db);
  await sql`CREATE INDEX posts_cluster_idx ON posts (cluster_id)`.execute(db);

  await sql`
    CREATE TABLE post_signatures (
      post_id bigint PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
      version smallint NOT NULL,
      minhash integer[] NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE post_lsh_bands (
      band smallint NOT NULL,
      hash integer NOT NULL,
      post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      PRIMARY KEY (band, hash, post_id)
    )`.execute(db);
  await sql`CREATE INDEX post_lsh_bands_post_idx ON post_lsh_bands (post_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const shared = await sql<{ n: string }>`
    SELECT count(*) AS n FROM (SELECT post_id FROM post_sightings GROUP BY post_id HAVING count(*) > 1) s`.execute(
    db,
  );
  if (Number(shared.rows[0]?.n ?? 0) > 0) {
    throw new Error(
      'cannot go below 0004: some posts have several sightings, which the old schema cannot hold',
    );
  }
  await sql`DROP TABLE post_lsh_bands`.execute(db);
  await sql`DROP TABLE post_signatures`.execute(db);
  await sql`ALTER TABLE posts DROP COLUMN cluster_id`.execute(db);
  await sql`DROP INDEX posts_url_idx`.execute(db);
  await sql`DROP INDEX posts_exact_key`.execute(db);
  await sql`CREATE INDEX posts_content_hash_idx ON posts (content_hash)`.execute(db);
  await sql`DROP TABLE post_sightings`.execute(db);
}
