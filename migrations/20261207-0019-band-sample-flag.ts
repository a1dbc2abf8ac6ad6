/**
 * `post_lsh_bands.is_sample`: a band row carries its post's sample flag, first in the key, so the near-duplicate
 * lookup reads band buckets of one kind from the index alone. Before, every candidate was checked against `posts`
 * for the flag; with posts partitioned by month that meant one index probe per month per candidate, and storing
 * a batch got slower with every month kept.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE post_lsh_bands ADD COLUMN is_sample boolean NOT NULL DEFAULT false`.execute(db);
  await sql`
    UPDATE post_lsh_bands b SET is_sample = true
    FROM posts p WHERE p.id = b.post_id AND p.is_sample`.execute(db);
  await sql`ALTER TABLE post_lsh_bands DROP CONSTRAINT post_lsh_bands_pkey`.execute(db);
  await sql`ALTER TABLE post_lsh_bands ADD PRIMARY KEY (is_sample, band, hash, post_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE post_lsh_bands DROP CONSTRAINT post_lsh_bands_pkey`.execute(db);
  await sql`ALTER TABLE post_lsh_bands DROP COLUMN is_sample`.execute(db);
  await sql`ALTER TABLE post_lsh_bands ADD PRIMARY KEY (band, hash, post_id)`.execute(db);
}
