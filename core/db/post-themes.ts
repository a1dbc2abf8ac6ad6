/** The `post_themes` table: the rumour themes a post spreads (`rumour`) or rebuts/reports (`about`). */
import { sql } from 'kysely';
import type { Db } from './client.ts';

export const THEME_ROLES = ['rumour', 'about'] as const;
export type ThemeRole = (typeof THEME_ROLES)[number];

export interface PostThemesTable {
  post_id: number;
  model_version: string;
  theme_id: string;
  role: ThemeRole;
  score: number;
  evidence: string[];
}

export interface NewPostTheme {
  postId: number;
  themeId: string;
  role: ThemeRole;
  score: number;
  evidence: string[];
}

/**
 * Replaces the themes of these posts for one model version. Evidence arrays travel as JSON because
 * Postgres cannot unnest a ragged text[][].
 */
export async function replacePostThemes(
  db: Db,
  modelVersion: string,
  postIds: readonly number[],
  rows: readonly NewPostTheme[],
): Promise<void> {
  if (postIds.length === 0) return;
  await db
    .deleteFrom('post_themes')
    .where('model_version', '=', modelVersion)
    .where('post_id', 'in', [...postIds])
    .execute();
  if (rows.length === 0) return;
  await sql`
    INSERT INTO post_themes (post_id, model_version, theme_id, role, score, evidence)
    SELECT t.post_id, ${modelVersion}, t.theme_id, t.role, t.score,
           ARRAY(SELECT jsonb_array_elements_text(t.evidence))
    FROM unnest(
      ${rows.map((r) => r.postId)}::bigint[],
      ${rows.map((r) => r.themeId)}::text[],
      ${rows.map((r) => r.role)}::text[],
      ${rows.map((r) => r.score)}::real[],
      ${rows.map((r) => JSON.stringify(r.evidence))}::jsonb[]
    ) AS t(post_id, theme_id, role, score, evidence)
  `.execute(db);
}
