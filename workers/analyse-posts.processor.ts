/** Processor of `analyse-posts`: load the batch, detect language and classify, store all of it in one transaction. */
import type { Job } from 'bullmq';
import { classifyWithLanguage, MODEL_VERSION } from '../classifier/classify.ts';
import type { Db } from '../core/db/client.ts';
import { upsertClassifications } from '../core/db/post-classifications.ts';
import { replacePostThemes } from '../core/db/post-themes.ts';
import { getPostsToAnalyse, setLanguages } from '../core/db/posts.ts';
import type { Logger } from '../core/logger.ts';
import { analysePostsQueue } from '../core/queues/analyse-posts.ts';
import { textForAnalysis, toAnalysisRows } from './analysis-rows.ts';

export interface AnalyseResult {
  analysed: number;
  /** Ids in the job whose posts no longer exist (deleted since): skipped, not an error. */
  missing: number;
}

export function createAnalysePostsProcessor(deps: { db: Db; logger: Logger }) {
  return async (job: Job): Promise<AnalyseResult> => {
    const { postIds } = analysePostsQueue.parse(job.data);
    const posts = await getPostsToAnalyse(deps.db, postIds);
    const analyses = posts.map((post) => ({
      postId: post.id,
      ...classifyWithLanguage(textForAnalysis(post)),
    }));
    const rows = toAnalysisRows(analyses);
    const ids = posts.map((post) => post.id);
    await deps.db.transaction().execute(async (trx) => {
      await setLanguages(trx, rows.languages);
      await upsertClassifications(trx, MODEL_VERSION, rows.classifications);
      await replacePostThemes(trx, MODEL_VERSION, ids, rows.themes);
    });
    const result = { analysed: posts.length, missing: postIds.length - posts.length };
    deps.logger.debug({ jobId: job.id, ...result }, 'analysed batch');
    return result;
  };
}
