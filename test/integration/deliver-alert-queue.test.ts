/**
 * The alert sweep's re-enqueue on a real Redis: a delivery whose job ended in the failed set (a worker that
 * crashed past the stall limit) is revived with fresh attempts, where adding it again was swallowed by the job id.
 */
import { Worker } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverAlertQueue, deliveryJobId, enqueueDeliveries } from '../../core/queues/deliver-alert.ts';
import { createRedis, type Redis } from '../../core/redis.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

let t: TestResources;
let connection: Redis;
beforeAll(async () => {
  t = await openTestResources();
  connection = createRedis(TEST_REDIS_URL, 'worker');
});
afterAll(async () => {
  connection?.disconnect();
  await t?.cleanup();
});

it('revives a delivery whose job is in the failed set, and adds nothing while one is waiting', async () => {
  const queue = deliverAlertQueue.open(t.resources.redis, t.prefix);
  await queue.add('deliver', { deliveryId: 7 }, { jobId: deliveryJobId(7), attempts: 1 });
  const worker = new Worker(
    deliverAlertQueue.name,
    async () => {
      throw new Error('worker gone');
    },
    { connection, prefix: t.prefix },
  );
  const job = await waitUntil(
    () => queue.getJob(deliveryJobId(7)),
    (j) => j?.failedReason === 'worker gone',
  );
  await worker.close();
  expect(await job?.getState()).toBe('failed');

  await enqueueDeliveries(queue, [7]);
  expect(await queue.getJobState(deliveryJobId(7))).toBe('waiting');
  expect((await queue.getJob(deliveryJobId(7)))?.attemptsMade).toBe(0);
  await enqueueDeliveries(queue, [7]);
  expect(await queue.getJobCounts('waiting', 'failed')).toEqual({ waiting: 1, failed: 0 });
  await queue.close();
});
