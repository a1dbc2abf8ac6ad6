/**
 * Queue `retention`: the daily retention run (gallring). A job scheduler fires a `tick` (03:30 Swedish time by
 * default, RETENTION_SCHEDULE); each tick runs one retention pass. Runs are idempotent (what is gone stays
 * gone), so a repeated tick only costs a scan.
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { defineQueue, STANDARD_JOB_OPTIONS } from './define-queue.ts';

export const retentionQueue = defineQueue({
  name: 'retention',
  schema: z.object({ kind: z.literal('tick') }),
  // A database away for a while is waited out (about half an hour over 6 tries); runs are kept a month for a look.
  defaultJobOptions: {
    ...STANDARD_JOB_OPTIONS,
    attempts: 6,
    backoff: { type: 'exponential', delay: 60_000, jitter: 0.3 },
    removeOnComplete: { age: 31 * 24 * 3_600, count: 100 },
    removeOnFail: { age: 31 * 24 * 3_600, count: 100 },
  },
});
export type RetentionPayload = z.infer<typeof retentionQueue.schema>;

export const RETENTION_SCHEDULER_ID = 'retention';
export const RETENTION_TIME_ZONE = 'Europe/Stockholm';

export async function scheduleRetention(queue: Queue<RetentionPayload>, pattern: string): Promise<void> {
  await queue.upsertJobScheduler(
    RETENTION_SCHEDULER_ID,
    { pattern, tz: RETENTION_TIME_ZONE },
    { name: 'tick', data: { kind: 'tick' } },
  );
}

export async function unscheduleRetention(queue: Queue<RetentionPayload>): Promise<void> {
  await queue.removeJobScheduler(RETENTION_SCHEDULER_ID);
}
