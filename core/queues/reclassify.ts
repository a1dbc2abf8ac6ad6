/** Queue `reclassify`: move every stored post to a new model version, then make that version active. */
import { z } from 'zod';
import { defineQueue, STANDARD_JOB_OPTIONS } from './define-queue.ts';

export const reclassifyQueue = defineQueue({
  name: 'reclassify',
  schema: z.object({ runId: z.number().int().positive(), modelVersion: z.string().min(1).max(200) }),
  // A run is long and idempotent: a retry starts it over; failures stay visible for a month.
  defaultJobOptions: { ...STANDARD_JOB_OPTIONS, attempts: 3, removeOnFail: { age: 30 * 24 * 3_600 } },
});
export type ReclassifyPayload = z.infer<typeof reclassifyQueue.schema>;
