/**
 * The analysis worker process: BullMQ workers on `analyse-posts` (new posts) and `reclassify` (moving stored
 * posts to a new model, one run at a time), plus a sweep for posts without a result of the model in force.
 */
import { Worker } from 'bullmq';
import { listIdsMissingVersion } from '../core/db/posts.ts';
import type { Stoppable } from '../core/lifecycle.ts';
import { analysePostsQueue, enqueueAnalysis, queuedPostIds } from '../core/queues/analyse-posts.ts';
import { reclassifyQueue } from '../core/queues/reclassify.ts';
import { createRedis, warnOncePerOutage } from '../core/redis.ts';
import { workerOptions, type Resources } from '../core/resources.ts';
import { startAlerts } from './alerts.ts';
import { createAnalysePostsProcessor } from './analyse-posts.processor.ts';
import { createClassifierSource, type ClassifierSource } from './classifier-source.ts';
import { startEmergingDetection } from './detect-emerging.ts';
import { createReclassifyProcessor } from './reclassify.processor.ts';
import { startWeeklyReport } from './weekly-report.ts';
import { startRetention } from './retention.ts';
import { loadClassifier } from '../classifier/model/load.ts';
import { shippedClassifier } from '../classifier/shipped.ts';

const SWEEP_EVERY_MS = 5 * 60_000;
const SWEEP_LIMIT = 10_000;

/**
 * Re-enqueues up to SWEEP_LIMIT posts that have no result of the model in force and are in no analysis job that
 * will still run (their job was lost with Redis, or failed for good); returns how many ids.
 */
export async function sweepUnanalysed(resources: Resources, classifiers: ClassifierSource): Promise<number> {
  const { version } = await classifiers.current();
  // Redis before Postgres: a job finishing in between has stored its results, so its posts are no longer missing,
  // and one added in between holds posts younger than listIdsMissingVersion's minimum age.
  const queued = await queuedPostIds(resources.queues.analyse);
  const ids: number[] = [];
  // Walk past posts that are queued (a backlog) so lost ones behind them are still found.
  for (let afterId = 0; ids.length < SWEEP_LIMIT;) {
    const page = await listIdsMissingVersion(resources.db, version, SWEEP_LIMIT, undefined, afterId);
    ids.push(...page.filter((id) => !queued.has(id)).slice(0, SWEEP_LIMIT - ids.length));
    const last = page.at(-1);
    if (page.length < SWEEP_LIMIT || last === undefined) break;
    afterId = last;
  }
  await enqueueAnalysis(resources.queues.analyse, ids);
  return ids.length;
}

export async function startAnalysisWorker(resources: Resources): Promise<Stoppable> {
  const { config, logger, db } = resources;
  const log = logger.child({ subsystem: 'worker' });
  const classifiers = createClassifierSource(db, shippedClassifier(), loadClassifier, {
    onMismatch: (model, reason) => log.warn({ model, reason }, 'stored model does not match this code'),
  });
  const connection = createRedis(config.redis.url, 'worker', log);
  const common = { connection, prefix: config.redis.prefix, ...workerOptions(config) };
  const workers = [
    new Worker(analysePostsQueue.name, createAnalysePostsProcessor({ db, classifiers, logger: log }), {
      ...common,
      concurrency: config.worker.concurrency,
    }),
    new Worker(reclassifyQueue.name, createReclassifyProcessor({ db, classifiers, logger: log }), {
      ...common,
      concurrency: 1,
    }),
  ];
  for (const worker of workers) {
    warnOncePerOutage(worker, connection, (error) =>
      log.warn({ queue: worker.name, err: error.message }, 'worker error'),
    );
    worker.on('failed', (job, error) =>
      log.warn({ queue: worker.name, jobId: job?.id, reason: error.message }, 'job failed'),
    );
  }

  const sweep = () =>
    sweepUnanalysed(resources, classifiers)
      .then((count) => count > 0 && log.info({ count }, 're-enqueued posts without a current result'))
      .catch((error: Error) => log.warn({ err: error.message }, 'sweep failed'));
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  // Once at start too: after Redis lost its data (or jobs were dropped), stored posts are re-derived at once.
  void sweep();
  const weeklyReport = await startWeeklyReport(resources, log);
  const alerts = await startAlerts(resources, log);
  const retention = await startRetention(resources, log);
  const emerging = await startEmergingDetection(resources, log);
  log.info(
    { concurrency: config.worker.concurrency, model: (await classifiers.current()).version },
    'analysis worker started',
  );
  return {
    async close() {
      clearInterval(timer);
      await weeklyReport.close();
      await alerts.close();
      await retention.close();
      await emerging.close();
      await Promise.all(workers.map((worker) => worker.close()));
      connection.disconnect();
    },
  };
}
