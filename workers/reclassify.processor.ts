/**
 * Processor of `reclassify`: walks every stored post in id order with a given model version, writing that
 * version's results beside the old ones (readers keep using the active version meanwhile), then activates it.
 * Runs on its own queue, so new posts keep flowing through `analyse-posts` during a run.
 */
import type { Job } from 'bullmq';
import type { Db } from '../core/db/client.ts';
import { activateModel } from '../core/db/classifier-models.ts';
import { countPosts, postIdsAfter } from '../core/db/posts.ts';
import { finishRun, recordRunProgress, startRun } from '../core/db/reclassify-runs.ts';
import { carryOverRollups } from '../core/db/rollups.ts';
import { describeError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { reclassifyQueue } from '../core/queues/reclassify.ts';
import { analyseAndStore } from './analyse-batch.ts';
import type { ClassifierSource } from './classifier-source.ts';

export interface ReclassifyResult {
  runId: number;
  modelVersion: string;
  reclassified: number;
}

export function createReclassifyProcessor(deps: {
  db: Db;
  classifiers: ClassifierSource;
  logger: Logger;
  batchSize?: number;
}) {
  const batchSize = deps.batchSize ?? 500;
  return async (job: Job): Promise<ReclassifyResult> => {
    const { runId, modelVersion } = reclassifyQueue.parse(job.data);
    const log = deps.logger.child({ runId, modelVersion });
    try {
      const classifier = await deps.classifiers.version(modelVersion);
      const total = await countPosts(deps.db);
      await startRun(deps.db, runId, total);
      log.info({ total }, 'reclassification started');
      let done = 0;
      let lastId = 0;
      for (;;) {
        const ids = await postIdsAfter(deps.db, lastId, batchSize);
        if (ids.length === 0) break;
        await analyseAndStore(deps.db, classifier, ids);
        done += ids.length;
        lastId = ids[ids.length - 1] ?? lastId;
        // Posts keep arriving during a run, so the total can grow.
        const progress = { done, total: Math.max(total, done) };
        await recordRunProgress(deps.db, runId, progress.done, progress.total);
        await job.updateProgress(progress);
      }
      // Rollups of the new version grew batch by batch (analyseAndStore); days retention emptied keep the old
      // version's counts. Activation then switches every reader at once.
      const previous = (await deps.classifiers.current()).version;
      if (previous !== modelVersion) await carryOverRollups(deps.db, previous, modelVersion);
      await activateModel(deps.db, modelVersion);
      await finishRun(deps.db, runId, { status: 'done' });
      log.info({ done }, 'reclassification done; model activated');
      return { runId, modelVersion, reclassified: done };
    } catch (error) {
      await finishRun(deps.db, runId, { status: 'failed', error: describeError(error) });
      throw error;
    }
  };
}
