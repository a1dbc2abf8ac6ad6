/**
 * New-claim candidates built from restricted posts (violence_threats) before the detector left such posts out:
 * their words (a staff member's name, a street) were listed to every role on /emerging and their new_claim events
 * went to every alert channel. Undecided ones whose example posts include a restricted post (by any model's themes
 * or the latest analyst label) are dismissed, and their events become restricted (security role only).
 * Frozen: never edit after release; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    WITH leaked AS (
      UPDATE claim_candidates c
      SET status = 'dismissed', decided_by = 'ryktesradar: built from restricted posts', decided_at = now()
      WHERE c.status = 'new' AND (
        EXISTS (SELECT 1 FROM post_themes pt
                WHERE pt.post_id = ANY(c.example_post_ids) AND pt.theme_id = 'violence_threats')
        OR EXISTS (SELECT 1 FROM unnest(c.example_post_ids) AS e(post_id)
                   WHERE coalesce((SELECT 'violence_threats' = ANY(l.themes || l.about) FROM post_labels l
                                   WHERE l.post_id = e.post_id ORDER BY l.labelled_at DESC, l.id DESC LIMIT 1),
                                  false)))
      RETURNING c.id)
    UPDATE emerging_events SET restricted = true WHERE candidate_id IN (SELECT id FROM leaked)`.execute(db);
}

export async function down(): Promise<void> {
  // The dismissals and restrictions stand: undoing them would show the words again.
}
