/**
 * The `web` kind end to end with real Chromium, Postgres, Redis and HTTP: a JavaScript-rendered forum thread on
 * 127.0.0.1 (FETCH_ALLOWLIST=127.0.0.1/32) is polled by the real collector; posts land once, "load more" stops at
 * the item limit, an evidence snapshot is stored and opened with the CLI. The page also tries to reach 127.0.0.2,
 * which the guard proxy refuses: a server listening there must see nothing. A page over the byte cap and a bad
 * selector are recorded failures with their reasons.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../collectors/main.ts';
import { parseWebOptions } from '../../collectors/web/web-config.ts';
import { getSource, upsertSource } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { scheduleSource } from '../../core/queues/collect-source.ts';
import { runCli } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const MAX_BYTES = 300_000;
const template = fs.readFileSync(new URL('../fixtures/web/forum-thread.html', import.meta.url), 'utf8');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const OPTIONS = {
  item: 'article.topic-post',
  text: '.cooked',
  author: '.username',
  time: 'time',
  link: 'a.post-date',
  more: '#load-more',
  scrolls: '5',
  maxItems: '10',
};

describe('web collector: rendered pages, guard proxy, snapshots', () => {
  let t: TestResources;
  let server: FixtureServer;
  let forbidden: http.Server;
  const forbiddenSeen: string[] = [];
  let collector: Stoppable;

  beforeAll(async () => {
    // A second loopback address the allowlist leaves out: the page's image, fetch and onerror beacon aim here.
    forbidden = http.createServer((req, res) => {
      forbiddenSeen.push(req.url ?? '');
      res.end('should never be reached');
    });
    await new Promise<void>((resolve) => forbidden.listen(0, '127.0.0.2', resolve));
    const forbiddenUrl = `http://127.0.0.2:${(forbidden.address() as AddressInfo).port}`;
    const page = template.replaceAll('{{FORBIDDEN}}', forbiddenUrl);
    const html = (body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    };
    server = await startFixtureServer({
      '/t/socialtjansten-och-lvu/4711': html(page),
      '/t/bad-selector': html(page),
      // Padding in a comment: nothing to see, only bytes, streamed past the cap.
      '/t/huge': html(page.replace('<body>', `<body><!--${'x'.repeat(MAX_BYTES + 50_000)}-->`)),
      '/privat/t/1': html(page),
      '/robots.txt': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end('User-agent: Ryktesradar\nDisallow: /privat/\n');
      },
    });
    t = await openTestResources({ FETCH_ALLOWLIST: '127.0.0.1/32', FETCH_MAX_BYTES: String(MAX_BYTES) });
    collector = await startCollector(t.resources);
  });

  afterAll(async () => {
    await collector?.close();
    await t?.cleanup();
    await server?.close();
    await new Promise((resolve) => forbidden?.close(resolve));
  });

  async function addSource(pathname: string, options: Record<string, string>) {
    const { source } = await upsertSource(t.resources.db, {
      kind: 'web',
      name: pathname,
      url: `${server.url}${pathname}`,
      pollIntervalSeconds: 3_600,
      config: parseWebOptions(options),
    });
    await scheduleSource(t.resources.queues.collect, source.id, 3_600);
    return source.id;
  }

  const polled = (id: number, after: Date | null = null) =>
    waitUntil(
      () => getSource(t.resources.db, id),
      (row) => Boolean(row?.last_polled_at && (!after || row.last_polled_at > after)),
    );

  it('stores the items once, up to the limit, with a snapshot that matches its hashes', async () => {
    const id = await addSource('/t/socialtjansten-och-lvu/4711', OPTIONS);
    const first = await polled(id);
    expect(first).toMatchObject({ last_error: null, items_last_poll: 10 });

    const posts = await t.resources.db
      .selectFrom('posts')
      .select(['id', 'external_id', 'text', 'author_pseudonym', 'published_at'])
      .where('source_id', '=', id)
      .orderBy('published_at')
      .execute();
    // 4 shown first, the rest brought by "Visa fler" and scrolling, stopped at maxItems = 10 of 14.
    expect(posts.map((p) => p.external_id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `${server.url}/t/socialtjansten-och-lvu/4711/${i + 1}`),
    );
    expect(posts[2]?.text).toContain('الخدمات الاجتماعية');
    expect(posts[3]?.text).toContain('ingen tog hennes barn.\nDet finns');
    expect(posts[3]?.published_at.toISOString()).toBe('2026-11-10T09:30:00.000Z');
    // The post that is markup is stored as the text it shows; the script in it never ran.
    expect(posts[4]?.text).toBe(
      "<script>document.title='pwned'</script><b>Klicka här</b> för sanningen om soc!",
    );
    expect(posts.every((p) => p.author_pseudonym && !/Sara|Lindgren/.test(p.author_pseudonym))).toBe(true);

    // Second poll: same page, nothing new, no second snapshot.
    await t.resources.queues.collect.add('collect', { sourceId: id });
    const second = await polled(id, first?.last_polled_at ?? null);
    expect(second).toMatchObject({ last_error: null, items_last_poll: 0 });
    const count = await t.resources.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(10);

    const snapshots = await t.resources.db
      .selectFrom('snapshots')
      .selectAll()
      .where('source_id', '=', id)
      .execute();
    expect(snapshots).toHaveLength(1);
    const [snapshot] = snapshots;
    if (!snapshot) throw new Error('no snapshot');
    expect(snapshot.png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(sha256(snapshot.png)).toBe(snapshot.png_sha256);
    expect(sha256(snapshot.html)).toBe(snapshot.html_sha256);
    expect(snapshot.png_bytes).toBe(snapshot.png.byteLength);
    expect(snapshot.html).toContain('Visa fler');
    expect(snapshot.html).toContain('ingen tog hennes barn');
    expect(snapshot.html).not.toContain('<title>pwned');
    const links = await t.resources.db
      .selectFrom('snapshot_posts')
      .select('post_id')
      .where('snapshot_id', '=', snapshot.id)
      .execute();
    expect(links.map((l) => l.post_id).sort((a, b) => a - b)).toEqual(
      posts.map((p) => p.id).sort((a, b) => a - b),
    );

    // The page's image, fetch and onerror beacon to 127.0.0.2 were refused by the proxy before any connection.
    expect(forbiddenSeen).toEqual([]);
    const pageRequests = server.requests.filter((r) => r.path === '/t/socialtjansten-och-lvu/4711');
    expect(pageRequests.length).toBe(2);
    expect(pageRequests[0]?.headers['user-agent']).toMatch(/^Ryktesradar\//);

    // Analysts open it later with the CLI.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-snapshot-'));
    const env = {
      DATABASE_URL: t.database.url,
      REDIS_URL: t.resources.config.redis.url,
      QUEUE_PREFIX: t.prefix,
      AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
    };
    const listed = await runCli(['snapshots', 'list', '--source', String(id)], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${snapshot.id}\tsource ${id}`);
    expect(listed.stdout).toContain('10 posts');
    const got = await runCli(
      ['snapshots', 'get', String(snapshot.id), '--png', `${dir}/s.png`, '--html', `${dir}/s.html`],
      env,
    );
    expect(got.code).toBe(0);
    expect(sha256(fs.readFileSync(`${dir}/s.png`))).toBe(snapshot.png_sha256);
    expect(sha256(fs.readFileSync(`${dir}/s.html`))).toBe(snapshot.html_sha256);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records a page over the byte cap and a bad selector as failures with reasons', async () => {
    const huge = await addSource('/t/huge', OPTIONS);
    const badSelector = await addSource('/t/bad-selector', { ...OPTIONS, item: 'article.topic-post[' });
    const [hugeRow, badRow] = await Promise.all([polled(huge), polled(badSelector)]);
    expect(hugeRow?.last_error).toMatch(/^too-large: .*300000 bytes/);
    expect(badRow?.last_error).toBe(
      'bad-selector: -o item="article.topic-post[" is not a valid CSS selector',
    );
    const stored = await t.resources.db
      .selectFrom('posts')
      .select('id')
      .where('source_id', 'in', [huge, badSelector])
      .execute();
    expect(stored).toEqual([]);
  });

  it('does not load a page that robots.txt disallows for us', async () => {
    const id = await addSource('/privat/t/1', OPTIONS);
    const row = await polled(id);
    expect(row?.last_error).toMatch(/^robots-disallowed: /);
    expect(server.requests.filter((r) => r.path.startsWith('/privat/'))).toEqual([]);
  });
});
