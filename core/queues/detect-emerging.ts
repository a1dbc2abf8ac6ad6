/**
 * Queue `detect-emerging`: the emerging-rumour detection run (spikes and copy-paste waves). A job scheduler fires
 * a `tick` every few minutes; a tick may carry the event time to judge (tests, replays), else "now".
 * Events are keyed in Postgres (one ongoing row per key), so a repeated or concurrent run updates, never doubles.
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { defineQueue, STANDARD_JOB_OPTIONS } from './define-queue.ts';

export const detectEmergingQueue = defineQueue({
  name: 'detect-emerging',
  schema: z.object({ at: z.iso.datetime().optional() }),
  // A run that fails is superseded by the next tick: few retries, short memory.
  defaultJobOptions: { ...STANDARD_JOB_OPTIONS, attempts: 3 },
});
export type DetectEmergingPayload = z.infer<typeof detectEmergingQueue.schema>;

export const DETECT_SCHEDULER_ID = 'detect-emerging';
/** Every 10 minutes by default: the replay measures delays at this step. */
export const DETECT_EVERY_MS = 10 * 60_000;

export async function scheduleDetection(
  queue: Queue<DetectEmergingPayload>,
  everyMs = DETECT_EVERY_MS,
): Promise<void> {
  await queue.upsertJobScheduler(DETECT_SCHEDULER_ID, { every: everyMs }, { name: 'tick', data: {} });
}
