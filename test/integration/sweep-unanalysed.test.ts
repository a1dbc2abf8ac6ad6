/**
 * The worker's sweep on real Postgres and Redis, with no worker consuming unless a test starts one: posts waiting,
 * delayed or active in an analysis job are not enqueued again (a backlog used to grow by a duplicate of itself
 * every sweep), while posts with no job, or whose job failed for good, are.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadClassifier } from '../../classifier/model/load.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { analysePostsQueue, enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { createRedis } from '../../core/redis.ts';
import { createClassifierSource, type ClassifierSource } from '../../workers/classifier-source.ts';
import { sweepUnanalysed } from '../../workers/main.ts';
import { faultSource, storeFaultPosts } from '../helpers/fault-posts.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

describe('sweepUnanalysed', () => {
  let t: TestResources;
  let classifiers: ClassifierSource;
  let sourceId: number;
  let stored = 0;

  beforeAll(async () => {
    t = await openTestResources();
    classifiers = createClassifierSource(t.resources.db, shippedClassifier(), loadClassifier);
    sourceId = await faultSource(t.resources.db);
  });

  beforeEach(async () => {
    await sql`TRUNCATE posts CASCADE`.execute(t.resources.db);
    await t.resources.queues.analyse.obliterate({ force: true });
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  /** `count` stored posts, collected long enough ago for the sweep to consider them. */
  const oldPosts = async (count: number): Promise<number[]> => {
    const ids = await storeFaultPosts(t.resources.db, sourceId, count, stored);
    stored += count;
    await t.resources.db
      .updateTable('posts')
      .set({ collected_at: new Date(Date.now() - 10 * 60_000) })
      .where('id', 'in', ids)
      .execute();
    return ids;
  };

  const queuedBatches = async (state: 'waiting' | 'delayed') => {
    const jobs = await t.resources.queues.analyse.getJobs([state]);
    return jobs.map((job) => [...job.data.postIds].sort((a, b) => a - b));
  };

  /** A worker on the test's queue running `process` for every job. */
  const startWorker = (process: () => Promise<string>) => {
    const connection = createRedis(TEST_REDIS_URL, 'worker');
    const worker = new Worker(analysePostsQueue.name, process, { connection, prefix: t.prefix });
    return {
      worker,
      async close() {
        await worker.close();
        connection.disconnect();
      },
    };
  };

  it('leaves posts of waiting and delayed jobs alone and enqueues only posts without a job', async () => {
    // The review's restart: an older job holds posts 1–3 and 5–14 and is still queued; post 4 lost its job.
    const ids = await oldPosts(16);
    const waiting = [...ids.slice(0, 3), ...ids.slice(4, 14)];
    const delayed = ids.slice(14);
    await enqueueAnalysis(t.resources.queues.analyse, waiting);
    await t.resources.queues.analyse.add('analyse', { postIds: delayed }, { delay: 60_000 });

    expect(await sweepUnanalysed(t.resources, classifiers)).toBe(1);
    expect(await queuedBatches('waiting')).toEqual(expect.arrayContaining([waiting, [ids[3]]]));
    expect(await queuedBatches('waiting')).toHaveLength(2);
    expect(await queuedBatches('delayed')).toEqual([delayed]);

    // Every post is now in a job: the next sweep adds nothing.
    expect(await sweepUnanalysed(t.resources, classifiers)).toBe(0);
    expect(await t.resources.queues.analyse.getJobCounts('waiting', 'delayed')).toEqual({
      waiting: 2,
      delayed: 1,
    });
  });

  it('leaves posts of an active job alone', async () => {
    const ids = await oldPosts(5);
    await enqueueAnalysis(t.resources.queues.analyse, ids);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = startWorker(async () => {
      await gate;
      return 'held';
    });
    try {
      await waitUntil(
        () => t.resources.queues.analyse.getJobCounts('active'),
        (counts) => counts['active'] === 1,
      );
      expect(await sweepUnanalysed(t.resources, classifiers)).toBe(0);
      expect(await t.resources.queues.analyse.getJobCounts('waiting')).toEqual({ waiting: 0 });
    } finally {
      release();
      await running.close();
    }
  });

  it('enqueues again the posts of a job that failed for good, even when the batch is the same', async () => {
    const ids = await oldPosts(3);
    await enqueueAnalysis(t.resources.queues.analyse, ids);
    const failing = startWorker(async () => {
      throw new UnrecoverableError('poisoned for the test');
    });
    try {
      await waitUntil(
        () => t.resources.queues.analyse.getJobCounts('failed'),
        (counts) => counts['failed'] === 1,
      );
    } finally {
      await failing.close();
    }

    expect(await sweepUnanalysed(t.resources, classifiers)).toBe(3);
    expect(await t.resources.queues.analyse.getJobCounts('waiting', 'failed')).toEqual({
      waiting: 1,
      failed: 0,
    });
    expect(await queuedBatches('waiting')).toEqual([ids]);
    const [job] = await t.resources.queues.analyse.getWaiting();
    expect(job?.attemptsMade).toBe(0);
  });
});
