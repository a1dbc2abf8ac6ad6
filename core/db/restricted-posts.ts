/**
 * Restricted posts: those whose classification in force, or whose latest analyst label, carries a restricted
 * theme (violence_threats: threats that can name individual staff). Only the `security` role sees them.
 * The condition expects the post aliased as `p`.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './client.ts';
import { RESTRICTED_THEMES } from '../../classifier/types.ts';

export function isRestricted(modelVersion: string): RawBuilder<boolean> {
  const themes = [...RESTRICTED_THEMES];
  // A scalar probe with LIMIT, not EXISTS: the planner may turn EXISTS into a hash of every restricted theme row,
  // built once per month of the partitioned posts table (tens of ms each), where lists read a few dozen posts.
  return sql<boolean>`(
    coalesce((SELECT true FROM post_themes rpt WHERE rpt.post_id = p.id AND rpt.model_version = ${modelVersion}
              AND rpt.theme_id = ANY(${themes}::text[]) LIMIT 1), false)
    OR coalesce((SELECT (rl.themes || rl.about) && ${themes}::text[] FROM post_labels rl WHERE rl.post_id = p.id
                 ORDER BY rl.labelled_at DESC, rl.id DESC LIMIT 1), false))`;
}

/** Whether one post is restricted; false for a post that does not exist. */
export async function isRestrictedPost(db: Db, modelVersion: string, postId: number): Promise<boolean> {
  const row = await db
    .selectFrom('posts as p')
    .select(isRestricted(modelVersion).as('restricted'))
    .where('p.id', '=', postId)
    .executeTakeFirst();
  return row?.restricted ?? false;
}
