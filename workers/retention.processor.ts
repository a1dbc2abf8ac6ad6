/** Processor of `retention`: each `tick` runs one retention pass (core/retention.ts) and returns its counts. */
import type { Job } from 'bullmq';
import type { Db } from '../core/db/client.ts';
import type { Logger } from '../core/logger.ts';
import { retentionQueue } from '../core/queues/retention.ts';
import { runRetention, type RetentionReport } from '../core/retention.ts';

export interface RetentionDeps {
  db: Db;
  retentionDays: number;
  auditRetentionDays: number;
  logger: Logger;
}

export function createRetentionProcessor(deps: RetentionDeps) {
  return async (job: Job): Promise<Omit<RetentionReport, 'cutoff'> & { cutoff: string }> => {
    retentionQueue.parse(job.data);
    const report = await runRetention(deps.db, {
      retentionDays: deps.retentionDays,
      auditRetentionDays: deps.auditRetentionDays,
      trigger: 'schedule',
      logger: deps.logger,
    });
    return { ...report, cutoff: report.cutoff.toISOString() };
  };
}
