/** The host gate's Redis store on a real Redis: a live turn is renewed by its own token only. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { redisGateStore } from '../../collectors/http/host-gate-redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

let t: TestResources;
beforeAll(async () => {
  t = await openTestResources();
});
afterAll(async () => {
  await t?.cleanup();
});

it('renew keeps a turn past its first expiry, for its own token only', async () => {
  const store = redisGateStore(t.resources.redis, t.prefix);
  expect((await store.tryAcquire('a.example', 'mine', 150)).acquired).toBe(true);
  expect(await store.renew('a.example', 'theirs', 5_000)).toBe(false);
  expect(await store.renew('a.example', 'mine', 5_000)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const attempt = await store.tryAcquire('a.example', 'theirs', 150);
  expect(attempt).toMatchObject({ acquired: false, why: 'busy' });
  await store.release('a.example', 'mine', 0);
  // Given back: the old token cannot renew it, and another takes it at once.
  expect(await store.renew('a.example', 'mine', 5_000)).toBe(false);
  expect((await store.tryAcquire('a.example', 'theirs', 150)).acquired).toBe(true);
});
