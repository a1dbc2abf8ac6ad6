/** The collector process: a BullMQ worker on `collect-source`, plus schedulers reconciled from the sources table. */
import { Worker } from 'bullmq';
import { collectSourceQueue } from '../core/queues/collect-source.ts';
import type { Stoppable } from '../core/lifecycle.ts';
import { createRedis, warnOncePerOutage } from '../core/redis.ts';
import { workerOptions, type Resources } from '../core/resources.ts';
import { createCollectSourceProcessor } from './collect-source.processor.ts';
import { createHttpClient } from './http/client.ts';
import { startOcrWorker } from './ocr/ocr-worker.ts';
import { reconcileSchedules } from './schedule.ts';
import { createWebBrowser } from './web/web-browser.ts';

export async function startCollector(resources: Resources): Promise<Stoppable> {
  const { config, logger, db, queues } = resources;
  const log = logger.child({ subsystem: 'collector' });
  const connection = createRedis(config.redis.url, 'worker', log);
  const webBrowser = createWebBrowser({
    chromiumPath: config.collector.chromiumPath,
    fetchAllowlist: config.collector.fetchAllowlist,
    maxBytes: config.collector.maxBytes,
    userAgent: config.collector.userAgent,
    logger: log,
  });
  const http = createHttpClient({
    userAgent: config.collector.userAgent,
    timeoutMs: config.collector.timeoutMs,
    maxBytes: config.collector.maxBytes,
    allowlist: config.collector.fetchAllowlist,
    // Host turns and robots.txt are shared with every collector process through Redis.
    redis: connection,
    prefix: config.redis.prefix,
    hostMinDelayMs: config.collector.hostMinDelayMs,
  });
  const ocrWorker = await startOcrWorker(resources, connection, http, log);
  const worker = new Worker(
    collectSourceQueue.name,
    createCollectSourceProcessor({
      db,
      collectQueue: queues.collect,
      analyseQueue: queues.analyse,
      pseudonymise: resources.pseudonymise,
      http,
      logger: log,
      jobTimeoutMs: config.collector.jobTimeoutMs,
      pauseAfterFailures: config.collector.pauseAfterFailures,
      browser: webBrowser.get,
      ...(ocrWorker && config.collector.ocr
        ? { mediaText: { queue: queues.readMediaText, imagesPerPost: config.collector.ocr.imagesPerPost } }
        : {}),
    }),
    {
      connection,
      prefix: config.redis.prefix,
      concurrency: config.collector.concurrency,
      ...workerOptions(config),
    },
  );
  warnOncePerOutage(worker, connection, (error) =>
    log.warn({ err: error.message }, 'collector worker error'),
  );
  worker.on('failed', (job, error) =>
    log.warn({ jobId: job?.id, reason: error.message }, 'collection job failed'),
  );
  const schedules = await reconcileSchedules(db, queues.collect);
  log.info(schedules, 'collector started');
  return {
    async close() {
      await worker.close();
      await webBrowser.close();
      await ocrWorker?.close();
      connection.disconnect();
    },
  };
}
