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

/**
 * Polls the source at once, then every `intervalSeconds`; calling it again updates the interval. With
 * `delayFirst` (adaptive polling from inside a poll) the next poll is one interval away instead of immediate.
 */
export async function scheduleSource(
  queue: Queue<CollectSourcePayload>,
  sourceId: number,
  intervalSeconds: number,
  options: { delayFirst?: boolean } = {},
): Promise<void> {
  const every = intervalSeconds * 1_000;
  await queue.upsertJobScheduler(
    schedulerIdFor(sourceId),
    options.delayFirst ? { every, startDate: Date.now() + every } : { every },
    { name: 'collect', data: { sourceId } },
  );
}

export async function unscheduleSource(queue: Queue<CollectSourcePayload>, sourceId: number): Promise<void> {
  await queue.removeJobScheduler(schedulerIdFor(sourceId));
}
