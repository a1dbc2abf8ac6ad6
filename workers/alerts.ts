/**
 * Starts alerting in the worker process: a worker on `match-alerts` (events from detection against the rules), a
 * worker on `deliver-alert` (webhook and email sends), and a sweep that re-enqueues deliveries left pending by a
 * crash. Webhooks connect only where the collectors' address guard (FETCH_ALLOWLIST) allows.
 */
import { Worker } from 'bullmq';
import { parseAllowlist } from '../core/net/address-guard.ts';
import { createGuardedAgent } from '../core/net/guarded-agent.ts';
import { listStaleDeliveries } from '../core/db/alert-deliveries.ts';
import type { Stoppable } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';
import { deliverAlertQueue, enqueueDeliveries } from '../core/queues/deliver-alert.ts';
import { matchAlertsQueue } from '../core/queues/match-alerts.ts';
import { createRedis, warnOncePerOutage } from '../core/redis.ts';
import { workerOptions, type Resources } from '../core/resources.ts';
import { createDeliverAlertProcessor, SEND_TIMEOUT_MS } from './deliver-alert.processor.ts';
import { createMatchAlertsProcessor } from './match-alerts.processor.ts';

const SWEEP_EVERY_MS = 60_000;
/** A delivery pending this long has lost its job (a crash between raising and enqueueing). */
const STALE_AFTER_MS = 5 * 60_000;

export async function startAlerts(
  resources: Pick<Resources, 'config' | 'db' | 'redis'>,
  logger: Logger,
  options: { sweepEveryMs?: number } = {},
): Promise<Stoppable> {
  const { config, db } = resources;
  const log = logger.child({ subsystem: 'alerts' });
  const deliverQueue = deliverAlertQueue.open(resources.redis, config.redis.prefix);
  warnOncePerOutage(deliverQueue, resources.redis, (error) =>
    log.warn({ err: error.message }, 'queue error'),
  );
  const agent = createGuardedAgent(parseAllowlist(config.collector.fetchAllowlist));
  const connection = createRedis(config.redis.url, 'worker', log);
  const common = { connection, prefix: config.redis.prefix, ...workerOptions(config) };
  const workers = [
    new Worker(
      matchAlertsQueue.name,
      createMatchAlertsProcessor({
        db,
        deliverQueue,
        security: { email: config.alerts.securityEmail, webhook: config.alerts.securityWebhook },
        logger: log,
      }),
      // One matcher at a time: the unique keys would keep two apart anyway, this keeps the log readable.
      { ...common, concurrency: 1 },
    ),
    new Worker(
      deliverAlertQueue.name,
      createDeliverAlertProcessor({
        db,
        agent,
        mail: { smtpUrl: config.alerts.smtpUrl, from: config.alerts.from },
        publicUrl: config.alerts.publicUrl,
        userAgent: config.collector.userAgent,
        logger: log,
        // A send must end well inside the job's lock, whatever WORKER_LOCK_SECONDS is.
        sendTimeoutMs: Math.min(SEND_TIMEOUT_MS, Math.floor(config.worker.lockMs / 3)),
      }),
      { ...common, concurrency: 4 },
    ),
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
    listStaleDeliveries(db, STALE_AFTER_MS, 1_000)
      .then((ids) => enqueueDeliveries(deliverQueue, ids).then(() => ids.length))
      .then((count) => count > 0 && log.info({ count }, 're-enqueued pending alert deliveries'))
      .catch((error: Error) => log.warn({ err: error.message }, 'alert delivery sweep failed'));
  const timer = setInterval(sweep, options.sweepEveryMs ?? SWEEP_EVERY_MS);
  timer.unref();
  log.info(
    {
      email: Boolean(config.alerts.smtpUrl && config.alerts.from),
      securityRoute: Boolean(config.alerts.securityEmail ?? config.alerts.securityWebhook),
    },
    'alerts started',
  );
  return {
    async close() {
      clearInterval(timer);
      await Promise.all(workers.map((worker) => worker.close()));
      await deliverQueue.close();
      await agent.close();
      connection.disconnect();
    },
  };
}
