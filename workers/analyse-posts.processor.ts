/** Processor of `analyse-posts`: analyse a batch of stored posts with the classifier in force. */
import type { Job } from 'bullmq';
import type { Logger } from '../core/logger.ts';
import { analysePostsQueue } from '../core/queues/analyse-posts.ts';
import { analyseAndStore, type BatchResult } from './analyse-batch.ts';
import type { ClassifierSource } from './classifier-source.ts';

export function createAnalysePostsProcessor(deps: {
  db: import('../core/db/client.ts').Db;
  classifiers: ClassifierSource;
  logger: Logger;
}) {
  return async (job: Job): Promise<BatchResult & { modelVersion: string }> => {
    const { postIds } = analysePostsQueue.parse(job.data);
    const classifier = await deps.classifiers.current();
    const result = await analyseAndStore(deps.db, classifier, postIds);
    deps.logger.debug({ jobId: job.id, ...result, modelVersion: classifier.version }, 'analysed batch');
    return { ...result, modelVersion: classifier.version };
  };
}
