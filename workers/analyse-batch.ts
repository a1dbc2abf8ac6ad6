/** Loads a batch of posts, analyses each (language, classification, places) and stores it all in one transaction. */
import type { PostClassifier } from '../classifier/post-classifier.ts';
import type { Db } from '../core/db/client.ts';
import { upsertClassifications } from '../core/db/post-classifications.ts';
import { mediaTextsOf } from '../core/db/post-media-text.ts';
import { replacePostPlaces } from '../core/db/post-places.ts';
import { searchDocument } from '../core/db/post-search.ts';
import { replacePostThemes } from '../core/db/post-themes.ts';
import { keepRollups } from '../core/db/rollups.ts';
import { spanOf } from '../core/db/post-span.ts';
import { getPostsToAnalyse, setLanguages } from '../core/db/posts.ts';
import { textForAnalysis } from '../core/content.ts';
import { toAnalysisRows } from './analysis-rows.ts';
import { analyseTexts } from './analyse-texts.ts';

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
  const analyses = await analyseTexts(
    posts.map((post) => ({
      postId: post.id,
      text: textForAnalysis(post, imageTexts.get(post.id)),
      document: searchDocument(post.title, post.text, imageTexts.get(post.id)),
    })),
    classifier,
  );
  const ids = posts.map((post) => post.id);
  const span = spanOf(posts.map((post) => post.published_at));
  // Posts erased while their texts were analysed are left out: their rows would outlive the erasure (the parts'
  // keys point at post_keys, which erasure keeps).
  const stored = await db.transaction().execute((trx) =>
    keepRollups(
      trx,
      ids,
      async (present) => {
        const rows = toAnalysisRows(analyses.filter((analysis) => present.has(analysis.postId)));
        const kept = ids.filter((id) => present.has(id));
        await setLanguages(trx, rows.languages, span);
        await upsertClassifications(trx, classifier.version, rows.classifications);
        await replacePostThemes(trx, classifier.version, kept, rows.themes);
        await replacePostPlaces(trx, kept, rows.places);
        return kept.length;
      },
      span,
    ),
  );
  return { analysed: stored, missing: postIds.length - stored };
}
