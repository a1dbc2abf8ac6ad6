/**
 * Legal holds are a record of accountability: who kept what from deletion, why and until when. Their post and
 * source ids were foreign keys with ON DELETE CASCADE, so deleting a source (or erasing a post) once its hold was
 * released also deleted the hold's history. They are plain ids now; a hold is only ever placed on a post or source
 * that exists (checked when it is added), and an active hold still blocks deleting what it holds.
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE legal_holds
      DROP CONSTRAINT legal_holds_post_id_fkey,
      DROP CONSTRAINT legal_holds_source_id_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DELETE FROM legal_holds h
    WHERE (h.post_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM post_keys k WHERE k.post_id = h.post_id))
       OR (h.source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = h.source_id))`.execute(
    db,
  );
  await sql`
    ALTER TABLE legal_holds
      ADD CONSTRAINT legal_holds_post_id_fkey FOREIGN KEY (post_id) REFERENCES post_keys (post_id) ON DELETE CASCADE,
      ADD CONSTRAINT legal_holds_source_id_fkey FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE CASCADE`.execute(
    db,
  );
}
