/** The shared resources a process builds from config: db pool, producer Redis, queues, pseudonymiser. */
import type { Queue } from 'bullmq';
import type { Config } from './config.ts';
import { createDb, type Db } from './db/client.ts';
import type { Logger } from './logger.ts';
import { createPseudonymiser, loadAuthorKey, type AuthorPseudonymiser } from './pseudonym.ts';
import { analysePostsQueue, type AnalysePostsPayload } from './queues/analyse-posts.ts';
import { collectSourceQueue, type CollectSourcePayload } from './queues/collect-source.ts';
import { readMediaTextQueue, type ReadMediaTextPayload } from './queues/read-media-text.ts';
import { createRedis, type Redis } from './redis.ts';

export interface Resources {
  config: Config;
  logger: Logger;
  db: Db;
  redis: Redis;
  queues: {
    collect: Queue<CollectSourcePayload>;
    analyse: Queue<AnalysePostsPayload>;
    readMediaText: Queue<ReadMediaTextPayload>;
  };
  pseudonymise: AuthorPseudonymiser;
  /** Closes queues, then the pool, then Redis. */
  close(): Promise<void>;
}

export function openResources(config: Config, logger: Logger): Resources {
  const db = createDb(config.db.url, { logger });
  const redis = createRedis(config.redis.url, 'producer', logger);
  const queues = {
    collect: collectSourceQueue.open(redis, config.redis.prefix),
    analyse: analysePostsQueue.open(redis, config.redis.prefix),
    readMediaText: readMediaTextQueue.open(redis, config.redis.prefix),
  };
  for (const queue of Object.values(queues)) {
    queue.on('error', (error: Error) =>
      logger.warn({ queue: queue.name, err: error.message }, 'queue error'),
    );
  }
  const pseudonymise = createPseudonymiser(
    loadAuthorKey(config.privacy.authorKey, config.privacy.authorKeyFile),
  );
  return {
    config,
    logger,
    db,
    redis,
    queues,
    pseudonymise,
    async close() {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      await db.destroy();
      redis.disconnect();
    },
  };
}

/** Builds a BullMQ worker option set that every process of one queue shares (lock timings must match). */
export const WORKER_TIMINGS = { lockDuration: 60_000, stalledInterval: 30_000, maxStalledCount: 2 } as const;
