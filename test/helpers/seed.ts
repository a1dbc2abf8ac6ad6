/** Seeds posts with a known analysis straight into the tables, for dashboard tests that need exact data. */
import { MODEL_VERSION } from '../../classifier/classify.ts';
import type { Stance } from '../../classifier/types.ts';
import { contentHash } from '../../core/content.ts';
import type { Db } from '../../core/db/client.ts';
import { upsertClassifications } from '../../core/db/post-classifications.ts';
import { replacePostThemes } from '../../core/db/post-themes.ts';
import { setLanguages, storePosts } from '../../core/db/posts.ts';
import { keepRollups } from '../../core/db/rollups.ts';

export interface SeedPost {
  externalId: string;
  text: string;
  publishedAt: Date;
  lang: string;
  stance: Stance;
  /** Rumour themes with their evidence. */
  themes: { id: string; evidence: string[] }[];
  title?: string | null;
  url?: string | null;
}

/** Stores the posts under `sourceId` and records their language, stance and themes for MODEL_VERSION. */
export async function seedAnalysedPosts(
  db: Db,
  sourceId: number,
  posts: readonly SeedPost[],
  options: { isSample?: boolean } = {},
): Promise<number[]> {
  const { ids } = await storePosts(
    db,
    sourceId,
    posts.map((post) => ({
      externalId: post.externalId,
      url: post.url ?? null,
      title: post.title ?? null,
      text: post.text,
      authorPseudonym: null,
      publishedAt: post.publishedAt,
      contentHash: contentHash(post.text),
    })),
    options,
  );
  // As the analysis worker writes: in one transaction, with the rollups following.
  await db.transaction().execute((trx) =>
    keepRollups(trx, ids, async () => {
      await setLanguages(
        trx,
        ids.map((id, i) => ({ id, lang: posts[i]!.lang, confidence: 0.9 })),
      );
      await upsertClassifications(
        trx,
        MODEL_VERSION,
        ids.map((postId, i) => ({ postId, stance: posts[i]!.stance, lang2: null })),
      );
      await replacePostThemes(
        trx,
        MODEL_VERSION,
        ids,
        ids.flatMap((postId, i) =>
          posts[i]!.themes.map((theme) => ({
            postId,
            themeId: theme.id,
            role: 'rumour' as const,
            score: 0.8,
            evidence: theme.evidence,
          })),
        ),
      );
    }),
  );
  return ids;
}
