/**
 * Processor of `reclassify`: walks every stored post in id order with a given model version, writing that
 * version's results beside the old ones (readers keep using the active version meanwhile), then activates it,
 * waits until no worker can still be using the old version, and analyses the posts those workers stored with the
 * old version only. Runs on its own queue, so new posts keep flowing through `analyse-posts` during a run.
 */
import type { Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PostClassifier } from '../classifier/post-classifier.ts';
import type { Db } from '../core/db/client.ts';
import { activateModel } from '../core/db/classifier-models.ts';
import { countPosts, listIdsMissingVersion, postIdsAfter } from '../core/db/posts.ts';
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

/**
 * `batchSize` posts per transaction (500). Waits `classifiers.ttlMs` after activating the model: every worker
 * process reads the active version through a ClassifierSource with that TTL (ACTIVE_VERSION_TTL_MS).
 */
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
      const report = async () => {
        // Posts keep arriving during a run, so the total can grow.
        const progress = { done, total: Math.max(total, done) };
        await recordRunProgress(deps.db, runId, progress.done, progress.total);
        await job.updateProgress(progress);
      };
      let lastId = 0;
      for (;;) {
        const ids = await postIdsAfter(deps.db, lastId, batchSize);
        if (ids.length === 0) break;
        await analyseAndStore(deps.db, classifier, ids);
        done += ids.length;
        lastId = ids[ids.length - 1] ?? lastId;
        await report();
      }
      // Rollups of the new version grew batch by batch (analyseAndStore); days retention emptied keep the old
      // version's counts. Activation then switches every reader at once.
      const previous = (await deps.classifiers.current()).version;
      if (previous !== modelVersion) await carryOverRollups(deps.db, previous, modelVersion);
      await activateModel(deps.db, modelVersion);
      // The model is in force from here: a failed catch-up must not mark the run failed (a retry would walk every
      // post again); the workers' sweep analyses what it left.
      const caught = await catchUp(deps, classifier, batchSize, async (analysed) => {
        done += analysed;
        await report();
      }).catch((error: unknown) => {
        log.warn({ err: describeError(error) }, 'catch-up after activation failed; the sweep takes the rest');
        return 0;
      });
      await finishRun(deps.db, runId, { status: 'done' });
      log.info({ done, caught }, 'reclassification done; model activated');
      return { runId, modelVersion, reclassified: done };
    } catch (error) {
      await finishRun(deps.db, runId, { status: 'failed', error: describeError(error) });
      throw error;
    }
  };
}

/**
 * After activation, workers go on analysing with the old version until their cache of the active version expires
 * (`classifiers.ttlMs`): the posts they store meanwhile, and any whose insert committed behind the walk, have no
 * result of the new version and would be missing from its trends until the worker's sweep. Waits that long, then
 * analyses every post collected by then that still lacks the new version; later posts reach workers that use it.
 * Returns how many posts it analysed; `onBatch` hears each batch's count.
 */
async function catchUp(
  deps: { db: Db; classifiers: ClassifierSource },
  classifier: PostClassifier,
  batchSize: number,
  onBatch: (analysed: number) => Promise<void>,
): Promise<number> {
  await sleep(deps.classifiers.ttlMs);
  const settledAt = Date.now();
  let caught = 0;
  for (let afterId = 0; ;) {
    const ids = await listIdsMissingVersion(
      deps.db,
      classifier.version,
      batchSize,
      Date.now() - settledAt,
      afterId,
    );
    const last = ids.at(-1);
    if (last === undefined) break;
    await analyseAndStore(deps.db, classifier, ids);
    caught += ids.length;
    afterId = last;
    await onBatch(ids.length);
  }
  return caught;
}
