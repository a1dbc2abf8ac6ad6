/**
 * Login rate limit in Redis, shared by every dashboard process: failed attempts are counted per account (hashed
 * address) and per client address in a fixed window from the first failure. Over the limit, no password is checked.
 */
import { createHash } from 'node:crypto';
import type { Redis } from '../../core/redis.ts';
import type { AuthSettings } from './settings.ts';

export interface LoginThrottle {
  /** Seconds to wait when blocked, or 0. */
  retryAfter(email: string, ip: string): Promise<number>;
  recordFailure(email: string, ip: string): Promise<void>;
  /** A correct password clears the account's count (not the address's). */
  recordSuccess(email: string): Promise<void>;
}

export function loginThrottle(redis: Redis, settings: AuthSettings): LoginThrottle {
  const { perEmail, perIp, windowMs } = settings.login;
  const emailKey = (email: string) =>
    `${settings.keyPrefix}:login-fail:email:${createHash('sha256').update(email).digest('hex')}`;
  const ipKey = (ip: string) => `${settings.keyPrefix}:login-fail:ip:${ip}`;

  return {
    async retryAfter(email, ip) {
      const replies = await redis
        .multi()
        .get(emailKey(email))
        .get(ipKey(ip))
        .pttl(emailKey(email))
        .pttl(ipKey(ip))
        .exec();
      const [byEmail, byIp, emailTtl, ipTtl] = (replies ?? []).map(([error, value]) => {
        if (error) throw error;
        return Number(value ?? 0);
      });
      const waits: number[] = [];
      if ((byEmail ?? 0) >= perEmail) waits.push(emailTtl ?? windowMs);
      if ((byIp ?? 0) >= perIp) waits.push(ipTtl ?? windowMs);
      if (waits.length === 0) return 0;
      return Math.max(1, Math.ceil(Math.max(...waits, 0) / 1000));
    },
    async recordFailure(email, ip) {
      const multi = redis.multi();
      for (const key of [emailKey(email), ipKey(ip)]) {
        // The window starts at the first failure: create with its expiry, then count.
        multi.set(key, '0', 'PX', windowMs, 'NX').incr(key);
      }
      await multi.exec();
    },
    async recordSuccess(email) {
      await redis.del(emailKey(email));
    },
  };
}
