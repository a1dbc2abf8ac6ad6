/**
 * Politeness per host: one request at a time, a cooldown between requests (the minimum delay, Retry-After, or a
 * growing back-off after 429/5xx), waiting bounded by the caller's deadline. The turn and the cooldown live in a
 * store: Redis across collector processes (host-gate-redis.ts), or memory within one process (the CLI).
 */
import { randomUUID } from 'node:crypto';
import { TransientError } from '../../core/errors.ts';
import { RetryLaterError } from './http-get.ts';

export type TurnAttempt = { acquired: true } | { acquired: false; why: 'busy' | 'cooling'; waitMs: number };

export interface GateStore {
  /** Takes the host's turn unless another request holds it or the host is cooling down. */
  tryAcquire(host: string, token: string, lockTtlMs: number): Promise<TurnAttempt>;
  /** Counts a failed request (returns failures in a row) or, on success, clears the count (returns 0). */
  strike(host: string, failed: boolean): Promise<number>;
  /** Starts the cooldown (never shortening a longer one) and gives the turn back if `token` still holds it. */
  release(host: string, token: string, cooldownMs: number): Promise<void>;
  /** Extends the turn `token` holds to `lockTtlMs` from now; false when it no longer holds it. */
  renew(host: string, token: string, lockTtlMs: number): Promise<boolean>;
}

/** Host not free within the caller's time: retry the job later. `retryAfterMs` when the host asked to wait. */
export class HostBusyError extends TransientError {
  readonly retryAfterMs: number | null;

  constructor(message: string, retryAfterMs: number | null) {
    super('host-busy', message);
    this.retryAfterMs = retryAfterMs;
  }
}

const MAX_BACKOFF_MS = 10 * 60_000;
const MAX_RETRY_AFTER_MS = 6 * 3600_000;

/** The pause before the host's next request (pure): the delay, a doubling back-off after failures, Retry-After. */
export function cooldownAfter(outcome: {
  minDelayMs: number;
  /** Failures in a row including this one; 0 after a success. */
  failures: number;
  retryAfterMs: number | null;
}): number {
  let cooldown = outcome.minDelayMs;
  if (outcome.failures > 0) {
    const base = Math.max(outcome.minDelayMs, 1_000);
    cooldown = Math.max(cooldown, Math.min(MAX_BACKOFF_MS, base * 2 ** Math.min(outcome.failures - 1, 20)));
  }
  if (outcome.retryAfterMs !== null)
    cooldown = Math.max(cooldown, Math.min(outcome.retryAfterMs, MAX_RETRY_AFTER_MS));
  return Math.round(cooldown);
}

export interface WaitLimit {
  /** Aborted when the caller's time is up (the job's deadline). */
  signal?: AbortSignal;
  /** Longest wait for the turn, in ms. */
  maxWaitMs: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface HostGate {
  /**
   * Runs `request` in the host's turn, then starts the host's cooldown (at least `minDelayMs`). Throws
   * HostBusyError when the turn would come after the wait limit.
   */
  withTurn<T>(
    host: string,
    request: () => Promise<T>,
    options: WaitLimit & { minDelayMs: number },
  ): Promise<T>;
}

export function createHostGate(store: GateStore, options: { lockTtlMs: number; pollMs?: number }): HostGate {
  const pollMs = options.pollMs ?? 50;

  async function acquire(host: string, token: string, limit: WaitLimit): Promise<void> {
    const deadline = Date.now() + limit.maxWaitMs;
    for (;;) {
      if (limit.signal?.aborted) throw new HostBusyError(`gave up waiting for ${host}: time is up`, null);
      const attempt = await store.tryAcquire(host, token, options.lockTtlMs);
      if (attempt.acquired) return;
      const left = deadline - Date.now();
      if (attempt.why === 'cooling' && attempt.waitMs > left) {
        throw new HostBusyError(
          `${host} asked for a pause of ${Math.ceil(attempt.waitMs / 1000)} s (delay, back-off or Retry-After); ` +
            'fetched on a later try',
          attempt.waitMs,
        );
      }
      if (left <= 0) {
        throw new HostBusyError(
          `another request to ${host} held its turn for longer than ${limit.maxWaitMs} ms`,
          null,
        );
      }
      // Cooling: wake when it ends. Busy: poll with jitter, so waiters do not all ask at once.
      const wait =
        attempt.why === 'cooling' ? attempt.waitMs + 1 : Math.min(left, pollMs / 2 + Math.random() * pollMs);
      await sleep(Math.max(1, wait), limit.signal);
    }
  }

  return {
    async withTurn(host, request, limit) {
      const token = randomUUID();
      await acquire(host, token, limit);
      // The lock's expiry is for a crashed process; a live request that runs long (a browser visit of many rounds)
      // keeps its turn, so a second request to the host never starts beside it.
      const renewal = setInterval(() => {
        store.renew(host, token, options.lockTtlMs).catch(() => undefined);
      }, options.lockTtlMs / 3);
      renewal.unref();
      let retryAfterMs: number | null = null;
      let failed = false;
      try {
        return await request();
      } catch (error) {
        if (error instanceof RetryLaterError) {
          failed = true;
          retryAfterMs = error.retryAfterMs;
        }
        throw error;
      } finally {
        clearInterval(renewal);
        const failures = await store.strike(host, failed);
        await store.release(
          host,
          token,
          cooldownAfter({ minDelayMs: limit.minDelayMs, failures, retryAfterMs }),
        );
      }
    },
  };
}

interface HostState {
  token: string | null;
  lockUntil: number;
  coolUntil: number;
  failures: number;
}

/** The store for one process (CLI preview): same rules, no Redis. */
export function memoryGateStore(now: () => number = Date.now): GateStore {
  const hosts = new Map<string, HostState>();
  const state = (host: string): HostState => {
    let entry = hosts.get(host);
    if (!entry) {
      if (hosts.size > 10_000) {
        const t = now();
        for (const [key, value] of hosts)
          if (value.lockUntil < t && value.coolUntil < t && value.failures === 0) hosts.delete(key);
      }
      entry = { token: null, lockUntil: 0, coolUntil: 0, failures: 0 };
      hosts.set(host, entry);
    }
    return entry;
  };
  return {
    async tryAcquire(host, token, lockTtlMs) {
      const entry = state(host);
      const t = now();
      if (entry.coolUntil > t) return { acquired: false, why: 'cooling', waitMs: entry.coolUntil - t };
      if (entry.token && entry.lockUntil > t)
        return { acquired: false, why: 'busy', waitMs: entry.lockUntil - t };
      entry.token = token;
      entry.lockUntil = t + lockTtlMs;
      return { acquired: true };
    },
    async strike(host, failed) {
      const entry = state(host);
      entry.failures = failed ? entry.failures + 1 : 0;
      return entry.failures;
    },
    async release(host, token, cooldownMs) {
      const entry = state(host);
      entry.coolUntil = Math.max(entry.coolUntil, now() + cooldownMs);
      if (entry.token === token) {
        entry.token = null;
        entry.lockUntil = 0;
      }
    },
    async renew(host, token, lockTtlMs) {
      const entry = state(host);
      if (entry.token !== token || entry.lockUntil <= now()) return false;
      entry.lockUntil = now() + lockTtlMs;
      return true;
    },
  };
}
