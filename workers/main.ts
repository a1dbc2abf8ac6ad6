/** The analysis worker process: a BullMQ worker on `analyse-posts`, plus a sweep for posts whose job was lost. */
import { Worker } from 'bullmq';
import { listUnanalysedIds } from '../core/db/posts.ts';
import { analysePostsQueue, enqueueAnalysis } from '../core/queues/analyse-posts.ts';
import type { Stoppable } from '../core/lifecycle.ts';
import { createRedis } from '../core/redis.ts';
import { WORKER_TIMINGS, type Resources } from '../core/resources.ts';
import { createAnalysePostsProcessor } from './analyse-posts.processor.ts';

const SWEEP_EVERY_MS = 5 * 60_000;
const SWEEP_LIMIT = 10_000;

/** Re-enqueues posts stored but never analysed (e.g. Redis lost their job); returns how many ids. */
export async function sweepUnanalysed(resources: Resources): Promise<number> {
  const ids = await listUnanalysedIds(resources.db, SWEEP_LIMIT);
  await enqueueAnalysis(resources.queues.analyse, ids);
  return ids.length;
}

export async function startAnalysisWorker(resources: Resources): Promise<Stoppable> {
  const { config, logger, db } = resources;
  const log = logger.child({ subsystem: 'worker' });
  const connection = createRedis(config.redis.url, 'worker', log);
  const worker = new Worker(analysePostsQueue.name, createAnalysePostsProcessor({ db, logger: log }), {
    connection,
    prefix: config.redis.prefix,
    concurrency: config.worker.concurrency,
    ...WORKER_TIMINGS,
  });
  worker.on('error', (error) => log.warn({ err: error.message }, 'analysis worker error'));
  worker.on('failed', (job, error) =>
    log.warn({ jobId: job?.id, reason: error.message }, 'analysis job failed'),
  );

  const sweep = () =>
    sweepUnanalysed(resources)
      .then((count) => count > 0 && log.info({ count }, 're-enqueued unanalysed posts'))
      .catch((error: Error) => log.warn({ err: error.message }, 'sweep failed'));
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  log.info({ concurrency: config.worker.concurrency }, 'analysis worker started');
  return {
    async close() {
      clearInterval(timer);
      await worker.close();
      connection.disconnect();
    },
  };
}
