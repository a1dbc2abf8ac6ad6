/** The `post_places` table: the Swedish municipalities (and districts) a post names. */
import { sql } from 'kysely';
import type { Db } from './client.ts';

export interface PostPlacesTable {
  post_id: number;
  municipality_code: string;
  /** Empty string when the post names the municipality itself rather than a district. */
  district: string;
}

export interface NewPostPlace {
  postId: number;
  municipalityCode: string;
  district: string | null;
}

/** Replaces the places of these posts (places come from the text, so they are recomputed on every analysis). */
export async function replacePostPlaces(
  db: Db,
  postIds: readonly number[],
  rows: readonly NewPostPlace[],
): Promise<void> {
  if (postIds.length === 0) return;
  await db
    .deleteFrom('post_places')
    .where('post_id', 'in', [...postIds])
    .execute();
  if (rows.length === 0) return;
  await sql`
    INSERT INTO post_places (post_id, municipality_code, district)
    SELECT * FROM unnest(
      ${rows.map((r) => r.postId)}::bigint[],
      ${rows.map((r) => r.municipalityCode)}::text[],
      ${rows.map((r) => r.district ?? '')}::text[]
    )
    ON CONFLICT DO NOTHING
  `.execute(db);
}
