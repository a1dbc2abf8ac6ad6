import { describe, expect, test } from 'vitest';
import { BadInputError, TransientError } from '../../core/errors.ts';
import { RetryLaterError } from './http-get.ts';
import {
  createRobotsPolicy,
  memoryRobotsStore,
  robotsFromFetch,
  ROBOTS_FAILURE_TTL_MS,
  ROBOTS_TTL_MS,
} from './robots.ts';

const ok = (text: string) =>
  ({
    status: 'ok',
    body: new TextEncoder().encode(text),
    contentType: 'text/plain',
    etag: null,
    lastModified: null,
    finalUrl: 'https://site.example/robots.txt',
  }) as const;

describe('robotsFromFetch (RFC 9309)', () => {
  test.each([
    [new BadInputError('http-404', 'HTTP 404'), 'allow-all', ROBOTS_TTL_MS],
    [new BadInputError('http-401', 'HTTP 401'), 'allow-all', ROBOTS_TTL_MS],
    [new BadInputError('too-many-redirects', 'more than 5'), 'allow-all', ROBOTS_TTL_MS],
    [new RetryLaterError('http-503', 'HTTP 503', 503, null), 'disallow-all', ROBOTS_FAILURE_TTL_MS],
    [new RetryLaterError('rate-limited', 'HTTP 429', 429, null), 'disallow-all', ROBOTS_FAILURE_TTL_MS],
    [new TransientError('network', 'ECONNREFUSED'), 'disallow-all', ROBOTS_FAILURE_TTL_MS],
    [new TransientError('timeout', 'no answer'), 'disallow-all', ROBOTS_FAILURE_TTL_MS],
  ])('%s → %s', (error, rule, ttlMs) => {
    expect(robotsFromFetch(error)).toMatchObject({ value: { rule }, ttlMs });
  });

  test('a refused address is passed on, not read as "no robots.txt"', () => {
    const refused = new BadInputError('forbidden-address', 'refused');
    expect(() => robotsFromFetch(refused)).toThrow(refused);
  });

  test('a body is kept as rules', () => {
    expect(robotsFromFetch(ok('User-agent: *\nDisallow: /'))).toEqual({
      value: { rule: 'rules', text: 'User-agent: *\nDisallow: /' },
      ttlMs: ROBOTS_TTL_MS,
    });
  });
});

describe('robots policy', () => {
  const policy = (text: string) => {
    let fetches = 0;
    const p = createRobotsPolicy({
      store: memoryRobotsStore(),
      fetchRobots: async () => {
        fetches += 1;
        return ok(text);
      },
    });
    return { p, fetches: () => fetches };
  };

  test.each([
    ['User-agent: *\nDisallow: /private/', '/private/x', false],
    ['User-agent: *\nDisallow: /private/', '/public/x', true],
    ['User-agent: Ryktesradar\nDisallow: /\n\nUser-agent: *\nAllow: /', '/x', false],
    ['User-agent: ryktesradar/2.0\nDisallow: /feeds', '/feeds/a.xml', false],
    ['User-agent: Googlebot\nDisallow: /', '/x', true],
    ['User-agent: *\nDisallow: /*.xml$', '/feed.xml', false],
    ['User-agent: *\nDisallow: /*.xml$', '/feed.xml?page=2', true],
    ['', '/anything', true],
  ])('%j: %s allowed %s', async (text, path, allowed) => {
    const { p } = policy(text);
    const check = p.check(new URL(`https://site.example${path}`));
    if (allowed) await expect(check).resolves.toBeDefined();
    else await expect(check).rejects.toMatchObject({ reason: 'robots-disallowed' });
  });

  test('Crawl-delay is returned in ms (capped at 60 s) and the file is fetched once per origin', async () => {
    const { p, fetches } = policy('User-agent: *\nCrawl-delay: 5');
    await expect(p.check(new URL('https://site.example/a'))).resolves.toEqual({ crawlDelayMs: 5_000 });
    await Promise.all([
      p.check(new URL('https://site.example/b')),
      p.check(new URL('https://site.example/c')),
    ]);
    expect(fetches()).toBe(1);
    const long = policy('User-agent: *\nCrawl-delay: 86400');
    await expect(long.p.check(new URL('https://site.example/a'))).resolves.toEqual({ crawlDelayMs: 60_000 });
  });
});
