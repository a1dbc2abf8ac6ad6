/**
 * Queue `deliver-alert`: one job per alert delivery (a webhook URL or an email address), by the delivery's id.
 * The job id is derived from that id, so enqueueing it again (after a crash, by the sweep) adds nothing while the
 * job is kept; `alert_deliveries` in Postgres is what sends it at most once.
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { defineQueue, retryFailedJobs, STANDARD_JOB_OPTIONS } from './define-queue.ts';

export const deliverAlertQueue = defineQueue({
  name: 'deliver-alert',
  schema: z.object({ deliveryId: z.number().int().positive() }),
  // A receiver down for a while is waited out (8 tries over about 4 minutes); a refusal is not retried.
  defaultJobOptions: {
    ...STANDARD_JOB_OPTIONS,
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  },
});
export type DeliverAlertPayload = z.infer<typeof deliverAlertQueue.schema>;

export const deliveryJobId = (deliveryId: number): string => `deliver-${deliveryId}`;

export async function enqueueDeliveries(
  queue: Queue<DeliverAlertPayload>,
  deliveryIds: readonly number[],
): Promise<void> {
  if (deliveryIds.length === 0) return;
  // The sweep re-enqueues a delivery still pending or left `sending` past its lease; a job of it that ended in
  // the failed set (a worker that crashed past the stall limit) is retried (the row, not the job, counts the
  // tries and ends the delivery).
  await retryFailedJobs(queue, deliveryIds.map(deliveryJobId));
  await queue.addBulk(
    deliveryIds.map((deliveryId) => ({
      name: 'deliver',
      data: { deliveryId },
      opts: { jobId: deliveryJobId(deliveryId) },
    })),
  );
}
