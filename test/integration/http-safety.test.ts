/**
 * The client's guard and manners over real loopback HTTP (127.0.0.0/8 and ::1 only): refused loopback
 * spellings never connect, a redirect to a refused address is stopped, robots.txt (disallow, 404, 500) is
 * obeyed and cached, Retry-After holds the host, and `sources preview` reports a refusal in one line.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpClient } from '../../collectors/http/client.ts';
import { HostBusyError } from '../../collectors/http/host-gate.ts';
import { httpGet, RetryLaterError } from '../../collectors/http/http-get.ts';
import { parseAllowlist } from '../../core/net/address-guard.ts';
import { BadInputError } from '../../core/errors.ts';
import { createRedis } from '../../core/redis.ts';
import { runCli } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';

const FEED =
  '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Flöde</title>' +
  '<item><guid>1</guid><title>Ett</title><description>Text om skolan.</description></item></channel></rss>';
const BASE = { userAgent: 'Ryktesradar/test (+https://example.invalid)', timeoutMs: 5_000, maxBytes: 65_536 };
const LOOPBACK = '127.0.0.1/32';

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/** A server on a second loopback address that counts TCP connections: the proof that nothing connected. */
async function startCountingServer(
  host: string,
): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  let connections = 0;
  const server = http.createServer((_req, res) => res.writeHead(200).end(FEED));
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('address guard over loopback', () => {
  let other: Awaited<ReturnType<typeof startCountingServer>>;
  let server: FixtureServer;

  beforeAll(async () => {
    other = await startCountingServer('127.0.0.2');
    server = await startFixtureServer({
      '/feed.xml': (_req, res) =>
        void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED),
      '/to-other': (_req, res) =>
        void res.writeHead(302, { location: `http://127.0.0.2:${other.port}/feed.xml` }).end(),
      '/to-decimal': (_req, res) =>
        void res.writeHead(301, { location: `http://2130706434:${other.port}/feed.xml` }).end(),
    });
  });
  afterAll(async () => {
    await server?.close();
    await other?.close();
  });

  test('the allowed loopback address is fetched', async () => {
    const client = createHttpClient({ ...BASE, allowlist: LOOPBACK, robots: false, hostMinDelayMs: 0 });
    await expect(client.get({ url: `${server.url}/feed.xml` })).resolves.toMatchObject({ status: 'ok' });
  });

  test.each([
    (port: number) => `http://127.0.0.2:${port}/feed.xml`,
    (port: number) => `http://2130706434:${port}/feed.xml`,
    (port: number) => `http://0x7f.0.0.2:${port}/feed.xml`,
    (port: number) => `http://[::ffff:127.0.0.2]:${port}/feed.xml`,
    (port: number) => `http://[::1]:${port}/feed.xml`,
  ])('a refused loopback spelling (%s) never connects', async (spell) => {
    const url = spell(other.port);
    const client = createHttpClient({ ...BASE, allowlist: LOOPBACK, hostMinDelayMs: 0 });
    const error = await failure(client.get({ url }));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ reason: 'forbidden-address' });
    expect(error.message).toMatch(/^refused to fetch .*loopback address/);
    expect(error.message.split('\n')).toHaveLength(1);
    // Plain httpGet (no client) refuses too: the agent checks the address at connect time.
    await expect(httpGet(url, BASE)).rejects.toMatchObject({ reason: 'forbidden-address' });
    expect(other.connections()).toBe(0);
  });

  test('a name resolving to a refused address is refused at connect time, naming host and address', async () => {
    const url = `http://localhost:${other.port}/feed.xml`;
    const error = await failure(httpGet(url, BASE));
    expect(error).toMatchObject({ reason: 'forbidden-address' });
    expect(error.message).toMatch(/^refused to fetch localhost \((127\.0\.0\.1|::1)\): loopback address/);
    expect(other.connections()).toBe(0);
  });

  test('a name allowed by the allowlist is fetched on its checked address', async () => {
    const port = new URL(server.url).port;
    const result = await httpGet(`http://localhost:${port}/feed.xml`, {
      ...BASE,
      allowlist: parseAllowlist(LOOPBACK),
    });
    expect(result.status).toBe('ok');
  });

  test.each(['/to-other', '/to-decimal'])(
    'a redirect (%s) from the allowed host to a refused loopback address is stopped',
    async (path) => {
      const client = createHttpClient({ ...BASE, allowlist: LOOPBACK, robots: false, hostMinDelayMs: 0 });
      const error = await failure(client.get({ url: `${server.url}${path}` }));
      expect(error).toMatchObject({ reason: 'forbidden-address' });
      expect(error.message).toContain('127.0.0.2');
      expect(server.requests.some((r) => r.path === path)).toBe(true);
      expect(other.connections()).toBe(0);
    },
  );
});

describe('robots.txt, cached in Redis', () => {
  let allowing: FixtureServer;
  let disallowing: FixtureServer;
  let failing: FixtureServer;
  const prefix = uniquePrefix();
  const redis = createRedis(TEST_REDIS_URL, 'producer');

  const feed = (_req: http.IncomingMessage, res: http.ServerResponse) =>
    void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);

  beforeAll(async () => {
    // No /robots.txt route: the fixture server answers 404.
    allowing = await startFixtureServer({ '/feed.xml': feed });
    disallowing = await startFixtureServer({
      '/robots.txt': (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end('User-agent: *\nDisallow: /\n\nUser-agent: ryktesradar\nDisallow: /private/\nAllow: /\n'),
      '/feed.xml': feed,
      '/private/feed.xml': feed,
    });
    failing = await startFixtureServer({
      '/robots.txt': (_req, res) => void res.writeHead(500).end('oops'),
      '/feed.xml': feed,
    });
  });
  afterAll(async () => {
    await Promise.all([allowing, disallowing, failing].map((s) => s?.close()));
    redis.disconnect();
    await deletePrefix(prefix);
  });

  const client = () => createHttpClient({ ...BASE, allowlist: LOOPBACK, redis, prefix, hostMinDelayMs: 0 });
  const count = (s: FixtureServer, path: string) => s.requests.filter((r) => r.path === path).length;

  test('a path disallowed for our product token is refused without being requested', async () => {
    const error = await failure(client().get({ url: `${disallowing.url}/private/feed.xml` }));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ reason: 'robots-disallowed' });
    expect(error.message).toMatch(/robots\.txt disallows it \(line 5\)/);
    expect(count(disallowing, '/private/feed.xml')).toBe(0);
    // Our group allows the rest although `*` is disallowed everywhere.
    await expect(client().get({ url: `${disallowing.url}/feed.xml` })).resolves.toMatchObject({
      status: 'ok',
    });
    expect(disallowing.requests.find((r) => r.path === '/robots.txt')?.headers['user-agent']).toBe(
      BASE.userAgent,
    );
  });

  test('the answer is cached in Redis under the prefix: a second client does not ask again', async () => {
    const before = count(disallowing, '/robots.txt');
    await failure(client().get({ url: `${disallowing.url}/private/feed.xml` }));
    expect(count(disallowing, '/robots.txt')).toBe(before);
    expect(before).toBe(1);
    const ttl = await redis.pttl(`${prefix}:http:robots:${disallowing.url}`);
    expect(ttl).toBeGreaterThan(23 * 3600_000);
  });

  test('404 allows everything (cached for a day)', async () => {
    await expect(client().get({ url: `${allowing.url}/feed.xml` })).resolves.toMatchObject({ status: 'ok' });
    expect(count(allowing, '/robots.txt')).toBe(1);
    expect(await redis.pttl(`${prefix}:http:robots:${allowing.url}`)).toBeGreaterThan(23 * 3600_000);
  });

  test('500 disallows everything for now (cached for 10 minutes)', async () => {
    const error = await failure(client().get({ url: `${failing.url}/feed.xml` }));
    expect(error).toMatchObject({ reason: 'robots-disallowed' });
    expect(error.message).toMatch(/robots\.txt unreachable \(http-500\)/);
    expect(count(failing, '/feed.xml')).toBe(0);
    const ttl = await redis.pttl(`${prefix}:http:robots:${failing.url}`);
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
  });
});

describe('per-host pause and Retry-After', () => {
  let server: FixtureServer;
  const prefix = uniquePrefix();
  const redis = createRedis(TEST_REDIS_URL, 'producer');
  const starts: number[] = [];

  beforeAll(async () => {
    server = await startFixtureServer({
      '/busy.xml': (_req, res) => void res.writeHead(503, { 'retry-after': '1' }).end(),
      '/limited.xml': (_req, res) => void res.writeHead(429, { 'retry-after': '3600' }).end(),
      '/feed.xml': (_req, res) => {
        starts.push(performance.now());
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    redis.disconnect();
    await deletePrefix(prefix);
  });

  test('Retry-After: 1 holds every client of the host for a second', async () => {
    const options = { ...BASE, allowlist: LOOPBACK, redis, prefix, robots: false, hostMinDelayMs: 0 };
    const error = await failure(createHttpClient(options).get({ url: `${server.url}/busy.xml` }));
    expect(error).toBeInstanceOf(RetryLaterError);
    const refusedAt = performance.now();
    // Another client (as another process would) sharing the Redis store waits for the pause.
    await createHttpClient(options).get({ url: `${server.url}/feed.xml` });
    expect((starts.at(-1) ?? 0) - refusedAt).toBeGreaterThanOrEqual(950);
  });

  test('a Retry-After longer than the wait limit gives host-busy at once, with the wait', async () => {
    const options = { ...BASE, allowlist: LOOPBACK, redis, prefix, robots: false, hostMinDelayMs: 0 };
    const host = new URL(server.url).hostname;
    await failure(createHttpClient(options).get({ url: `${server.url}/limited.xml` }));
    expect(await redis.pttl(`${prefix}:http:host:${host}:cooldown`)).toBeGreaterThan(3_500_000);
    const started = performance.now();
    const before = starts.length;
    const error = await failure(
      createHttpClient({ ...options, maxWaitMs: 2_000 }).get({ url: `${server.url}/feed.xml` }),
    );
    expect(error).toBeInstanceOf(HostBusyError);
    expect(error).toMatchObject({ reason: 'host-busy' });
    expect((error as HostBusyError).retryAfterMs).toBeGreaterThan(3_500_000);
    expect(performance.now() - started).toBeLessThan(500);
    expect(starts.length).toBe(before);
    await redis.del(`${prefix}:http:host:${host}:cooldown`);
  });

  test('the minimum delay holds between requests of one client; the job signal bounds the wait', async () => {
    const client = createHttpClient({ ...BASE, allowlist: LOOPBACK, robots: false, hostMinDelayMs: 300 });
    const before = starts.length;
    await Promise.all([1, 2, 3].map(() => client.get({ url: `${server.url}/feed.xml` })));
    const mine = starts.slice(before);
    expect(mine).toHaveLength(3);
    for (let i = 1; i < mine.length; i += 1)
      expect((mine[i] ?? 0) - (mine[i - 1] ?? 0)).toBeGreaterThanOrEqual(299);
    // The host cools down for 300 ms; a deadline of 50 ms cannot wait that long.
    const error = await failure(
      client.get({ url: `${server.url}/feed.xml`, signal: AbortSignal.timeout(50) }),
    );
    expect(error).toMatchObject({ reason: 'host-busy' });
  });
});

describe('sources preview refuses in one line', () => {
  let server: FixtureServer;
  let other: Awaited<ReturnType<typeof startCountingServer>>;

  beforeAll(async () => {
    other = await startCountingServer('127.0.0.2');
    server = await startFixtureServer({
      '/robots.txt': (_req, res) => void res.writeHead(200).end('User-agent: *\nDisallow: /private/\n'),
      '/private/feed.xml': (_req, res) => void res.writeHead(200).end(FEED),
    });
  });
  afterAll(async () => {
    await server?.close();
    await other?.close();
  });

  const env = {
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    REDIS_URL: 'redis://127.0.0.1:1',
    FETCH_ALLOWLIST: LOOPBACK,
  };

  test.each([
    [
      'a refused address',
      () => `http://127.0.0.2:${other.port}/feed.xml`,
      /^ryktesradar: forbidden-address: refused to fetch 127\.0\.0\.2: loopback/,
    ],
    [
      'a path robots.txt disallows',
      () => `${server.url}/private/feed.xml`,
      /^ryktesradar: robots-disallowed: .*robots\.txt disallows it/,
    ],
  ])('%s', async (_name, url, message) => {
    const result = await runCli(['sources', 'preview', url()], env, '', 60_000);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(other.connections()).toBe(0);
    expect(server.requests.some((r) => r.path === '/private/feed.xml')).toBe(false);
  });

  test('without FETCH_ALLOWLIST even the loopback fixture is refused', async () => {
    const result = await runCli(['sources', 'preview', `${server.url}/private/feed.xml`], {
      ...env,
      FETCH_ALLOWLIST: '',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ryktesradar: forbidden-address: refused to fetch 127\.0\.0\.1: loopback/);
  });

  test('a malformed FETCH_ALLOWLIST stops with the entry named', async () => {
    const result = await runCli(['sources', 'preview', `${server.url}/private/feed.xml`], {
      ...env,
      FETCH_ALLOWLIST: '127.0.0.1/32,10.0.0.0/99',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/FETCH_ALLOWLIST: "10\.0\.0\.0\/99" is neither/);
  });
});
