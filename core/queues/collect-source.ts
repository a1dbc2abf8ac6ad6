/** Queue `collect-source`: poll one source. Driven by one BullMQ job scheduler per active source. */
import { z } from 'zod';
import type { Queue } from 'bullmq';
import { defineQueue, STANDARD_JOB_OPTIONS } from './define-queue.ts';

export const collectSourceQueue = defineQueue({
  name: 'collect-source',
  schema: z.object({ sourceId: z.number().int().positive() }),
  // A poll that fails is retried a little, then the next scheduled poll takes over.
  defaultJobOptions: { ...STANDARD_JOB_OPTIONS, attempts: 3 },
});
export type CollectSourcePayload = z.infer<typeof collectSourceQueue.schema>;

export const schedulerIdFor = (sourceId: number): string => `source:${sourceId}`;

/** Polls the source at once, then every `intervalSeconds`. Calling it again updates the interval. */
export async function scheduleSource(
  queue: Queue<CollectSourcePayload>,
  sourceId: number,
  intervalSeconds: number,
): Promise<void> {
  await queue.upsertJobScheduler(
    schedulerIdFor(sourceId),
    { every: intervalSeconds * 1_000 },
    { name: 'collect', data: { sourceId } },
  );
}

export async function unscheduleSource(queue: Queue<CollectSourcePayload>, sourceId: number): Promise<void> {
  await queue.removeJobScheduler(schedulerIdFor(sourceId));
}
