/** Loads a batch of posts, analyses each (language, classification, places) and stores it all in one transaction. */
import { analyseText } from '../classifier/analyse.ts';
import type { PostClassifier } from '../classifier/post-classifier.ts';
import type { Db } from '../core/db/client.ts';
import { upsertClassifications } from '../core/db/post-classifications.ts';
import { mediaTextsOf } from '../core/db/post-media-text.ts';
import { replacePostPlaces } from '../core/db/post-places.ts';
import { replacePostThemes } from '../core/db/post-themes.ts';
import { getPostsToAnalyse, setLanguages } from '../core/db/posts.ts';
import { textForAnalysis } from '../core/content.ts';
import { toAnalysisRows } from './analysis-rows.ts';

export interface BatchResult {
  analysed: number;
  /** Ids whose posts no longer exist (deleted since they were enqueued): skipped, not an error. */
  missing: number;
}

export async function analyseAndStore(
  db: Db,
  classifier: PostClassifier,
  postIds: readonly number[],
): Promise<BatchResult> {
  const posts = await getPostsToAnalyse(db, postIds);
  const imageTexts = await mediaTextsOf(
    db,
    posts.map((post) => post.id),
  );
  const analyses = posts.map((post) => ({
    postId: post.id,
    ...analyseText(textForAnalysis(post, imageTexts.get(post.id)), classifier),
  }));
  const rows = toAnalysisRows(analyses);
  const ids = posts.map((post) => post.id);
  await db.transaction().execute(async (trx) => {
    await setLanguages(trx, rows.languages);
    await upsertClassifications(trx, classifier.version, rows.classifications);
    await replacePostThemes(trx, classifier.version, ids, rows.themes);
    await replacePostPlaces(trx, ids, rows.places);
  });
  return { analysed: posts.length, missing: postIds.length - posts.length };
}
