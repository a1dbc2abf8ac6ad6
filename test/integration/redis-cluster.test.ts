/**
 * BullMQ on a Redis Cluster: three redis-server nodes of the test's own (cluster mode, no replicas) on free
 * loopback ports, joined with `redis-cli --cluster create`; config from REDIS_CLUSTER_NODES and a hash-tagged
 * QUEUE_PREFIX; the real analyse-posts queue and processor move one stored post from waiting to analysed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { createRedis, type Redis } from '../../core/redis.ts';
import { openResources, workerOptions, type Resources } from '../../core/resources.ts';
import { createAnalysePostsProcessor } from '../../workers/analyse-posts.processor.ts';
import { createClassifierSource } from '../../workers/classifier-source.ts';
import { loadClassifier } from '../../classifier/model/load.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { faultSource, onceCounts, storeFaultPosts } from '../helpers/fault-posts.ts';
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const run = promisify(execFile);

describe('BullMQ on a three-node Redis Cluster', () => {
  const nodes: OwnRedis[] = [];
  let database: TestDatabase;
  let resources: Resources;
  let connection: Redis;
  let worker: Worker | undefined;
  const env = (extra: Record<string, string>) => ({
    DATABASE_URL: database.url,
    AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
    LOG_LEVEL: 'silent',
    ...extra,
  });

  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) {
      nodes.push(
        await startOwnRedis([
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--appendonly',
          'no',
        ]),
      );
    }
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes.map((node) => `127.0.0.1:${node.port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitUntil(
      async () =>
        Promise.all(
          nodes.map(
            async (node) => (await run('redis-cli', ['-p', String(node.port), 'cluster', 'info'])).stdout,
          ),
        ),
      (infos) => infos.every((info) => info.includes('cluster_state:ok')),
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    database = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    connection?.disconnect();
    await resources?.close();
    await database?.drop();
    for (const node of nodes) await node.destroy();
  });

  it('refuses a prefix without a hash tag when cluster nodes are given', () => {
    expect(() =>
      loadConfig(env({ REDIS_CLUSTER_NODES: '127.0.0.1:7000', QUEUE_PREFIX: 'ryktesradar' })),
    ).toThrow(/QUEUE_PREFIX: with REDIS_CLUSTER_NODES it must start with a hash tag/);
  });

  it('one job through the real queue and processor, over ioredis Cluster connections', async () => {
    const config = loadConfig(
      env({
        REDIS_CLUSTER_NODES: nodes.map((node) => `127.0.0.1:${node.port}`).join(','),
        QUEUE_PREFIX: '{rrtest}',
      }),
    );
    expect(config.redis.url).toMatch(
      /^redis-cluster:\/\/127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$/,
    );
    resources = openResources(config, createLogger('silent'));
    connection = createRedis(config.redis.url, 'worker');
    expect(connection).toBeInstanceOf(Cluster);
    const classifiers = createClassifierSource(resources.db, shippedClassifier(), loadClassifier);
    worker = new Worker(
      'analyse-posts',
      createAnalysePostsProcessor({ db: resources.db, classifiers, logger: resources.logger }),
      { connection, prefix: config.redis.prefix, ...workerOptions(config) },
    );
    const ids = await storeFaultPosts(resources.db, await faultSource(resources.db), 1);
    await enqueueAnalysis(resources.queues.analyse, ids);
    const done = await waitUntil(
      () => onceCounts(resources.db, shippedClassifier().version),
      (c) => c.analysed === 1,
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(done.classifications).toBe(1);
    expect(await resources.queues.analyse.getJobCounts('completed', 'failed')).toEqual({
      completed: 1,
      failed: 0,
    });
  });
});
