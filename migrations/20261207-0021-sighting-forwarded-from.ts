/**
 * `post_sightings.forwarded_from`: a sighting that boosts or forwards someone else's post names that author by
 * pseudonym, as the post row's `context.forwardedFrom` does for the first sighting. A boost of a text already
 * stored is a later sighting of the same post, and its origin was kept nowhere: a data-subject request could not
 * tell a boost of the subject's words from another person posting them (so erasure kept the text), nor find
 * boosts of posts it never stored. Backfilled from the post rows for first sightings; later boosts collected
 * before this migration stay unmarked.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE post_sightings ADD COLUMN forwarded_from text`.execute(db);
  await sql`
    UPDATE post_sightings s SET forwarded_from = p.context->>'forwardedFrom'
    FROM posts p
    WHERE p.context ? 'forwardedFrom' AND s.post_id = p.id
      AND s.source_id = p.source_id AND s.external_id = p.external_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE post_sightings DROP COLUMN forwarded_from`.execute(db);
}
