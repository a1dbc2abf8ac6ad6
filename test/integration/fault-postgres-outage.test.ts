/**
 * Postgres unavailable under a running worker process: the worker reaches Postgres through a TCP proxy of the
 * test's own, which resets every connection for 15 s mid-run: the batch throws, BullMQ retries it with
 * exponential backoff (8 attempts over at least two minutes), and the pool reconnects once the proxy is back. Nothing
 * is lost: every post ends analysed once, no job is dead-lettered, and the process stays up.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { startChild, type Child } from '../helpers/child-process.ts';
import { faultSource, onceCounts, storeFaultPosts } from '../helpers/fault-posts.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { waitUntil } from '../helpers/wait-until.ts';

vi.setConfig({ testTimeout: 180_000 });

const POSTS = 1_200;
const OUTAGE_MS = 15_000;

describe('Postgres unavailable for a while', () => {
  let t: TestResources;
  let proxy: TcpProxy;
  let child: Child;
  const version = shippedClassifier().version;
  const counts = () => onceCounts(t.resources.db, version);

  beforeAll(async () => {
    t = await openTestResources();
    const target = new URL(t.database.url);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    const viaProxy = new URL(t.database.url);
    viaProxy.port = String(proxy.port);
    child = startChild(['worker'], {
      DATABASE_URL: viaProxy.toString(),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.prefix,
      AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
      WORKER_CONCURRENCY: '1',
      OCR_LANGUAGES: 'off',
    });
    await child.logged('child ready');
  });

  afterAll(async () => {
    if (child && child.process.exitCode === null) child.process.kill('SIGKILL');
    await proxy?.close();
    await t?.cleanup();
  });

  it('batches fail during the outage, are retried with backoff, and every post is analysed once', async () => {
    const sourceId = await faultSource(t.resources.db);
    const ids = await storeFaultPosts(t.resources.db, sourceId, POSTS);
    await enqueueAnalysis(t.resources.queues.analyse, ids);
    await waitUntil(counts, (c) => c.analysed > 0, { timeoutMs: 60_000, intervalMs: 20 });
    proxy.cut();
    const atCut = await counts();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const duringOutage = await counts();
    proxy.restore();
    console.info(`cut at ${atCut.analysed}/${POSTS}; ${duringOutage.analysed} after ${OUTAGE_MS} ms down`);
    // Nothing got through while Postgres was away.
    expect(duringOutage.analysed).toBe(atCut.analysed);
    expect(atCut.analysed).toBeLessThan(POSTS);

    const done = await waitUntil(counts, (c) => c.analysed === POSTS, {
      timeoutMs: 120_000,
      intervalMs: 200,
    });
    expect(done).toMatchObject({ posts: POSTS, classifications: POSTS, classifiedPosts: POSTS });
    if (done.rolledUp !== null) expect(done.rolledUp).toBe(POSTS);
    expect(await t.resources.queues.analyse.getFailedCount()).toBe(0);
    // The outage was seen and waited out: some batch needed more than one attempt.
    const completed = await t.resources.queues.analyse.getCompleted(0, -1);
    expect(Math.max(...completed.map((job) => job.attemptsMade))).toBeGreaterThan(1);
    expect(child.output()).toContain('"msg":"job failed"');
    // A connection reset while a transaction held it once crashed the process (no listener on the client).
    expect(child.process.exitCode).toBeNull();
  });
});
