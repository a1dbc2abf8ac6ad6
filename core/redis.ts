/** Redis connections for BullMQ. Workers wait forever for Redis to return; producers fail fast. */
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export type { Redis };

export function createRedis(url: string, role: 'worker' | 'producer', logger?: Logger): Redis {
  const redis = new Redis(url, {
    // BullMQ workers require null (blocking commands must survive reconnects).
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
  redis.on('error', (error: Error) => logger?.warn({ err: error.message, role }, 'redis connection error'));
  return redis;
}
