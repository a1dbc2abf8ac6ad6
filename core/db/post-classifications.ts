/** The `post_classifications` table: one stance (and second language) per post per model version. */
import { sql } from 'kysely';
import type { Db } from './client.ts';
import type { Stance } from '../../classifier/types.ts';

export interface PostClassificationsTable {
  post_id: number;
  model_version: string;
  stance: Stance;
  lang2: string | null;
  classified_at: Date;
}

export interface NewClassification {
  postId: number;
  stance: Stance;
  lang2: string | null;
}

/** Multi-row upsert: classifying a post again with the same model version overwrites, never duplicates. */
export async function upsertClassifications(
  db: Db,
  modelVersion: string,
  rows: readonly NewClassification[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO post_classifications (post_id, model_version, stance, lang2)
    SELECT t.post_id, ${modelVersion}, t.stance, t.lang2
    FROM unnest(
      ${rows.map((r) => r.postId)}::bigint[],
      ${rows.map((r) => r.stance)}::text[],
      ${rows.map((r) => r.lang2)}::text[]
    ) AS t(post_id, stance, lang2)
    ON CONFLICT (post_id, model_version)
    DO UPDATE SET stance = excluded.stance, lang2 = excluded.lang2, classified_at = now()
  `.execute(db);
}

/** Whether any of these posts has a classification, of any model version. */
export async function anyClassified(db: Db, postIds: readonly number[]): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    SELECT EXISTS (SELECT 1 FROM post_classifications WHERE post_id = ANY(${[...postIds]}::bigint[])) AS found`.execute(
    db,
  );
  return rows[0]?.found ?? true;
}
