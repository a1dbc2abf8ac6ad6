/**
 * enqueueAnalysis on real Redis: a repeated enqueue of a pending batch is one job, and a batch whose job already
 * completed (posts of a database that was dropped and recreated, so ids start again at 1) is queued again instead
 * of being swallowed by the completed job BullMQ keeps for an hour.
 */
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysePostsQueue, enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { createRedis } from '../../core/redis.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';
import { waitUntil } from '../helpers/wait-until.ts';

describe('enqueueAnalysis', () => {
  const prefix = uniquePrefix();
  const connection = createRedis(TEST_REDIS_URL, 'producer');
  const queue = analysePostsQueue.open(connection, prefix);

  beforeAll(async () => {
    await queue.waitUntilReady();
  });

  afterAll(async () => {
    await queue.close();
    connection.disconnect();
    await deletePrefix(prefix);
  });

  it('deduplicates a pending batch and queues a completed one again', async () => {
    const ids = [1, 2, 3];
    expect(await enqueueAnalysis(queue, ids)).toBe(1);
    expect(await enqueueAnalysis(queue, ids)).toBe(1);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

    const workerConnection = createRedis(TEST_REDIS_URL, 'worker');
    const worker = new Worker(analysePostsQueue.name, async () => 'analysed', {
      connection: workerConnection,
      prefix,
    });
    try {
      await waitUntil(
        () => queue.getJobCounts('waiting', 'active', 'completed'),
        (counts) => counts['completed'] === 1 && counts['waiting'] === 0 && counts['active'] === 0,
      );
    } finally {
      await worker.close();
      workerConnection.disconnect();
    }

    // The same ids again, as after the database was recreated: a new waiting job, not the kept completed one.
    expect(await enqueueAnalysis(queue, ids)).toBe(1);
    expect(await queue.getJobCounts('waiting', 'completed')).toEqual({ waiting: 1, completed: 0 });
    const [job] = await queue.getWaiting();
    expect(job?.data.postIds).toEqual(ids);
  });
});
