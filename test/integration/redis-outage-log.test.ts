/**
 * A Redis outage is one warning per queue or worker, not one per reconnect attempt: a Queue on a redis-server of
 * the test's own, stopped twice, reports each outage once; errors while connected would all be passed on.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRedis, warnOncePerOutage, type Redis } from '../../core/redis.ts';
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis.ts';
import { waitUntil } from '../helpers/wait-until.ts';

let own: OwnRedis;
let connection: Redis;
let queue: Queue;
const warnings: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  own = await startOwnRedis();
  connection = createRedis(own.url, 'producer');
  queue = new Queue('outage-log', { connection, prefix: 'outage-test' });
  queue.on('error', (error) => errors.push(error.message));
  warnOncePerOutage(queue, connection, (error) => warnings.push(error.message));
  await queue.waitUntilReady();
}, 30_000);

afterAll(async () => {
  await queue?.close().catch(() => undefined);
  connection?.disconnect();
  await own?.destroy();
});

it('warns once per outage while the client keeps retrying', async () => {
  for (const outage of [1, 2]) {
    await own.stop('SIGKILL');
    // Several reconnect attempts, each an error event on the queue.
    await waitUntil(
      async () => errors.length,
      (n) => n >= 3 * outage,
      { timeoutMs: 20_000 },
    );
    expect(warnings).toHaveLength(outage);
    await own.start();
    await waitUntil(
      async () => connection.status,
      (status) => status === 'ready',
      { timeoutMs: 20_000 },
    );
  }
  expect(errors.length).toBeGreaterThan(warnings.length);
}, 90_000);
