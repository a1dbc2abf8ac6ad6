/** The `post_media_text` table: text read from a post's images (OCR), or why an image was not read. */
import type { Db } from './client.ts';

export interface PostMediaTextTable {
  post_id: number;
  media_url: string;
  status: 'done' | 'skipped' | 'failed';
  method: 'ocr';
  text: string | null;
  reason: string | null;
  /** e.g. `tesseract 5.3.0 swe+ara+fas`. */
  engine: string | null;
  processed_at: Date;
}

export type MediaTextResult =
  { status: 'done'; text: string; engine: string } | { status: 'skipped' | 'failed'; reason: string };

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Records one image's outcome; a later result for the same image replaces it. Returns false when the post was
 * deleted meanwhile (retention, a removed source): nothing to record then.
 */
export async function recordMediaText(
  db: Db,
  postId: number,
  mediaUrl: string,
  result: MediaTextResult,
): Promise<boolean> {
  const values = {
    status: result.status,
    method: 'ocr' as const,
    text: result.status === 'done' ? result.text : null,
    reason: result.status === 'done' ? null : result.reason.slice(0, 1_000),
    engine: result.status === 'done' ? result.engine : null,
    processed_at: new Date(),
  };
  try {
    await db
      .insertInto('post_media_text')
      .values({ post_id: postId, media_url: mediaUrl, ...values })
      .onConflict((oc) => oc.columns(['post_id', 'media_url']).doUpdateSet(values))
      .execute();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return false;
    throw error;
  }
}

/** Recognised text per post (images in URL order), for the analysis; posts without any are absent. */
export async function mediaTextsOf(db: Db, postIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom('post_media_text')
    .select(['post_id', 'text'])
    .where('post_id', 'in', [...postIds])
    .where('status', '=', 'done')
    .where('text', '!=', '')
    .orderBy('post_id')
    .orderBy('media_url')
    .execute();
  for (const row of rows) {
    if (!row.text) continue;
    out.set(row.post_id, [...(out.get(row.post_id) ?? []), row.text]);
  }
  return out;
}

/** Image links of these posts that have no recorded outcome yet, at most `perPost` per post. */
export async function imagesAwaitingText(
  db: Db,
  postIds: readonly number[],
  perPost: number,
): Promise<{ postId: number; url: string }[]> {
  if (postIds.length === 0) return [];
  const posts = await db
    .selectFrom('posts')
    .select(['id', 'media'])
    .where('id', 'in', [...postIds])
    .where('media', 'is not', null)
    .execute();
  const done = await db
    .selectFrom('post_media_text')
    .select(['post_id', 'media_url'])
    .where('post_id', 'in', [...postIds])
    .execute();
  const seen = new Set(done.map((row) => `${row.post_id} ${row.media_url}`));
  const out: { postId: number; url: string }[] = [];
  for (const post of posts) {
    const images = (post.media ?? []).filter((m) => m.kind === 'image').slice(0, perPost);
    for (const image of images) {
      if (!seen.has(`${post.id} ${image.url}`)) out.push({ postId: post.id, url: image.url });
    }
  }
  return out;
}
