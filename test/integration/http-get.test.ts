/**
 * httpGet against a real HTTP server on 127.0.0.1: conditional GET, byte caps (streamed, declared, compressed),
 * the deadline, status classes, redirects and URL checks. No sleeps in the tests; servers delay at most 2 s.
 */
import net from 'node:net';
import type { ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAllowlist } from '../../core/net/address-guard.ts';
import {
  FEED_ACCEPT,
  httpGet,
  RetryLaterError,
  type HttpGetOptions,
} from '../../collectors/http/http-get.ts';
import { BadInputError, TransientError } from '../../core/errors.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';

const FEED =
  '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Flöde</title></channel></rss>';
const ETAG = '"v1-abc"';
const LAST_MODIFIED = 'Mon, 16 Nov 2026 12:00:00 GMT';
const CAP = 64 * 1024;
const OPTS: HttpGetOptions = {
  allowlist: parseAllowlist('127.0.0.1/32'),
  timeoutMs: 5_000,
  maxBytes: CAP,
  userAgent: 'Ryktesradar-test/1.0 (+https://example.invalid)',
};

/** Stops a handler's timers when the client goes away, so closing the server never waits on them. */
function later(res: ServerResponse, ms: number, action: () => void): void {
  const timer = setTimeout(action, ms);
  res.on('close', () => clearTimeout(timer));
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/** Bytes the streaming route managed to write before the client hung up. */
let streamedBytes = 0;

describe('httpGet over loopback HTTP', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer({
      '/etag.xml': (req, res) => {
        if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG }).end(FEED);
      },
      '/last-modified.xml': (req, res) => {
        if (req.headers['if-modified-since'] === LAST_MODIFIED) return void res.writeHead(304).end();
        res
          .writeHead(200, { 'content-type': 'application/rss+xml', 'last-modified': LAST_MODIFIED })
          .end(FEED);
      },
      '/gzip.xml': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
          .end(zlib.gzipSync(FEED));
      },
      '/brotli.xml': (_req, res) => {
        res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync(FEED));
      },
      '/gzip-bomb.xml': (_req, res) => {
        // 20 MB of zeros compress to about 20 kB: only a cap on the decoded bytes catches it.
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024)));
      },
      '/endless.xml': (_req, res) => {
        // Chunked, no Content-Length, and it would go on for 50 MB: we must stop reading past the cap.
        streamedBytes = 0;
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(16 * 1024, 'a');
        const pump = () => {
          while (streamedBytes < 50 * 1024 * 1024 && !res.destroyed) {
            streamedBytes += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      },
      '/declared-huge.xml': (_req, res) => {
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        res.write('<rss');
        later(res, 2_000, () => res.destroy());
      },
      '/exact-cap.xml': (_req, res) => {
        res.writeHead(200).end(Buffer.alloc(CAP, 'b'));
      },
      '/slow-headers.xml': (_req, res) => {
        later(res, 2_000, () => res.writeHead(200).end(FEED));
      },
      '/slow-body.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<rss version="2.0">');
        later(res, 2_000, () => res.end('</rss>'));
      },
      '/reset.xml': (req, res) => {
        res.writeHead(200);
        res.write('<rss version="2.0"><channel>');
        later(res, 20, () => req.socket.destroy());
      },
      '/500.xml': (_req, res) => void res.writeHead(500).end('boom'),
      '/503.xml': (_req, res) => void res.writeHead(503, { 'retry-after': '120' }).end(),
      '/429.xml': (_req, res) =>
        void res.writeHead(429, { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' }).end(),
      '/410.xml': (_req, res) => void res.writeHead(410).end('gone'),
      '/r1': (_req, res) => void res.writeHead(301, { location: '/r2' }).end(),
      '/r2': (_req, res) => void res.writeHead(302, { location: `${server.url}/r3` }).end(),
      '/r3': (_req, res) => void res.writeHead(307, { location: 'etag.xml' }).end(),
      '/loop': (_req, res) => void res.writeHead(308, { location: '/loop' }).end(),
      '/to-ftp': (_req, res) => void res.writeHead(302, { location: 'ftp://127.0.0.1/feed.xml' }).end(),
      '/to-file': (_req, res) => void res.writeHead(301, { location: 'file:///etc/passwd' }).end(),
      '/no-location': (_req, res) => void res.writeHead(302).end(),
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  const requestsTo = (path: string) => server.requests.filter((r) => r.path === path);

  test('200 with ETag, then 304 when If-None-Match matches', async () => {
    const first = await httpGet(`${server.url}/etag.xml`, OPTS);
    expect(first).toMatchObject({
      status: 'ok',
      contentType: 'application/rss+xml; charset=utf-8',
      etag: ETAG,
      lastModified: null,
      finalUrl: `${server.url}/etag.xml`,
    });
    if (first.status !== 'ok') throw new Error('expected ok');
    expect(new TextDecoder().decode(first.body)).toBe(FEED);

    const second = await httpGet(`${server.url}/etag.xml`, { ...OPTS, etag: first.etag });
    expect(second).toEqual({ status: 'not-modified' });
    const [plain, conditional] = requestsTo('/etag.xml').slice(-2);
    expect(plain?.headers['if-none-match']).toBeUndefined();
    expect(conditional?.headers['if-none-match']).toBe(ETAG);
    expect(conditional?.headers.accept).toBe(FEED_ACCEPT);
    expect(conditional?.headers['user-agent']).toBe(OPTS.userAgent);
    expect(conditional?.headers['accept-encoding']).toMatch(/gzip/);
  });

  test('Last-Modified is sent back as If-Modified-Since', async () => {
    const first = await httpGet(`${server.url}/last-modified.xml`, OPTS);
    expect(first).toMatchObject({ status: 'ok', lastModified: LAST_MODIFIED, etag: null });
    const second = await httpGet(`${server.url}/last-modified.xml`, {
      ...OPTS,
      lastModified: LAST_MODIFIED,
    });
    expect(second).toEqual({ status: 'not-modified' });
    expect(requestsTo('/last-modified.xml').at(-1)?.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  test('a stored validator that is not a valid header value is left out instead of failing', async () => {
    const result = await httpGet(`${server.url}/etag.xml`, { ...OPTS, etag: '"a\r\nInjected: 1"' });
    expect(result.status).toBe('ok');
    expect(requestsTo('/etag.xml').at(-1)?.headers.injected).toBeUndefined();
  });

  test.each(['/gzip.xml', '/brotli.xml'])('%s is decoded', async (path) => {
    const result = await httpGet(`${server.url}${path}`, OPTS);
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(new TextDecoder().decode(result.body)).toBe(FEED);
  });

  test('a body of exactly maxBytes is accepted', async () => {
    const result = await httpGet(`${server.url}/exact-cap.xml`, OPTS);
    expect(result.status === 'ok' && result.body.byteLength).toBe(CAP);
  });

  test('a streamed body past maxBytes (chunked, no Content-Length) is cut off: too-large', async () => {
    const error = await failure(httpGet(`${server.url}/endless.xml`, OPTS));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ reason: 'too-large' });
    expect(error.message).toContain(String(CAP));
    expect(streamedBytes).toBeLessThan(20 * 1024 * 1024);
  });

  test('a Content-Length over maxBytes is refused before reading the body', async () => {
    const started = performance.now();
    const error = await failure(httpGet(`${server.url}/declared-huge.xml`, OPTS));
    expect(error).toMatchObject({ reason: 'too-large' });
    expect(error.message).toMatch(/Content-Length 10485760/);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  test('a gzip bomb is capped on the decoded bytes', async () => {
    const error = await failure(httpGet(`${server.url}/gzip-bomb.xml`, OPTS));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ reason: 'too-large' });
  });

  test.each(['/slow-headers.xml', '/slow-body.xml'])(
    '%s past timeoutMs → TransientError timeout',
    async (path) => {
      const started = performance.now();
      const error = await failure(httpGet(`${server.url}${path}`, { ...OPTS, timeoutMs: 300 }));
      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({ reason: 'timeout' });
      expect(error.message).toContain('300 ms');
      expect(performance.now() - started).toBeLessThan(1_500);
    },
  );

  test.each([
    ['/500.xml', 'http-500', /HTTP 500/, null],
    ['/503.xml', 'http-503', /Retry-After: 120\)/, 120_000],
    ['/429.xml', 'rate-limited', /HTTP 429.*Retry-After: Wed, 21 Oct 2099/, 'positive'],
  ])('%s → TransientError %s', async (path, reason, message, retryAfterMs) => {
    const error = await failure(httpGet(`${server.url}${path}`, OPTS));
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect(error).toMatchObject({ reason });
    expect(error.message).toMatch(message);
    const { retryAfterMs: actual } = error as RetryLaterError;
    if (retryAfterMs === 'positive') expect(actual).toBeGreaterThan(0);
    else expect(actual).toBe(retryAfterMs);
  });

  test.each([
    ['/missing.xml', 'http-404'],
    ['/410.xml', 'http-410'],
  ])('%s → BadInputError %s', async (path, reason) => {
    const error = await failure(httpGet(`${server.url}${path}`, OPTS));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ reason });
  });

  test('a connection reset mid-body → TransientError network', async () => {
    const error = await failure(httpGet(`${server.url}/reset.xml`, OPTS));
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ reason: 'network' });
  });

  test('a refused connection → TransientError network', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const error = await failure(httpGet(`http://127.0.0.1:${port}/feed.xml`, OPTS));
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ reason: 'network' });
    expect(error.message).toContain('ECONNREFUSED');
  });

  test('a redirect chain (301, 302 absolute, 307 relative) is followed with the validators kept', async () => {
    const result = await httpGet(`${server.url}/r1`, { ...OPTS, etag: '"old"' });
    expect(result).toMatchObject({ status: 'ok', finalUrl: `${server.url}/etag.xml`, etag: ETAG });
    for (const path of ['/r1', '/r2', '/r3'])
      expect(requestsTo(path).at(-1)?.headers['if-none-match']).toBe('"old"');
  });

  test.each([
    ['a loop', '/loop', 5],
    ['a chain longer than maxRedirects', '/r1', 2],
  ])('%s → BadInputError too-many-redirects', async (_name, path, maxRedirects) => {
    const before = requestsTo(path).length;
    const error = await failure(httpGet(`${server.url}${path}`, { ...OPTS, maxRedirects }));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ reason: 'too-many-redirects' });
    expect(error.message).toContain(`more than ${maxRedirects} redirects`);
    if (path === '/loop') expect(requestsTo(path).length - before).toBe(maxRedirects + 1);
  });

  test.each([
    ['/to-ftp', 'bad-url', /ftp:/],
    ['/to-file', 'bad-url', /file:/],
    ['/no-location', 'http-302', /without a Location/],
  ])('redirect %s → BadInputError %s', async (path, reason, message) => {
    const error = await failure(httpGet(`${server.url}${path}`, OPTS));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ reason });
    expect(error.message).toMatch(message);
  });

  test.each([
    ['file:///etc/passwd', /file:/],
    ['ftp://127.0.0.1/feed.xml', /ftp:/],
    ['javascript:alert(1)', /javascript:/],
    ['data:text/xml,<rss/>', /data:/],
    ['not a url', /not a valid URL/],
    ['http://user:secret@127.0.0.1/feed.xml', /credentials/],
    ['http://127.0.0.1:6000/feed.xml', /port 6000 is blocked/],
  ])('%s is refused with bad-url before any request', async (url, message) => {
    const before = server.requests.length;
    const error = await failure(httpGet(url, OPTS));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ reason: 'bad-url' });
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('secret');
    expect(server.requests.length).toBe(before);
  });

  test('an Authorization header goes to its own origin only, never across a redirect to another', async () => {
    const other = await startFixtureServer({
      '/feed.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      },
    });
    const origin = await startFixtureServer({
      '/api': (_req, res) => {
        res.writeHead(302, { location: `${other.url}/feed.xml` }).end();
      },
    });
    try {
      const result = await httpGet(`${origin.url}/api`, {
        ...OPTS,
        headers: { authorization: 'Bearer s3cret' },
      });
      expect(result.status).toBe('ok');
      expect(origin.requests[0]?.headers.authorization).toBe('Bearer s3cret');
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await origin.close();
      await other.close();
    }
  });
});
