/**
 * Starts the weekly situation report in the worker process: with SMTP_URL, REPORT_FROM and REPORT_RECIPIENTS set,
 * the job scheduler (REPORT_SCHEDULE in Swedish time) and a worker of concurrency 1; without them, no schedule
 * (an old one is removed) and one log line saying what is missing.
 */
import { Worker } from 'bullmq';
import { shippedClassifier } from '../classifier/shipped.ts';
import { cachedActiveVersion } from '../core/active-model.ts';
import type { Config } from '../core/config.ts';
import type { Stoppable } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';
import {
  scheduleWeeklyReport,
  unscheduleWeeklyReport,
  weeklyReportQueue,
} from '../core/queues/weekly-report.ts';
import { createRedis, warnOncePerOutage } from '../core/redis.ts';
import { workerOptions, type Resources } from '../core/resources.ts';
import type { MailSettings } from './weekly-report-mail.ts';
import { createWeeklyReportProcessor } from './weekly-report.processor.ts';

/** The mail settings when complete, else the names of the missing variables. */
export function weeklyMailSettings(config: Config): MailSettings | { missing: string[] } {
  const { smtpUrl, from, recipients } = config.report;
  if (smtpUrl && from && recipients.length > 0) return { smtpUrl, from, recipients };
  const missing = [
    smtpUrl ? null : 'SMTP_URL',
    from ? null : 'REPORT_FROM',
    recipients.length > 0 ? null : 'REPORT_RECIPIENTS',
  ].filter((name): name is string => name !== null);
  return { missing };
}

export async function startWeeklyReport(
  resources: Pick<Resources, 'config' | 'db' | 'redis' | 'logger'>,
  logger: Logger,
): Promise<Stoppable> {
  const { config } = resources;
  const log = logger.child({ queue: weeklyReportQueue.name });
  const queue = weeklyReportQueue.open(resources.redis, config.redis.prefix);
  warnOncePerOutage(queue, resources.redis, (error) => log.warn({ err: error.message }, 'queue error'));
  const settings = weeklyMailSettings(config);
  if ('missing' in settings) {
    await unscheduleWeeklyReport(queue);
    log.info({ missing: settings.missing }, 'weekly report not scheduled: mail settings missing');
    await queue.close();
    return { close: async () => undefined };
  }
  await scheduleWeeklyReport(queue, config.report.schedule);
  const connection = createRedis(config.redis.url, 'worker', log);
  const worker = new Worker(
    weeklyReportQueue.name,
    createWeeklyReportProcessor({
      resources,
      queue,
      mail: settings,
      modelVersion: cachedActiveVersion(resources.db, shippedClassifier().version),
      logger: log,
    }),
    // One report at a time: each is a Chromium; a week's render waits for the previous one.
    { connection, prefix: config.redis.prefix, ...workerOptions(config), concurrency: 1 },
  );
  warnOncePerOutage(worker, connection, (error) => log.warn({ err: error.message }, 'worker error'));
  worker.on('failed', (job, error) =>
    log.warn({ jobId: job?.id, reason: error.message }, 'weekly report failed'),
  );
  log.info(
    { schedule: config.report.schedule, recipients: settings.recipients.length },
    'weekly report scheduled',
  );
  return {
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
