/**
 * Redis connections for BullMQ and the app's own keys. Workers wait forever for Redis to return; producers fail
 * fast. A `redis-cluster://host:port,host:port` address (what config builds from REDIS_CLUSTER_NODES) gives an
 * ioredis Cluster; every key then starts with the hash-tagged QUEUE_PREFIX, so each queue's keys share a slot.
 */
import { Cluster, Redis as SingleRedis } from 'ioredis';
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

export function createRedis(url: string, role: 'worker' | 'producer', logger?: Logger): Redis {
  const options = {
    // BullMQ workers require null (blocking commands must survive reconnects).
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  };
  const redis: Redis = url.startsWith(CLUSTER_SCHEME)
    ? new Cluster(clusterNodes(url), { redisOptions: options, enableReadyCheck: true })
    : new SingleRedis(url, options);
  redis.on('error', (error: Error) => logger?.warn({ err: error.message, role }, 'redis connection error'));
  return redis;
}
