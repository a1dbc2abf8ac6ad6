/**
 * One hostile item never fails a poll, for every kind, on real Postgres, Redis, HTTP (127.0.0.1) and Chromium: a
 * date in year 0000, NUL characters and lone surrogates in ids and text, items sharing an id, feed items that all
 * link to the home page, and Arabic windows-1256 served as UTF-8. The real collector stores the good items and the
 * repaired ones beside them, moves the cursor, and logs each repair or skip with its reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { QueueEvents } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKind } from '../../collectors/import/import.kind.ts';
import { startCollector } from '../../collectors/main.ts';
import { mastodonKind } from '../../collectors/mastodon/mastodon.kind.ts';
import { telegramKind } from '../../collectors/telegram/telegram.kind.ts';
import { previewSource } from '../../collectors/preview.ts';
import { parseWebOptions } from '../../collectors/web/web-config.ts';
import { loadConfig } from '../../core/config.ts';
import { getSource, upsertSource, type JsonObject, type SourceKind } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { openResources, type Resources } from '../../core/resources.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';

const CHANNEL = 'soc_granskning_demo';
const YEAR_ZERO = '0000-01-01T00:00:00Z';

const rssFeed = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hemma</title>` +
  `<link>http://home.example/</link>${items}</channel></rss>`;
const rssItem = (fields: { guid?: string; link?: string; title: string; date?: string }) =>
  `<item>${fields.guid === undefined ? '' : `<guid>${fields.guid}</guid>`}` +
  `${fields.link === undefined ? '' : `<link>${fields.link}</link>`}<title>${fields.title}</title>` +
  `<description>${fields.title}: text om socialtjänsten.</description>` +
  `<pubDate>${fields.date ?? 'Mon, 16 Nov 2026 12:00:00 +0000'}</pubDate></item>`;

const ARABIC = 'أعلنت وزارة الشؤون الاجتماعية اليوم عن خطة جديدة لدعم الأسر';
/** Text → windows-1256 bytes (the decoder's table, inverted). */
function windows1256(text: string): Buffer {
  const decoder = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let byte = 255; byte >= 0; byte -= 1) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Buffer.from([...text].map((char) => table.get(char) ?? 0x3f));
}

type Status = { id: string } & Record<string, unknown>;
const mastodonFixture = JSON.parse(
  fs.readFileSync(new URL('../fixtures/mastodon/tag-timeline.json', import.meta.url), 'utf8'),
) as Status[];

const WEB_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Tråd</title></head><body>
<article class="post"><p class="text">Första inlägget om socialtjänsten.</p>
  <time datetime="${YEAR_ZERO}">för länge sedan</time><a class="link" href="/t/hostile#p1">#</a></article>
<article class="post"><p class="text" id="nul"></p>
  <time datetime="2026-11-20T10:00:00Z">igår</time><a class="link" href="/t/hostile#p2">#</a></article>
<article class="post"><p class="text">Samma länk som inlägget ovan.</p>
  <time datetime="2026-11-20T11:00:00Z">igår</time><a class="link" href="/t/hostile#p2">#</a></article>
<script>document.getElementById('nul').textContent = 'Inlägg med NUL\\u0000 mitt i texten.';</script>
</body></html>`;

interface LogLine {
  msg: string;
  sourceId?: number;
  externalId?: string;
  reason?: string;
}

describe('collector: one hostile item never fails a batch', () => {
  let database: TestDatabase;
  let resources: Resources;
  let prefix: string;
  let server: FixtureServer;
  let collector: Stoppable;
  let queueEvents: QueueEvents;
  let dir: string;
  const logs: LogLine[] = [];

  beforeAll(async () => {
    const statuses = mastodonFixture.map((status, i) => {
      if (i === 0) return { ...status, created_at: '0000-01-01T00:00:00.000Z' };
      // Not the boost (index 1): a boost's text is the boosted status's.
      if (i === 2) return { ...status, content: '<p>NUL\u0000 och ensam \ud800 surrogat i texten.</p>' };
      return status;
    });
    const telegramPage = fs
      .readFileSync(new URL('../fixtures/telegram/channel-page-1.html', import.meta.url), 'utf8')
      .replace('datetime="2026-11-16T08:15:00+00:00"', 'datetime="0000-01-01T00:00:00+00:00"');
    server = await startFixtureServer({
      '/feed.xml': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
          .end(
            rssFeed(
              rssItem({ guid: 'nul-\u0000-guid', title: 'NUL i guid' }) +
                rssItem({ guid: 'year-zero', title: 'År noll', date: '0000-01-01T00:00:00Z' }) +
                rssItem({ guid: 'dup', title: 'Första med samma guid' }) +
                rssItem({ guid: 'dup', title: 'Andra med samma guid' }) +
                rssItem({ link: 'http://home.example/', title: 'Hem ett' }) +
                rssItem({ link: 'http://home.example/', title: 'Hem två' }) +
                rssItem({ link: 'http://home.example/egen', title: 'Egen länk' }),
            ),
          );
      },
      '/arabic.xml': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
          .end(windows1256(rssFeed(rssItem({ guid: 'ar-1', title: ARABIC }))));
      },
      '/api/v1/timelines/tag/hostile': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(statuses).replaceAll('https://mastodon.example', server.url));
      },
      [`/s/${CHANNEL}`]: (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(telegramPage.replaceAll('https://cdn4.telesco.pe', server.url));
      },
      '/t/hostile': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(WEB_PAGE);
      },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ryktesradar-hostile-'));
    fs.writeFileSync(
      path.join(dir, 'rows.jsonl'),
      [
        { id: 'r1', text: 'En vanlig rad om socialtjänsten.' },
        { id: 'r2', text: 'En rad med NUL\u0000 i texten.' },
        { id: 'r3\u0000', text: 'En rad med NUL i id:t.' },
        { id: 'r4', text: 'En rad med ensam \udc00 surrogat.' },
      ]
        .map((row) => JSON.stringify(row))
        .join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'rows.csv'), 'id,text\nc1,Vanlig rad\nc2,Rad med NUL\u0000 i cellen\n');

    database = await createTestDatabase();
    prefix = uniquePrefix();
    const config = loadConfig({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
      LOG_LEVEL: 'info',
      FETCH_TIMEOUT_MS: '5000',
      FETCH_ALLOWLIST: '127.0.0.1/32',
      HOST_MIN_DELAY_MS: '0',
      OCR_LANGUAGES: 'off',
    });
    // The collector's log, kept to check that every repair and skip is logged with its reason.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line.trim()) logs.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    resources = openResources(config, pino({ level: 'info' }, sink));
    queueEvents = new QueueEvents('collect-source', { connection: { url: TEST_REDIS_URL }, prefix });
    await queueEvents.waitUntilReady();
    collector = await startCollector(resources);
  }, 60_000);

  afterAll(async () => {
    await collector?.close();
    await queueEvents?.close();
    await resources?.close();
    await database?.drop();
    if (prefix) await deletePrefix(prefix);
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function addSource(kind: Exclude<SourceKind, 'sample'>, url: string, config: JsonObject = {}) {
    const { source } = await upsertSource(resources.db, {
      kind,
      name: `${kind} ${url}`,
      url,
      pollIntervalSeconds: 3_600,
      config,
    });
    return source.id;
  }

  /** One poll through the queue; the time around it bounds "collection time". */
  async function poll(sourceId: number) {
    const before = new Date();
    const job = await resources.queues.collect.add('collect', { sourceId });
    const result = (await job.waitUntilFinished(queueEvents, 30_000)) as Record<string, unknown>;
    return { result, before, after: new Date() };
  }

  const postsOf = (sourceId: number) =>
    resources.db
      .selectFrom('posts')
      .select(['external_id', 'title', 'text', 'published_at'])
      .where('source_id', '=', sourceId)
      .orderBy('external_id')
      .execute();
  const logged = (sourceId: number, msg: string) =>
    logs.filter((line) => line.sourceId === sourceId && line.msg === msg);
  const within = (date: Date, range: { before: Date; after: Date }) =>
    date.getTime() >= range.before.getTime() - 1_000 && date.getTime() <= range.after.getTime();

  it('rss: NUL in a guid, year 0000, a repeated guid and home-page links; all stored, each once', async () => {
    const sourceId = await addSource('rss', `${server.url}/feed.xml`);
    const { result } = await poll(sourceId);
    expect(result).toMatchObject({ outcome: 'stored', inserted: 6, skipped: 1 });
    const posts = await postsOf(sourceId);
    expect(posts.map((p) => p.title)).toEqual(
      expect.arrayContaining([
        'NUL i guid',
        'År noll',
        'Första med samma guid',
        'Hem ett',
        'Hem två',
        'Egen länk',
      ]),
    );
    expect(posts.map((p) => p.external_id)).toContain('nul--guid');
    expect(posts.map((p) => p.external_id)).toContain('http://home.example/egen');
    expect(posts.filter((p) => p.external_id.startsWith('http://home.example/#sha256:'))).toHaveLength(2);
    expect(logged(sourceId, 'item skipped')).toEqual([
      expect.objectContaining({ externalId: 'dup', reason: 'same id as item 3' }),
    ]);
    expect(logged(sourceId, 'item repaired')).toEqual([
      expect.objectContaining({ externalId: 'nul--guid', reason: expect.stringMatching(/^NUL/) }),
    ]);
    // Polled again: nothing new, so ids derived from links are stable.
    expect((await poll(sourceId)).result).toMatchObject({ outcome: 'stored', inserted: 0 });
  });

  it('sources preview shows the feed as it would be stored: cleaned, a repeated guid skipped with its reason', async () => {
    const warnings: LogLine[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        warnings.push(JSON.parse(chunk.toString('utf8')) as LogLine);
        done();
      },
    });
    const preview = await previewSource(
      { kind: 'rss', target: `${server.url}/feed.xml`, options: {} },
      resources.config.collector,
      pino({ level: 'warn' }, sink),
    );
    expect(preview.items.map((item) => item.externalId)).toContain('nul--guid');
    expect(preview.items.find((item) => item.externalId === 'year-zero')?.publishedAt).toBeNull();
    expect(preview.skipped).toEqual([{ externalId: 'dup', reason: 'same id as item 3' }]);
    expect(warnings).toEqual([expect.objectContaining({ msg: 'item repaired', externalId: 'nul--guid' })]);
  });

  it('rss: Arabic windows-1256 served as UTF-8 is stored as Arabic, with a warning naming the source', async () => {
    const sourceId = await addSource('rss', `${server.url}/arabic.xml`);
    expect((await poll(sourceId)).result).toMatchObject({ outcome: 'stored', inserted: 1 });
    const [post] = await postsOf(sourceId);
    expect(post?.title).toBe(ARABIC);
    expect(post?.text).not.toContain('\ufffd');
    expect(logged(sourceId, 'feed bytes are not UTF-8 as labelled or assumed; read as encoding')).toEqual([
      expect.objectContaining({ encoding: 'windows-1256' }),
    ]);
  });

  it('mastodon: a status from year 0000 and one with NUL and a lone surrogate; all stored, cursor moved', async () => {
    const registration = mastodonKind.register(`${server.url}/tags/hostile`, {});
    const sourceId = await addSource('mastodon', registration.url, registration.config);
    const polled = await poll(sourceId);
    expect(polled.result).toMatchObject({ outcome: 'stored' });
    const posts = await postsOf(sourceId);
    const [yearZero, , nul] = mastodonFixture;
    const byId = new Map(posts.map((p) => [p.external_id, p]));
    expect(within(byId.get(yearZero?.id ?? '')?.published_at ?? new Date(0), polled)).toBe(true);
    expect(byId.get(nul?.id ?? '')?.text).toBe('NUL och ensam \ufffd surrogat i texten.');
    const source = await getSource(resources.db, sourceId);
    expect(source?.last_error).toBeNull();
    const newest = [...mastodonFixture.map((s) => s.id)].sort().at(-1);
    expect(source?.state).toMatchObject({ minId: newest });
    expect(logged(sourceId, 'item repaired').map((line) => line.externalId)).toEqual(
      expect.arrayContaining([yearZero?.id, nul?.id]),
    );
  });

  it('telegram: a message dated year 0000 is stored at collection time beside the others', async () => {
    const registration = telegramKind.register(`${server.url}/s/${CHANNEL}`, { pages: '1' });
    const sourceId = await addSource('telegram', registration.url, registration.config);
    const polled = await poll(sourceId);
    expect(polled.result).toMatchObject({ outcome: 'stored' });
    const posts = await postsOf(sourceId);
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.filter((p) => within(p.published_at, polled))).toHaveLength(1);
    expect(logged(sourceId, 'item repaired')).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^date 0000-01-01T00:00:00.000Z is outside/) }),
    ]);
  });

  it('web: year 0000, NUL from a script and a repeated link; stored with the snapshot', async () => {
    const sourceId = await addSource(
      'web',
      `${server.url}/t/hostile`,
      parseWebOptions({ item: 'article.post', text: '.text', time: 'time', link: 'a.link' }),
    );
    const polled = await poll(sourceId);
    expect(polled.result).toMatchObject({ outcome: 'stored', inserted: 2, skipped: 1 });
    const posts = await postsOf(sourceId);
    expect(posts.map((p) => p.text)).toEqual([
      'Första inlägget om socialtjänsten.',
      'Inlägg med NUL mitt i texten.',
    ]);
    expect(within(posts[0]!.published_at, polled)).toBe(true);
    const snapshots = await resources.db
      .selectFrom('snapshot_posts')
      .innerJoin('snapshots', 'snapshots.id', 'snapshot_posts.snapshot_id')
      .select(['snapshots.html'])
      .where('snapshots.source_id', '=', sourceId)
      .execute();
    expect(snapshots).toHaveLength(2);
    expect(snapshots[0]?.html).not.toContain('\u0000');
    expect(logged(sourceId, 'item skipped')).toEqual([
      expect.objectContaining({ reason: 'same id as item 2' }),
    ]);
  }, 60_000);

  it.each([
    ['rows.jsonl', { text: 'text', id: 'id' }, 4],
    ['rows.csv', { text: 'text', id: 'id' }, 2],
  ])(
    'import %s: rows with NUL or a lone surrogate are stored beside the others',
    async (file, options, n) => {
      const registration = importKind.register(path.join(dir, file), options);
      const sourceId = await addSource('import', registration.url, registration.config);
      expect((await poll(sourceId)).result).toMatchObject({ outcome: 'stored', inserted: n });
      const texts = (await postsOf(sourceId)).map((p) => p.text).join('\n');
      expect(texts).not.toContain('\u0000');
      expect(texts).not.toMatch(/[\ud800-\udfff]/);
      expect(await getSource(resources.db, sourceId)).toMatchObject({ last_error: null, items_last_poll: n });
    },
  );
});
