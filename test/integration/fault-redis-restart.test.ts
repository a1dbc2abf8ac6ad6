/**
 * Redis crashes and comes back, on a redis-server of the test's own with the shipped settings (AOF, fsync every
 * second): a real worker+collector process keeps running, reconnects by itself and goes on. Analysis batches that
 * were waiting when Redis was SIGKILLed are still there after the restart and every post ends analysed exactly
 * once; a source added afterwards is polled, stored and analysed by the same process. Then Redis loses everything:
 * restarted processes re-derive the work from Postgres (schedulers from the sources table, analysis of stored
 * posts without a result by the worker's sweep at start).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { scheduleSource } from '../../core/queues/collect-source.ts';
import { startChild, type Child } from '../helpers/child-process.ts';
import { faultSource, onceCounts, storeFaultPosts } from '../helpers/fault-posts.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

vi.setConfig({ testTimeout: 180_000 });

const POSTS = 1_200;
const FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Efter omstarten</title><link>https://example.org/</link>
${[1, 2, 3]
  .map(
    (i) => `<item><guid>after-${i}</guid><link>https://example.org/after/${i}</link>
<title>Inlägg ${i}</title><description>Socialtjänsten i Borås tar barn från familjer, inlägg nummer ${i} efter omstarten.</description>
<pubDate>${new Date(Date.now() - i * 3_600_000).toUTCString()}</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;

describe('Redis restarted under a running worker and collector', () => {
  let redis: OwnRedis;
  let t: TestResources;
  let child: Child;
  let childEnv: Record<string, string>;
  let feeds: FixtureServer;
  const version = shippedClassifier().version;
  const counts = () => onceCounts(t.resources.db, version);

  beforeAll(async () => {
    redis = await startOwnRedis(['--appendonly', 'yes', '--appendfsync', 'everysec']);
    t = await openTestResources({ REDIS_URL: redis.url });
    feeds = await startFixtureServer({
      '/after.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(FEED);
      },
    });
    childEnv = {
      DATABASE_URL: t.database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: t.prefix,
      AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
      FETCH_ALLOWLIST: '127.0.0.1/32',
      HOST_MIN_DELAY_MS: '0',
      WORKER_CONCURRENCY: '1',
      WORKER_LOCK_SECONDS: '3',
      OCR_LANGUAGES: 'off',
    };
    child = startChild(['worker', 'collector'], childEnv);
    await child.logged('child ready');
  });

  afterAll(async () => {
    if (child && child.process.exitCode === null) child.process.kill('SIGKILL');
    await feeds?.close();
    await t?.cleanup();
    await redis?.destroy();
  });

  it('waiting batches survive a crash (AOF everysec) and the worker goes on by itself', async () => {
    const sourceId = await faultSource(t.resources.db);
    const ids = await storeFaultPosts(t.resources.db, sourceId, POSTS);
    await enqueueAnalysis(t.resources.queues.analyse, ids);
    await waitUntil(counts, (c) => c.analysed > 0, { timeoutMs: 60_000, intervalMs: 20 });
    const before = await t.resources.queues.analyse.getJobCounts('waiting', 'active', 'completed');
    const total = before['waiting']! + before['active']! + before['completed']!;
    expect(before['waiting']).toBeGreaterThan(0);
    expect(total).toBe(Math.ceil(POSTS / 200));
    // everysec: what was written more than a second ago is on disk; then a crash, not a clean shutdown.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await redis.stop('SIGKILL');
    const down = await counts();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(child.process.exitCode).toBeNull();
    await redis.start();
    const after = await t.resources.queues.analyse.getJobCounts('waiting', 'active', 'completed', 'delayed');
    console.info(
      `before crash ${JSON.stringify(before)}; ${down.analysed}/${POSTS} analysed; after restart ${JSON.stringify(after)}`,
    );
    // Every batch is still known after the crash (kept, finished or not, by the AOF): none vanished.
    const jobs = Math.ceil(POSTS / 200);
    expect(after['waiting']! + after['active']! + after['delayed']! + after['completed']!).toBe(jobs);
    const done = await waitUntil(counts, (c) => c.analysed === POSTS, {
      timeoutMs: 120_000,
      intervalMs: 200,
    });
    expect(done).toMatchObject({ posts: POSTS, classifications: POSTS, classifiedPosts: POSTS });
    if (done.rolledUp !== null) expect(done.rolledUp).toBe(POSTS);
  });

  it('the collector reconnected too: a source added after the restart is polled, stored and analysed', async () => {
    const { source } = await upsertSource(t.resources.db, {
      kind: 'rss',
      name: 'Efter omstarten',
      url: `${feeds.url}/after.xml`,
      pollIntervalSeconds: 3_600,
    });
    await scheduleSource(t.resources.queues.collect, source.id, source.poll_interval_seconds);
    const done = await waitUntil(counts, (c) => c.posts === POSTS + 3 && c.analysed === POSTS + 3, {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    expect(done.classifications).toBe(POSTS + 3);
    expect(child.output()).toContain('redis connection error');
  });

  it('Redis loses everything: restarted processes re-derive schedules and analyses from Postgres', async () => {
    const sourceId = await faultSource(t.resources.db, 'Utan kö');
    await storeFaultPosts(t.resources.db, sourceId, 400, POSTS);
    // Stored a while ago, their analysis jobs lost with Redis's data (the sweep leaves posts younger than a minute).
    await sql`UPDATE posts SET collected_at = now() - interval '10 minutes' WHERE source_id = ${sourceId}`.execute(
      t.resources.db,
    );
    await redis.stop('SIGKILL');
    for (const entry of fs.readdirSync(redis.dir))
      fs.rmSync(path.join(redis.dir, entry), { recursive: true });
    await redis.start();
    expect(await t.resources.queues.collect.getJobSchedulersCount()).toBe(0);

    // (A SIGTERM right after Redis lost its data can hang in shutdown; compose's stop_grace_period ends in a
    // SIGKILL then, which loses nothing, as here.)
    child.process.kill('SIGKILL');
    await child.exited;
    child = startChild(['worker', 'collector'], childEnv);
    await child.logged('child ready');
    const done = await waitUntil(counts, (c) => c.analysed === POSTS + 3 + 400, {
      timeoutMs: 90_000,
      intervalMs: 200,
    });
    expect(done).toMatchObject({ posts: POSTS + 3 + 400, classifications: POSTS + 3 + 400 });
    expect(child.output()).toContain('"msg":"re-enqueued posts without a current result"');
    // Every active polled source has its job scheduler again.
    expect(await t.resources.queues.collect.getJobSchedulersCount()).toBe(3);
  });
});
