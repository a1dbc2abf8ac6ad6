/**
 * Starts emerging-rumour detection in the worker process: the job scheduler (every 10 minutes) and one worker
 * of concurrency 1 (runs are cheap and serial; the Postgres keys make an overlap harmless anyway).
 */
import { Worker } from 'bullmq';
import { shippedClassifier } from '../classifier/shipped.ts';
import { cachedActiveVersion, type ActiveVersion } from '../core/active-model.ts';
import type { Stoppable } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';
import { detectEmergingQueue, scheduleDetection } from '../core/queues/detect-emerging.ts';
import { matchAlertsQueue } from '../core/queues/match-alerts.ts';
import { createRedis, warnOncePerOutage } from '../core/redis.ts';
import { workerOptions, type Resources } from '../core/resources.ts';
import { createDetectEmergingProcessor } from './detect-emerging.processor.ts';

export async function startEmergingDetection(
  resources: Pick<Resources, 'config' | 'db' | 'redis' | 'logger'>,
  logger: Logger,
  options: { everyMs?: number; modelVersion?: ActiveVersion } = {},
): Promise<Stoppable> {
  const { config } = resources;
  const log = logger.child({ queue: detectEmergingQueue.name });
  const queue = detectEmergingQueue.open(resources.redis, config.redis.prefix);
  const alerts = matchAlertsQueue.open(resources.redis, config.redis.prefix);
  for (const q of [queue, alerts])
    warnOncePerOutage(q, resources.redis, (error) => log.warn({ err: error.message }, 'queue error'));
  await scheduleDetection(queue, options.everyMs);
  const connection = createRedis(config.redis.url, 'worker', log);
  const worker = new Worker(
    detectEmergingQueue.name,
    createDetectEmergingProcessor({
      db: resources.db,
      modelVersion: options.modelVersion ?? cachedActiveVersion(resources.db, shippedClassifier().version),
      alerts,
      logger: log,
    }),
    { connection, prefix: config.redis.prefix, ...workerOptions(config), concurrency: 1 },
  );
  warnOncePerOutage(worker, connection, (error) => log.warn({ err: error.message }, 'worker error'));
  worker.on('failed', (job, error) =>
    log.warn({ jobId: job?.id, reason: error.message }, 'detection failed'),
  );
  return {
    async close() {
      await worker.close();
      await queue.close();
      await alerts.close();
      connection.disconnect();
    },
  };
}
