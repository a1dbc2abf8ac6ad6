/** The shared resources a process builds from config: db pool, producer Redis, queues, pseudonymiser. */
import { MetricsTime, type Queue } from 'bullmq';
import { ConfigError, type Config } from './config.ts';
import { describeError, fileErrorText } from './errors.ts';
import { createDb, type Db } from './db/client.ts';
import type { Logger } from './logger.ts';
import { createPseudonymiser, loadAuthorKey, type AuthorPseudonymiser } from './pseudonym.ts';
import { analysePostsQueue, type AnalysePostsPayload } from './queues/analyse-posts.ts';
import { collectSourceQueue, type CollectSourcePayload } from './queues/collect-source.ts';
import { readMediaTextQueue, type ReadMediaTextPayload } from './queues/read-media-text.ts';
import { createRedis, warnOncePerOutage, type Redis } from './redis.ts';

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

/**
 * `redis: 'eager'` (long-running processes) connects now and keeps reconnecting; `'lazy'` (command-line tools that
 * may not need Redis) connects, and opens the queues, only on first use. The author key is read first: a bad key
 * file stops here, before any connection is opened, with one line (ConfigError).
 */
export function openResources(
  config: Config,
  logger: Logger,
  options: { redis?: 'eager' | 'lazy' } = {},
): Resources {
  const pseudonymise = createPseudonymiser(authorKey(config));
  const lazy = options.redis === 'lazy';
  const db = createDb(config.db.url, { logger });
  const readDb = config.db.readUrl
    ? createDb(config.db.readUrl, { logger, applicationName: 'ryktesradar-read' })
    : db;
  // A command-line tool reports an unreachable Redis in its own one line (waitForRedis), not in log lines.
  const redis = createRedis(config.redis.url, 'producer', lazy ? undefined : logger, { lazyConnect: lazy });
  const opened = new Map<string, Queue>();
  const open = <T>(definition: { name: string; open(connection: Redis, prefix: string): Queue<T> }) => {
    const existing = opened.get(definition.name) as Queue<T> | undefined;
    if (existing) return existing;
    const queue = definition.open(redis, config.redis.prefix);
    warnOncePerOutage(queue, redis, (error) =>
      logger.warn({ queue: queue.name, err: error.message }, 'queue error'),
    );
    opened.set(definition.name, queue as Queue);
    return queue;
  };
  const queues: Resources['queues'] = {
    get collect() {
      return open(collectSourceQueue);
    },
    get analyse() {
      return open(analysePostsQueue);
    },
    get readMediaText() {
      return open(readMediaTextQueue);
    },
  };
  if (!lazy) {
    // Long-running processes open their producers at once, as they always have.
    open(collectSourceQueue);
    open(analysePostsQueue);
    open(readMediaTextQueue);
  }
  return {
    config,
    logger,
    db,
    readDb,
    redis,
    queues,
    pseudonymise,
    async close() {
      await Promise.all([...opened.values()].map((queue) => queue.close()));
      await db.destroy();
      if (readDb !== db) await readDb.destroy();
      redis.disconnect();
    },
  };
}

/** The author key (AUTHOR_HMAC_KEY, or the key file made on first start); ConfigError naming the file otherwise. */
function authorKey(config: Config): string {
  const { authorKey: key, authorKeyFile } = config.privacy;
  try {
    return loadAuthorKey(key, authorKeyFile);
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'EISDIR'
        ? 'is a directory, not a key file'
        : (fileErrorText(error) ?? describeError(error).replace(`author key file ${authorKeyFile} `, ''));
    throw new ConfigError(`AUTHOR_HMAC_KEY_FILE ${authorKeyFile}: ${why}`, { cause: error });
  }
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
