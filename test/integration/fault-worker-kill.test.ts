/**
 * Nothing lost, nothing doubled, with a real worker process: SIGKILL in the middle of analysing 1,000 posts,
 * a restarted process takes the dead one's jobs over once its lock lapses (WORKER_LOCK_SECONDS=3 here, 60 in
 * production) and every post ends stored once and analysed once. Then SIGTERM while batches are in flight: the
 * process finishes its active jobs, leaves the waiting ones whole in the queue, and exits 0. (Each child start
 * costs a few seconds of module loading; on a loaded machine much more.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { startChild, type Child } from '../helpers/child-process.ts';
import { faultSource, onceCounts, storeFaultPosts } from '../helpers/fault-posts.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

vi.setConfig({ testTimeout: 180_000 });

const FIRST = 1_000;
const SECOND = 1_000;

describe('a worker process killed or stopped mid-batch', () => {
  let t: TestResources;
  let env: Record<string, string>;
  let sourceId: number;
  const children: Child[] = [];
  const version = shippedClassifier().version;
  const start = () => {
    const child = startChild(['worker'], env);
    children.push(child);
    return child;
  };
  const counts = () => onceCounts(t.resources.db, version);

  beforeAll(async () => {
    t = await openTestResources();
    env = {
      DATABASE_URL: t.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.prefix,
      AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
      WORKER_LOCK_SECONDS: '3',
      WORKER_CONCURRENCY: '2',
      OCR_LANGUAGES: 'off',
    };
    sourceId = await faultSource(t.resources.db);
  });

  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    await t?.cleanup();
  });

  it('SIGKILL mid-batch, restart: every post stored once and analysed once', async () => {
    const ids = await storeFaultPosts(t.resources.db, sourceId, FIRST);
    expect(ids).toHaveLength(FIRST);
    const first = start();
    await first.logged('child ready');
    await enqueueAnalysis(t.resources.queues.analyse, ids);
    await waitUntil(counts, (c) => c.analysed > 0, { timeoutMs: 60_000, intervalMs: 20 });
    first.process.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atKill = await counts();
    const jobs = await t.resources.queues.analyse.getJobCounts('active', 'waiting', 'completed');
    console.info(`killed with ${atKill.analysed}/${FIRST} analysed; jobs ${JSON.stringify(jobs)}`);
    // Mid-batch: the dead process still holds jobs (locked, not finished) and work is left.
    expect(jobs['active']).toBeGreaterThan(0);
    expect(atKill.analysed).toBeLessThan(FIRST);

    const second = start();
    const done = await waitUntil(counts, (c) => c.analysed === FIRST, { timeoutMs: 90_000, intervalMs: 200 });
    expect(done).toMatchObject({
      posts: FIRST,
      distinctKeys: FIRST,
      analysed: FIRST,
      classifications: FIRST,
      classifiedPosts: FIRST,
    });
    if (done.rolledUp !== null) expect(done.rolledUp).toBe(FIRST);
    await waitUntil(
      () => t.resources.queues.analyse.getJobCounts('active', 'waiting', 'failed'),
      (c) => c['active'] === 0 && c['waiting'] === 0,
    );
    expect(await t.resources.queues.analyse.getFailedCount()).toBe(0);
    expect(second.process.exitCode).toBeNull();
  });

  it('SIGTERM mid-batch: active jobs finish, waiting ones stay queued whole, exit 0', async () => {
    const [running] = children.slice(-1);
    const ids = await storeFaultPosts(t.resources.db, sourceId, SECOND, FIRST);
    await enqueueAnalysis(t.resources.queues.analyse, ids);
    await waitUntil(counts, (c) => c.analysed > FIRST, { timeoutMs: 60_000, intervalMs: 20 });
    running!.process.kill('SIGTERM');
    expect(await running!.exited).toBe(0);
    expect(running!.output()).toContain('"msg":"shutting down"');
    const queue = await t.resources.queues.analyse.getJobCounts('active', 'waiting', 'completed', 'failed');
    const atStop = await counts();
    console.info(`stopped with ${atStop.analysed - FIRST}/${SECOND} analysed; jobs ${JSON.stringify(queue)}`);
    // Nothing left half-done or locked by the stopped process; every batch is finished or waiting whole.
    expect(queue['active']).toBe(0);
    expect(queue['failed']).toBe(0);
    expect(atStop.analysed - FIRST).toBe(SECOND - queue['waiting']! * 200);
    expect(queue['waiting']).toBeGreaterThan(0);
    // What was analysed was analysed once; the rest waits for the next process.
    expect(atStop.classifications).toBe(atStop.analysed);
    if (atStop.rolledUp !== null) expect(atStop.rolledUp).toBe(atStop.analysed);
  });
});
