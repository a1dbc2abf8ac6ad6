/**
 * Redis memory per waiting `analyse-posts` job: K full jobs (ANALYSE_BATCH_SIZE ids each) added through the real
 * queue definition and `enqueueAnalysis`, with no worker, measured two ways: the INFO `used_memory` delta / K
 * (everything a job costs: its hash, its place in the wait list, its event; noisy on a shared Redis, so the
 * median of several rounds) and `MEMORY USAGE` of sampled job hashes (the job itself, exact).
 */
import type { Redis } from 'ioredis';
import { analysePostsQueue, ANALYSE_BATCH_SIZE, enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { infoField, median } from './stats.ts';

export interface RedisMemory {
  jobs: number;
  idsPerJob: number;
  /** Median over rounds of (used_memory after − before) / jobs, bytes. */
  perJobInfo: number;
  rounds: number[];
  /** Mean MEMORY USAGE of sampled job hashes, bytes. */
  perJobHash: number;
}

async function usedMemory(redis: Redis): Promise<number> {
  return infoField(await redis.info('memory'), 'used_memory') ?? Number.NaN;
}

/** Deletes every key under `prefix:` (only the bench's own prefix is ever passed). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

export async function measureRedisMemory(
  redis: Redis,
  prefix: string,
  options: { jobs: number; rounds: number; firstId: number },
): Promise<RedisMemory> {
  const queue = analysePostsQueue.open(redis, prefix);
  const rounds: number[] = [];
  let perJobHash = Number.NaN;
  try {
    for (let round = 0; round < options.rounds; round++) {
      // Ids like a busy database's: large, consecutive within a batch; new ids each round (job ids differ).
      const first = options.firstId + round * options.jobs * ANALYSE_BATCH_SIZE;
      const ids = Array.from({ length: options.jobs * ANALYSE_BATCH_SIZE }, (_, i) => first + i);
      await deletePrefix(redis, prefix);
      const before = await usedMemory(redis);
      await enqueueAnalysis(queue, ids);
      const after = await usedMemory(redis);
      rounds.push((after - before) / options.jobs);
      if (round === 0) {
        const waiting = await queue.getWaiting(0, 49);
        const sizes = await Promise.all(
          waiting.map((job) => redis.memory('USAGE', `${prefix}:${analysePostsQueue.name}:${job.id}`)),
        );
        const known = sizes.filter((size): size is number => typeof size === 'number');
        perJobHash = known.reduce((sum, size) => sum + size, 0) / known.length;
      }
    }
  } finally {
    await queue.close();
    await deletePrefix(redis, prefix);
  }
  return {
    jobs: options.jobs,
    idsPerJob: ANALYSE_BATCH_SIZE,
    perJobInfo: median(rounds),
    rounds,
    perJobHash,
  };
}
