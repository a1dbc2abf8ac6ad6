/**
 * The host gate's store in Redis, shared by every collector process: per host a lock key holding the turn's
 * token (with an expiry, so a crashed process cannot keep it), a cooldown key whose remaining lifetime is the
 * wait before the next request (no clocks compared across machines), and a failure count for the back-off.
 */
import type { Redis } from '../../core/redis.ts';
import type { GateStore } from './host-gate.ts';

// Cooldown first: no one takes the turn while the host is resting.
const ACQUIRE = `
local cooling = redis.call('PTTL', KEYS[2])
if cooling > 0 then return {2, cooling} end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, 0} end
return {0, redis.call('PTTL', KEYS[1])}
`;

// The cooldown starts in the same step as the turn is given back, so no one slips in between.
const RELEASE = `
local cooldown = tonumber(ARGV[2])
if cooldown > 0 and cooldown > redis.call('PTTL', KEYS[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', cooldown)
end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

// Only the token's own turn is extended: a lock that expired and went to someone else stays theirs.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const FAILURES_TTL_MS = 3600_000;

export function redisGateStore(redis: Redis, prefix: string): GateStore {
  const keys = (host: string) => {
    const base = `${prefix}:http:host:${host.toLowerCase()}`;
    return { lock: `${base}:lock`, cool: `${base}:cooldown`, failures: `${base}:failures` };
  };
  return {
    async tryAcquire(host, token, lockTtlMs) {
      const k = keys(host);
      const [status, ms] = (await redis.eval(ACQUIRE, 2, k.lock, k.cool, token, lockTtlMs)) as [
        number,
        number,
      ];
      if (status === 1) return { acquired: true };
      return { acquired: false, why: status === 2 ? 'cooling' : 'busy', waitMs: Math.max(0, ms) };
    },
    async strike(host, failed) {
      const k = keys(host);
      if (!failed) {
        await redis.del(k.failures);
        return 0;
      }
      const results = await redis.multi().incr(k.failures).pexpire(k.failures, FAILURES_TTL_MS).exec();
      const count = results?.[0]?.[1];
      return typeof count === 'number' ? count : 1;
    },
    async release(host, token, cooldownMs) {
      const k = keys(host);
      await redis.eval(RELEASE, 2, k.lock, k.cool, token, cooldownMs);
    },
    async renew(host, token, lockTtlMs) {
      const k = keys(host);
      return (await redis.eval(RENEW, 1, k.lock, token, lockTtlMs)) === 1;
    },
  };
}
