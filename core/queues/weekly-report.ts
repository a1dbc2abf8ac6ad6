/**
 * Queue `weekly-report`: the weekly situation report (lägesbild). A job scheduler fires a `tick` (Mondays 07:00
 * Swedish time by default); the tick adds one `send` job per ISO week under a deterministic id, so repeated ticks
 * of one week collapse; `report_runs` in Postgres is the final guard against a second email.
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { defineQueue, STANDARD_JOB_OPTIONS } from './define-queue.ts';

export const weeklyReportQueue = defineQueue({
  name: 'weekly-report',
  schema: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('tick') }),
    z.object({ kind: z.literal('send'), week: z.string().regex(/^\d{4}-W\d{2}$/) }),
  ]),
  // A mail server down for a while is waited out (about an hour over 8 tries); finished runs stay a month so that
  // the week's job id keeps refusing duplicates.
  defaultJobOptions: {
    ...STANDARD_JOB_OPTIONS,
    attempts: 8,
    backoff: { type: 'exponential', delay: 30_000, jitter: 0.3 },
    removeOnComplete: { age: 31 * 24 * 3_600 },
    removeOnFail: { age: 31 * 24 * 3_600 },
  },
});
export type WeeklyReportPayload = z.infer<typeof weeklyReportQueue.schema>;

export const WEEKLY_SCHEDULER_ID = 'weekly-report';
/** The analysts' zone: "Monday 07:00" means Swedish time, summer and winter. */
export const SCHEDULE_TIME_ZONE = 'Europe/Stockholm';
/** BullMQ refuses `:` in custom ids. */
export const sendJobId = (week: string): string => `weekly-report-${week}`;

export async function scheduleWeeklyReport(
  queue: Queue<WeeklyReportPayload>,
  pattern: string,
): Promise<void> {
  await queue.upsertJobScheduler(
    WEEKLY_SCHEDULER_ID,
    { pattern, tz: SCHEDULE_TIME_ZONE },
    { name: 'tick', data: { kind: 'tick' } },
  );
}

export async function unscheduleWeeklyReport(queue: Queue<WeeklyReportPayload>): Promise<void> {
  await queue.removeJobScheduler(WEEKLY_SCHEDULER_ID);
}

export async function enqueueWeeklySend(queue: Queue<WeeklyReportPayload>, week: string): Promise<void> {
  await queue.add('send', { kind: 'send', week }, { jobId: sendJobId(week) });
}
