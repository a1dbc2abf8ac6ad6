/**
 * A reclassify run on real Postgres and Redis does not report done while posts stored right after activation
 * have only the old version's results: workers keep the old active version for their cache's TTL, so a post
 * collected then is analysed with the old model; the run waits out that TTL and analyses it with the new one.
 */
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedClassifier } from '../../classifier/model/load.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { activeModelVersion, saveModel } from '../../core/db/classifier-models.ts';
import { createRun, getRun } from '../../core/db/reclassify-runs.ts';
import { reclassifyQueue } from '../../core/queues/reclassify.ts';
import { createRedis } from '../../core/redis.ts';
import { analyseAndStore } from '../../workers/analyse-batch.ts';
import { createClassifierSource } from '../../workers/classifier-source.ts';
import { createReclassifyProcessor } from '../../workers/reclassify.processor.ts';
import { faultSource, onceCounts, storeFaultPosts } from '../helpers/fault-posts.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const NEW_VERSION = 'catch-up-test-model';
/** Long enough for the test to store and analyse a post between activation and the end of the wait. */
const TTL_MS = 2_000;

describe('reclassify run after activation', () => {
  const shipped = shippedClassifier();
  let t: TestResources;
  let sourceId: number;
  let walked: number[];

  beforeAll(async () => {
    t = await openTestResources();
    sourceId = await faultSource(t.resources.db);
    walked = await storeFaultPosts(t.resources.db, sourceId, 12);
    await analyseAndStore(t.resources.db, shipped, walked);
    // The retrained model: the shipped one under another version (training takes minutes; this test is about
    // which version each post has a result of, not what it says).
    await saveModel(t.resources.db, {
      version: NEW_VERSION,
      kind: 'test',
      taxonomyVersion: 'test',
      trainedOn: {},
      metrics: {},
      model: {},
    });
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('gives posts stored with the old version before the workers saw the new one a result of the new one', async () => {
    const { db } = t.resources;
    const load = (): LoadedClassifier => ({
      version: NEW_VERSION,
      classify: (text, language) => shipped.classify(text, language),
      featureMismatch: null,
    });
    const classifiers = createClassifierSource(db, shipped, load, { ttlMs: TTL_MS });
    const connection = createRedis(TEST_REDIS_URL, 'worker');
    const worker = new Worker(
      reclassifyQueue.name,
      createReclassifyProcessor({ db, classifiers, logger: t.resources.logger, batchSize: 5 }),
      { connection, prefix: t.prefix },
    );
    const queue = reclassifyQueue.open(t.resources.redis, t.prefix);
    try {
      const run = await createRun(db, NEW_VERSION);
      await queue.add(
        'reclassify',
        { runId: run.id, modelVersion: NEW_VERSION },
        { jobId: `reclassify-${run.id}` },
      );

      // The walk is over and the model active; a worker whose cache still holds the shipped version stores and
      // analyses a post (an import of 400 posts did this 1.5 s after activation).
      await waitUntil(
        () => activeModelVersion(db),
        (version) => version === NEW_VERSION,
        { intervalMs: 10 },
      );
      const late = await storeFaultPosts(db, sourceId, 1, walked.length);
      await analyseAndStore(db, shipped, late);
      expect((await getRun(db, run.id))?.status).toBe('running');

      const finished = await waitUntil(
        () => getRun(db, run.id),
        (r) => r?.status === 'done' || r?.status === 'failed',
        { timeoutMs: 30_000 },
      );
      expect(finished).toMatchObject({ status: 'done', done: walked.length + 1, total: walked.length + 1 });
      const versions = await db
        .selectFrom('post_classifications')
        .select('model_version')
        .where('post_id', '=', late[0]!)
        .orderBy('model_version')
        .execute();
      expect(versions.map((row) => row.model_version).sort()).toEqual([NEW_VERSION, shipped.version].sort());
      // Every post counts in the new version's trends.
      expect(await onceCounts(db, NEW_VERSION)).toMatchObject({
        posts: walked.length + 1,
        classifiedPosts: walked.length + 1,
        rolledUp: walked.length + 1,
      });
    } finally {
      await worker.close();
      await queue.close();
      connection.disconnect();
    }
  }, 60_000);
});
