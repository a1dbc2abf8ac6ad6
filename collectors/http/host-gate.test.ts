import { describe, expect, test } from 'vitest';
import { TransientError } from '../../core/errors.ts';
import { cooldownAfter, createHostGate, HostBusyError, memoryGateStore } from './host-gate.ts';
import { RetryLaterError } from './http-get.ts';

describe('cooldownAfter', () => {
  test.each([
    [{ minDelayMs: 1_000, failures: 0, retryAfterMs: null }, 1_000],
    [{ minDelayMs: 0, failures: 0, retryAfterMs: null }, 0],
    [{ minDelayMs: 0, failures: 1, retryAfterMs: null }, 1_000],
    [{ minDelayMs: 1_000, failures: 3, retryAfterMs: null }, 4_000],
    [{ minDelayMs: 5_000, failures: 2, retryAfterMs: null }, 10_000],
    [{ minDelayMs: 1_000, failures: 30, retryAfterMs: null }, 600_000],
    [{ minDelayMs: 1_000, failures: 1, retryAfterMs: 120_000 }, 120_000],
    [{ minDelayMs: 1_000, failures: 4, retryAfterMs: 2_000 }, 8_000],
    [{ minDelayMs: 1_000, failures: 1, retryAfterMs: 0 }, 1_000],
    [{ minDelayMs: 1_000, failures: 1, retryAfterMs: 30 * 24 * 3600_000 }, 6 * 3600_000],
  ])('%j → %i ms', (outcome, expected) => {
    expect(cooldownAfter(outcome)).toBe(expected);
  });
});

describe('host gate on the in-process store', () => {
  const gate = () => createHostGate(memoryGateStore(), { lockTtlMs: 5_000, pollMs: 5 });

  test('one request at a time, with the pause from one end to the next start', async () => {
    const g = gate();
    const spans: { start: number; end: number }[] = [];
    const request = async () => {
      const span = { start: performance.now(), end: 0 };
      spans.push(span);
      await new Promise((resolve) => setTimeout(resolve, 20));
      span.end = performance.now();
    };
    await Promise.all(
      [1, 2, 3, 4].map(() => g.withTurn('a.example', request, { maxWaitMs: 5_000, minDelayMs: 50 })),
    );
    for (let i = 1; i < spans.length; i += 1)
      expect((spans[i]?.start ?? 0) - (spans[i - 1]?.end ?? 0)).toBeGreaterThanOrEqual(49);
  });

  test('other hosts do not wait', async () => {
    const g = gate();
    await g.withTurn('a.example', async () => undefined, { maxWaitMs: 1_000, minDelayMs: 10_000 });
    const started = performance.now();
    await g.withTurn('b.example', async () => undefined, { maxWaitMs: 1_000, minDelayMs: 10_000 });
    expect(performance.now() - started).toBeLessThan(500);
  });

  test('Retry-After beyond the wait limit → host-busy at once, carrying the wait', async () => {
    const g = gate();
    const limited = new RetryLaterError('rate-limited', 'HTTP 429', 429, 60_000);
    await expect(
      g.withTurn('a.example', () => Promise.reject(limited), { maxWaitMs: 1_000, minDelayMs: 0 }),
    ).rejects.toBe(limited);
    const error = await g
      .withTurn('a.example', async () => 'never', { maxWaitMs: 1_000, minDelayMs: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostBusyError);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as HostBusyError).retryAfterMs).toBeGreaterThan(59_000);
  });

  test('an aborted signal ends the wait for a busy host', async () => {
    const g = gate();
    let release = () => undefined as void;
    const holding = g.withTurn('a.example', () => new Promise<void>((resolve) => (release = resolve)), {
      maxWaitMs: 5_000,
      minDelayMs: 0,
    });
    const waiting = g.withTurn('a.example', async () => 'late', {
      maxWaitMs: 5_000,
      minDelayMs: 0,
      signal: AbortSignal.timeout(30),
    });
    await expect(waiting).rejects.toMatchObject({ reason: 'host-busy' });
    release();
    await holding;
  });
});

describe('a long request keeps its turn', () => {
  test('past the lock expiry, no second request to the host starts beside it', async () => {
    // A 60 ms lock would lapse four times during a 250 ms request without renewal.
    const g = createHostGate(memoryGateStore(), { lockTtlMs: 60, pollMs: 5 });
    const spans: { start: number; end: number }[] = [];
    const request = (ms: number) => async () => {
      const span = { start: performance.now(), end: 0 };
      spans.push(span);
      await new Promise((resolve) => setTimeout(resolve, ms));
      span.end = performance.now();
    };
    const long = g.withTurn('a.example', request(250), { maxWaitMs: 2_000, minDelayMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([long, g.withTurn('a.example', request(10), { maxWaitMs: 2_000, minDelayMs: 0 })]);
    const [first, second] = spans;
    expect(second?.start).toBeGreaterThanOrEqual(first?.end ?? Infinity);
  });

  test('renew extends only the turn the token holds', async () => {
    let clock = 0;
    const store = memoryGateStore(() => clock);
    await store.tryAcquire('a.example', 'mine', 100);
    clock = 50;
    expect(await store.renew('a.example', 'mine', 100)).toBe(true);
    expect(await store.renew('a.example', 'theirs', 100)).toBe(false);
    clock = 149;
    expect((await store.tryAcquire('a.example', 'theirs', 100)).acquired).toBe(false);
    clock = 151;
    // Lapsed (a crashed holder): it is free again, and the old token cannot take it back by renewing.
    expect(await store.renew('a.example', 'mine', 100)).toBe(false);
    expect((await store.tryAcquire('a.example', 'theirs', 100)).acquired).toBe(true);
  });
});
