/**
 * "One request at a time per host, with a pause between" across processes: two real `ryktesradar collector`
 * processes poll eight sources on one loopback host; the server records when each request started and ended
 * and no two may overlap, with at least HOST_MIN_DELAY_MS from one request's end to the next one's start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSource, upsertSource } from '../../core/db/sources.ts';
import { scheduleSource } from '../../core/queues/collect-source.ts';
import { startFixtureServer, type FixtureServer, type Handler } from '../helpers/fixture-server.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const BIN = fileURLToPath(new URL('../../bin/ryktesradar.js', import.meta.url));
const DELAY_MS = 300;
const SOURCES = 8;
/** Each answer takes this long, so requests would overlap if the lock did not hold. */
const ANSWER_MS = 60;

interface Collector {
  child: ChildProcess;
  log: string;
}

function startCollectorProcess(env: Record<string, string>): Collector {
  const child = spawn(process.execPath, [BIN, 'collector'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const collector: Collector = { child, log: '' };
  child.stderr?.on('data', (chunk: Buffer) => (collector.log += chunk.toString()));
  return collector;
}

async function stop(collector: Collector | undefined): Promise<void> {
  const child = collector?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const rss = (i: number) =>
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>' +
  `<item><guid>item-${i}</guid><title>Nyhet ${i}</title><description>Nyhet nummer ${i} om skolan.</description>` +
  '<pubDate>Mon, 16 Nov 2026 12:00:00 +0000</pubDate></item></channel></rss>';

describe('two collector processes share each host politely', () => {
  let t: TestResources;
  let server: FixtureServer;
  const spans: { path: string; start: number; end: number }[] = [];
  const collectors: Collector[] = [];

  beforeAll(async () => {
    // Every request, robots.txt included, is timed from arrival to the moment its answer is written to the
    // socket: the end of the request as the host sees it. Not the 'finish' event: on a busy event loop it can run
    // after the client already had the bytes and had waited its pause, which measured a gap shorter than the
    // host's (298.5 ms for a 300 ms pause, once in CI).
    const timed =
      (answer: (res: ServerResponse) => void): Handler =>
      (req, res) => {
        const span = { path: req.url ?? '', start: performance.now(), end: Number.NaN };
        spans.push(span);
        setTimeout(() => {
          span.end = performance.now();
          answer(res);
        }, ANSWER_MS);
      };
    const routes: Record<string, Handler> = {
      '/robots.txt': timed((res) => res.writeHead(404).end()),
    };
    for (let i = 0; i < SOURCES; i += 1) {
      routes[`/feed-${i}.xml`] = timed((res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(i)),
      );
    }
    server = await startFixtureServer(routes);
    t = await openTestResources({ HOST_MIN_DELAY_MS: String(DELAY_MS) });
  });

  afterAll(async () => {
    await Promise.all(collectors.map(stop));
    await t?.cleanup();
    await server?.close();
  });

  it('never overlaps two requests to the host and keeps the pause between them', async () => {
    const env = {
      DATABASE_URL: t.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.prefix,
      AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
      FETCH_ALLOWLIST: '127.0.0.1/32',
      HOST_MIN_DELAY_MS: String(DELAY_MS),
      COLLECTOR_CONCURRENCY: '3',
      OCR_LANGUAGES: 'off',
      LOG_LEVEL: 'info',
    };
    collectors.push(startCollectorProcess(env), startCollectorProcess(env));
    // Sources are added once both processes take jobs, so both have a share of the work.
    await waitUntil(
      async () => collectors.map((c) => c.log.includes('collector started')),
      (ready) => ready.every(Boolean),
      { timeoutMs: 90_000, intervalMs: 100 },
    );
    const ids: number[] = [];
    for (let i = 0; i < SOURCES; i += 1) {
      const { source } = await upsertSource(t.resources.db, {
        kind: 'rss',
        name: `feed ${i}`,
        url: `${server.url}/feed-${i}.xml`,
        pollIntervalSeconds: 3_600,
      });
      ids.push(source.id);
    }
    await Promise.all(ids.map((id) => scheduleSource(t.resources.queues.collect, id, 3_600)));
    const sources = await waitUntil(
      () => Promise.all(ids.map((id) => getSource(t.resources.db, id))),
      (rows) => rows.every((row) => row?.last_polled_at),
      { timeoutMs: 30_000 },
    );
    for (const source of sources) expect(source).toMatchObject({ last_error: null, items_last_poll: 1 });

    const feeds = spans.filter((s) => s.path.startsWith('/feed-'));
    expect(feeds).toHaveLength(SOURCES);
    expect(server.requests).toHaveLength(spans.length);
    // Both processes did part of the work (each logs the sources it collected).
    for (const collector of collectors) expect(collector.log).toMatch(/"msg":"source collected"/);

    const ordered = [...spans].sort((a, b) => a.start - b.start);
    const gaps: number[] = [];
    for (let i = 1; i < ordered.length; i += 1) {
      const previous = ordered[i - 1];
      const next = ordered[i];
      if (!previous || !next) continue;
      gaps.push(next.start - previous.end);
    }
    // No overlap, and the pause between requests: Redis expires the pause with 1 ms resolution.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(DELAY_MS - 1);
  });
});
