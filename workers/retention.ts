/**
 * Starts the daily retention run in the worker process: the job scheduler (RETENTION_SCHEDULE in Swedish time)
 * and a worker of concurrency 1; with RETENTION_SCHEDULE=off, no schedule (an old one is removed) and one log line.
 */
import { Worker } from 'bullmq';
import type { Stoppable } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';
import { retentionQueue, scheduleRetention, unscheduleRetention } from '../core/queues/retention.ts';
import { createRedis, warnOncePerOutage } from '../core/redis.ts';
import { workerOptions, type Resources } from '../core/resources.ts';
import { createRetentionProcessor } from './retention.processor.ts';

export async function startRetention(
  resources: Pick<Resources, 'config' | 'db' | 'redis'>,
  logger: Logger,
): Promise<Stoppable> {
  const { config } = resources;
  const log = logger.child({ queue: retentionQueue.name });
  const queue = retentionQueue.open(resources.redis, config.redis.prefix);
  warnOncePerOutage(queue, resources.redis, (error) => log.warn({ err: error.message }, 'queue error'));
  const { retentionSchedule, retentionDays, auditRetentionDays } = config.privacy;
  if (retentionSchedule === null) {
    await unscheduleRetention(queue);
    await queue.close();
    log.info('retention not scheduled (RETENTION_SCHEDULE=off); run it with: ryktesradar retention run');
    return { close: async () => undefined };
  }
  await scheduleRetention(queue, retentionSchedule);
  const connection = createRedis(config.redis.url, 'worker', log);
  const worker = new Worker(
    retentionQueue.name,
    createRetentionProcessor({ db: resources.db, retentionDays, auditRetentionDays, logger: log }),
    // One pass at a time; its batches already bound how long it holds locks.
    { connection, prefix: config.redis.prefix, ...workerOptions(config), concurrency: 1 },
  );
  warnOncePerOutage(worker, connection, (error) => log.warn({ err: error.message }, 'worker error'));
  worker.on('failed', (job, error) =>
    log.warn({ jobId: job?.id, reason: error.message }, 'retention failed'),
  );
  log.info({ schedule: retentionSchedule, retentionDays }, 'retention scheduled');
  return {
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
