/** The shared resources a process builds from config: db pool, producer Redis, queues, pseudonymiser. */
import { MetricsTime, type Queue } from 'bullmq';
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
  /** The read replica's pool (DATABASE_READ_URL) for read-only dashboard queries; the primary's when unset. */
  readDb: Db;
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
  const readDb = config.db.readUrl
    ? createDb(config.db.readUrl, { logger, applicationName: 'ryktesradar-read' })
    : db;
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
    readDb,
    redis,
    queues,
    pseudonymise,
    async close() {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      await db.destroy();
      if (readDb !== db) await readDb.destroy();
      redis.disconnect();
    },
  };
}

/** Builds a BullMQ worker option set that every process of one queue shares (lock timings must match). */
export const WORKER_TIMINGS = { lockDuration: 60_000, stalledInterval: 30_000, maxStalledCount: 2 } as const;

/**
 * What every BullMQ worker of this system is given: the lock timings from WORKER_LOCK_SECONDS (default: those of
 * WORKER_TIMINGS; give every process the same value: a killed worker's jobs go back to waiting once its lock has
 * lapsed, checked every half lock), and per-minute completed/failed counts kept in Redis for a week, which
 * /metrics reads.
 */
export function workerOptions(config: Config): {
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
  metrics: { maxDataPoints: number };
} {
  return {
    lockDuration: config.worker.lockMs,
    stalledInterval: Math.ceil(config.worker.lockMs / 2),
    maxStalledCount: WORKER_TIMINGS.maxStalledCount,
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
  };
}

/** The same options under their first name (kept for workers written against it). */
export const workerTimings = workerOptions;
