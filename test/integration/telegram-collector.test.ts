/**
 * The telegram kind end to end on real Postgres, Redis and HTTP: a loopback server stands in for t.me/s and serves
 * the fixture pages; the real collector pages back, stores each message once with views, context and media, keeps
 * its cursor in `sources.state`, reads only newer messages later, and records a garbage page as a failure without
 * losing or skipping anything.
 */
import fs from 'node:fs';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../collectors/main.ts';
import { telegramKind } from '../../collectors/telegram/telegram.kind.ts';
import { getSource, upsertSource } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

const CHANNEL = 'soc_granskning_demo';
const page = (n: number) =>
  fs.readFileSync(new URL(`../fixtures/telegram/channel-page-${n}.html`, import.meta.url), 'utf8');
const GARBAGE = '<html><body><h1>Too Many Requests</h1><p>retry later</p></body></html>';

describe('telegram collector: t.me/s preview → Postgres', () => {
  let t: TestResources;
  let server: FixtureServer;
  let collector: Stoppable;
  let queueEvents: QueueEvents;
  let sourceId: number;
  /** What the stand-in serves: the newest page, and pages by their `?before=` value. */
  const pages: { newest: string; before: Record<string, string> } = { newest: '', before: {} };
  /** Every request to the channel page, with its query. */
  const hits: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer({
      [`/s/${CHANNEL}`]: (req, res) => {
        hits.push(req.url ?? '');
        const before = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('before');
        const body = before === null ? pages.newest : pages.before[before];
        if (body === undefined) {
          res.writeHead(404).end();
          return;
        }
        // Media links point at the stand-in, so nothing that reads them later leaves loopback.
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(body.replaceAll('https://cdn4.telesco.pe', server.url));
      },
    });
    t = await openTestResources({ OCR_LANGUAGES: 'off' });
    queueEvents = new QueueEvents('collect-source', {
      connection: { url: t.resources.config.redis.url },
      prefix: t.prefix,
    });
    await queueEvents.waitUntilReady();
    collector = await startCollector(t.resources);
    const registration = telegramKind.register(`${server.url}/s/${CHANNEL}`, { pages: '3' });
    const { source } = await upsertSource(t.resources.db, {
      kind: 'telegram',
      name: registration.name,
      url: registration.url,
      pollIntervalSeconds: 3_600,
      config: registration.config,
    });
    sourceId = source.id;
  });

  afterAll(async () => {
    await collector?.close();
    await queueEvents?.close();
    await t?.cleanup();
    await server?.close();
  });

  const poll = async () => {
    const job = await t.resources.queues.collect.add('collect', { sourceId });
    return job.waitUntilFinished(queueEvents, 20_000) as Promise<Record<string, unknown>>;
  };
  const posts = () =>
    t.resources.db
      .selectFrom('posts')
      .select([
        'external_id',
        'url',
        'text',
        'author_pseudonym',
        'published_at',
        'metrics',
        'context',
        'media',
      ])
      .where('source_id', '=', sourceId)
      .orderBy('external_id')
      .execute();

  it('first poll: the newest page, then back with ?before= to the channel start; each message stored once', async () => {
    pages.newest = page(1);
    pages.before = { '109': page(2) };
    const before = hits.length;
    const result = await poll();
    // 118 is a screenshot without a caption: stored (for OCR); a service message and a sticker are skipped.
    expect(result).toMatchObject({ outcome: 'stored', items: 16, inserted: 16, skipped: 2 });
    expect(hits.slice(before)).toEqual([`/s/${CHANNEL}`, `/s/${CHANNEL}?before=109`]);

    const rows = await posts();
    expect(rows.map((r) => r.external_id)).toEqual([
      '102',
      '103',
      '104',
      '106',
      '107',
      '108',
      '109',
      '110',
      '111',
      '112',
      '113',
      '114',
      '115',
      '116',
      '117',
      '118',
    ]);
    const byId = new Map(rows.map((r) => [r.external_id, r]));
    expect(byId.get('109')).toMatchObject({
      url: `https://t.me/${CHANNEL}/109`,
      metrics: { views: 1_200 },
      published_at: new Date('2026-11-16T08:15:00Z'),
    });
    expect(byId.get('110')?.text).toContain('<script>alert(1)</script>');
    expect(byId.get('110')?.text).not.toContain('pwned');
    expect(byId.get('113')).toMatchObject({ text: '😡🔥', metrics: { views: 1_000_000 } });
    expect(byId.get('114')?.context).toEqual({ replyTo: `https://t.me/${CHANNEL}/111` });
    // The forwarding channel is stored as its pseudonym, never in clear.
    expect(byId.get('115')?.context).toEqual({ forwardedFrom: expect.stringMatching(/^a_[0-9a-f]{24}$/) });
    expect(byId.get('111')?.context).toEqual({ forwardedFrom: 'not-public' });
    expect(byId.get('116')?.media).toEqual([
      { url: `${server.url}/file/album-one.jpg`, kind: 'image' },
      { url: `${server.url}/file/album-two.jpg`, kind: 'image' },
    ]);
    expect(byId.get('117')?.media).toEqual([
      { url: `${server.url}/file/video.mp4?token=demo`, kind: 'video' },
      { url: `${server.url}/file/video-thumb.jpg`, kind: 'image' },
    ]);
    // Authors are pseudonyms: the signed post's author differs from the channel's, and no name is stored in clear.
    expect(byId.get('117')?.author_pseudonym).toMatch(/^a_[0-9a-f]{24}$/);
    expect(byId.get('117')?.author_pseudonym).not.toBe(byId.get('109')?.author_pseudonym);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('Redaktör Demo');
    expect(stored).not.toContain('Privat Person Demo');

    const source = await getSource(t.resources.db, sourceId);
    expect(source).toMatchObject({ state: { lastId: 118 }, items_last_poll: 16, last_error: null });
  });

  it('polling again reads only the newest page and stores nothing twice', async () => {
    const before = hits.length;
    const result = await poll();
    expect(result).toMatchObject({ outcome: 'stored', items: 0, inserted: 0 });
    expect(hits.slice(before)).toEqual([`/s/${CHANNEL}`]);
    expect(await posts()).toHaveLength(16);
    expect((await getSource(t.resources.db, sourceId))?.state).toEqual({ lastId: 118 });
  });

  it('a garbage page while paging is a recorded failure; the cursor stays, so nothing is lost', async () => {
    pages.newest = page(3);
    pages.before = { '119': GARBAGE };
    await expect(poll()).rejects.toThrow(/not-a-channel-page/);
    const source = await getSource(t.resources.db, sourceId);
    expect(source?.last_error).toMatch(/^not-a-channel-page/);
    expect(source?.consecutive_failures).toBe(1);
    expect(source?.state).toEqual({ lastId: 118 });
    expect(await posts()).toHaveLength(16);
  });

  it('the next poll reads the newer messages, down to the cursor and no further', async () => {
    pages.before = { '119': page(1) };
    const before = hits.length;
    const result = await poll();
    expect(result).toMatchObject({ outcome: 'stored', items: 8, inserted: 8, skipped: 0 });
    expect(hits.slice(before)).toEqual([`/s/${CHANNEL}`, `/s/${CHANNEL}?before=119`]);
    const rows = await posts();
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((r) => r.external_id)).size).toBe(24);
    expect(rows.find((r) => r.external_id === '120')?.text).toBe(
      'السوسيال أخذ طفلين آخرين في أوربرو، العائلة تطلب المساعدة',
    );
    const source = await getSource(t.resources.db, sourceId);
    // The last error stays visible as history; the failure count is back to 0.
    expect(source).toMatchObject({ state: { lastId: 126 }, consecutive_failures: 0, items_last_poll: 8 });
  });
});
