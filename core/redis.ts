/**
 * Redis connections for BullMQ and the app's own keys. Workers wait forever for Redis to return; producers fail
 * fast: their commands give up after a few reconnects, and a command-line producer first waits for Redis a bounded
 * time (`waitForRedis`). A `redis-cluster://host:port,host:port` address (what config builds from
 * REDIS_CLUSTER_NODES) gives an ioredis Cluster; every key then starts with the hash-tagged QUEUE_PREFIX, so each
 * queue's keys share a slot.
 */
import { Cluster, Redis as SingleRedis } from 'ioredis';
import { TransientError } from './errors.ts';
import { redactUrl } from './redact-url.ts';
import type { Logger } from './logger.ts';

/** One Redis server or a Redis Cluster: BullMQ and the commands this system uses work on both. */
export type Redis = SingleRedis | Cluster;

const CLUSTER_SCHEME = 'redis-cluster://';

/** The address config hands out for a cluster: `redis-cluster://a:7000,b:7001`. */
export function clusterUrl(nodes: readonly { host: string; port: number }[]): string {
  return `${CLUSTER_SCHEME}${nodes.map((n) => (n.host.includes(':') ? `[${n.host}]:${n.port}` : `${n.host}:${n.port}`)).join(',')}`;
}

function clusterNodes(url: string): { host: string; port: number }[] {
  return url
    .slice(CLUSTER_SCHEME.length)
    .split(',')
    .map((item) => {
      const at = item.lastIndexOf(':');
      return { host: item.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(item.slice(at + 1)) };
    });
}

/**
 * `lazyConnect`: connect on the first command (or `waitForRedis`) instead of now, for a process that may not need
 * Redis at all. A connection error is logged once per outage (the client retries every few seconds), not per retry.
 */
export function createRedis(
  url: string,
  role: 'worker' | 'producer',
  logger?: Logger,
  options: { lazyConnect?: boolean } = {},
): Redis {
  const lazyConnect = options.lazyConnect ?? false;
  const redisOptions = {
    // BullMQ workers require null (blocking commands must survive reconnects).
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableReadyCheck: true,
    lazyConnect,
  };
  const redis: Redis = url.startsWith(CLUSTER_SCHEME)
    ? new Cluster(clusterNodes(url), { redisOptions, enableReadyCheck: true, lazyConnect })
    : new SingleRedis(url, redisOptions);
  let reported = false;
  redis.on('ready', () => {
    reported = false;
  });
  redis.on('error', (error: Error) => {
    if (reported) return;
    reported = true;
    logger?.warn({ err: error.message, role }, 'redis connection error');
  });
  return redis;
}

/**
 * Resolves once `redis` is ready; connects a lazy client. Rejects with TransientError `redis-unreachable` naming
 * the address (without password) after `timeoutMs` (default 10 s); the client keeps retrying until disconnected.
 */
export async function waitForRedis(redis: Redis, url: string, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  let lastError = '';
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      lastError = error.message;
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new TransientError(
          'redis-unreachable',
          `Redis unreachable at ${redactUrl(url)} (waited ${Math.round(timeoutMs / 1_000)} s` +
            `${lastError ? `: ${lastError}` : ''})`,
        ),
      );
    }, timeoutMs);
    redis.on('ready', onReady);
    redis.on('error', onError);
    // A failed first attempt rejects here; the client goes on retrying and 'ready' (or the timer) settles it.
    if (redis.status === 'wait') redis.connect().catch(() => {});
  });
}

/**
 * Passes a queue's or worker's errors to `warn`, but only the first while `connection` is down: BullMQ repeats the
 * connection's error on every reconnect attempt (every few seconds for as long as Redis is away), which buried
 * the lines that matter. Errors while the connection is ready are always passed on.
 */
export function warnOncePerOutage(
  emitter: { on(event: 'error', listener: (error: Error) => void): unknown },
  connection: Redis,
  warn: (error: Error) => void,
): void {
  let reported = false;
  connection.on('ready', () => {
    reported = false;
  });
  emitter.on('error', (error: Error) => {
    if (connection.status !== 'ready') {
      if (reported) return;
      reported = true;
    }
    warn(error);
  });
}
