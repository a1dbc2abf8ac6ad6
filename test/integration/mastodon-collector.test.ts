/**
 * The mastodon kind end to end on real Postgres, Redis and HTTP: a loopback server plays a Mastodon instance
 * (min_id/limit paging as the API documents it, a token check, fixture statuses); the real collector stores each
 * status once with counts, context and media, keeps `minId` (and an account's id) in `sources.state`, reads only
 * newer statuses later, skips a malformed status with its reason, and records a garbage answer as a failure.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../collectors/main.ts';
import { mastodonKind } from '../../collectors/mastodon/mastodon.kind.ts';
import { compareIds } from '../../collectors/mastodon/status-id.ts';
import { getSource, upsertSource } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

type Status = { id: string } & Record<string, unknown>;
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/mastodon/${name}`, import.meta.url), 'utf8')) as unknown;
const TOKEN = 's3cret-token-for-tests';
const ACCOUNT_ID = '109000000000000001';

/** A timeline as Mastodon pages it: newest first; with min_id, the statuses right after it. */
function timelinePage(statuses: readonly Status[], query: URLSearchParams, cap: number): Status[] {
  const limit = Math.min(Number(query.get('limit') ?? 20), cap);
  const minId = query.get('min_id');
  const ascending = [...statuses].sort((a, b) => compareIds(a.id, b.id));
  if (minId === null) return ascending.slice(-limit).reverse();
  return ascending
    .filter((s) => compareIds(s.id, minId) > 0)
    .slice(0, limit)
    .reverse();
}

describe('mastodon collector: hashtag and account timelines → Postgres', () => {
  let t: TestResources;
  let server: FixtureServer;
  let collector: Stoppable;
  let queueEvents: QueueEvents;
  const instance = {
    tag: fixture('tag-timeline.json') as Status[],
    account: fixture('account-statuses.json') as Status[],
    /** Most statuses per page the instance hands out (Mastodon: 40). */
    cap: 40,
    /** Answer the tag timeline with this raw body instead. */
    garbage: null as string | null,
  };
  /** Requests with their query and Authorization header. */
  const hits: { url: string; authorization: string | undefined }[] = [];
  const ids: Record<string, number> = {};

  const send = (res: ServerResponse, status: number, body: unknown) =>
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      // Media and account links point at the stand-in, so nothing that reads them later leaves loopback.
      .end(JSON.stringify(body).replaceAll('https://mastodon.example', server.url));
  const authorised = (req: IncomingMessage, res: ServerResponse) => {
    hits.push({ url: req.url ?? '', authorization: req.headers.authorization });
    if (req.headers.authorization === `Bearer ${TOKEN}`) return true;
    send(res, 401, { error: 'The access token is invalid' });
    return false;
  };
  const query = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;

  beforeAll(async () => {
    server = await startFixtureServer({
      '/api/v1/timelines/tag/socialtj%C3%A4nsten': (req, res) => {
        if (!authorised(req, res)) return;
        if (instance.garbage !== null) {
          res.writeHead(200, { 'content-type': 'text/html' }).end(instance.garbage);
          return;
        }
        send(res, 200, timelinePage(instance.tag, query(req), instance.cap));
      },
      // Closed to anonymous readers, like many instances' timelines.
      '/api/v1/timelines/tag/lvu': (req, res) => {
        if (authorised(req, res)) send(res, 200, []);
      },
      '/api/v1/accounts/lookup': (req, res) => {
        hits.push({ url: req.url ?? '', authorization: req.headers.authorization });
        if (query(req).get('acct') === 'soc_vakt_demo') send(res, 200, fixture('account-lookup.json'));
        else send(res, 404, { error: 'Record not found' });
      },
      [`/api/v1/accounts/${ACCOUNT_ID}/statuses`]: (req, res) => {
        hits.push({ url: req.url ?? '', authorization: req.headers.authorization });
        send(res, 200, timelinePage(instance.account, query(req), instance.cap));
      },
    });
    t = await openTestResources({ OCR_LANGUAGES: 'off' });
    queueEvents = new QueueEvents('collect-source', {
      connection: { url: t.resources.config.redis.url },
      prefix: t.prefix,
    });
    await queueEvents.waitUntilReady();
    collector = await startCollector(t.resources);
    const sources: Record<string, [string, Record<string, string>]> = {
      tag: [`${server.url}/tags/socialtj%C3%A4nsten`, { token: TOKEN, pages: '5' }],
      account: [`${server.url}/@soc_vakt_demo`, {}],
      closed: [`${server.url}/tags/lvu`, {}],
      refused: [`${server.url}/tags/lvu?`, { token: 'wrong-token-value' }],
    };
    for (const [key, [target, options]] of Object.entries(sources)) {
      const registration = mastodonKind.register(target, options);
      const { source } = await upsertSource(t.resources.db, {
        kind: 'mastodon',
        name: registration.name,
        // Two sources of one timeline (with and without a token) need two rows.
        url: key === 'refused' ? `${registration.url}?refused` : registration.url,
        pollIntervalSeconds: 3_600,
        config: registration.config,
      });
      ids[key] = source.id;
    }
  });

  afterAll(async () => {
    await collector?.close();
    await queueEvents?.close();
    await t?.cleanup();
    await server?.close();
  });

  const poll = async (key: string) => {
    const job = await t.resources.queues.collect.add('collect', { sourceId: ids[key]! });
    return job.waitUntilFinished(queueEvents, 20_000) as Promise<Record<string, unknown>>;
  };
  const posts = (key: string) =>
    t.resources.db
      .selectFrom('posts')
      .select(['external_id', 'url', 'title', 'text', 'author_pseudonym', 'metrics', 'context', 'media'])
      .where('source_id', '=', ids[key]!)
      .orderBy('external_id')
      .execute();

  it('first poll of a hashtag: the newest statuses with counts, context and media; the token is sent', async () => {
    const before = hits.length;
    const result = await poll('tag');
    expect(result).toMatchObject({ outcome: 'stored', items: 5, inserted: 5, skipped: 0 });
    expect(hits.slice(before)).toEqual([
      { url: '/api/v1/timelines/tag/socialtj%C3%A4nsten?limit=40', authorization: `Bearer ${TOKEN}` },
    ]);
    const rows = await posts('tag');
    const byId = new Map(rows.map((r) => [r.external_id.slice(-3), r]));
    expect([...byId.keys()]).toEqual(['101', '102', '103', '104', '105']);
    expect(byId.get('103')).toMatchObject({
      title: 'Barn och myndigheter',
      url: `${server.url}/@soc_vakt_demo/113500000000000103`,
      metrics: { reactions: 30, forwards: 7, replies: 1 },
      media: [
        {
          url: `${server.url}/system/media_attachments/files/113/113500000000900001/original/113500000000900001.mp4`,
          kind: 'video',
        },
        {
          url: `${server.url}/system/media_attachments/files/113/113500000000900001/small/113500000000900001.jpg`,
          kind: 'image',
        },
      ],
    });
    expect(byId.get('105')?.context).toEqual({
      replyTo: `${server.url}/api/v1/statuses/113500000000000103`,
      thread: `${server.url}/api/v1/statuses/113500000000000103`,
    });
    expect(byId.get('104')).toMatchObject({
      url: 'https://annan.example/@granskare/77',
      text: 'تحذير: رسائل كاذبة عن السوسيال تنتشر في مجموعات واتساب. تحققوا من المصادر.',
      metrics: { reactions: 80, forwards: 55, replies: 2 },
      context: { forwardedFrom: expect.stringMatching(/^a_[0-9a-f]{24}$/) },
    });
    // The boosted account is stored as its pseudonym, never in clear.
    expect(JSON.stringify(byId.get('104')?.context)).not.toContain('granskare');
    expect(byId.get('102')?.text).toContain('#السوسيال');
    expect(rows.every((r) => /^a_[0-9a-f]{24}$/.test(r.author_pseudonym ?? ''))).toBe(true);
    // Authors are pseudonyms, one per account (the status URL itself names the account, as on the web).
    expect(byId.get('101')?.author_pseudonym).toBe(byId.get('102')?.author_pseudonym);
    expect(byId.get('101')?.author_pseudonym).not.toBe(byId.get('103')?.author_pseudonym);
    expect((await getSource(t.resources.db, ids['tag']!))?.state).toEqual({ minId: '113500000000000105' });
  });

  it('polling again asks only for what is newer than the cursor and stores nothing twice', async () => {
    const before = hits.length;
    expect(await poll('tag')).toMatchObject({ outcome: 'stored', items: 0, inserted: 0 });
    expect(hits.slice(before).map((h) => h.url)).toEqual([
      '/api/v1/timelines/tag/socialtj%C3%A4nsten?limit=40&min_id=113500000000000105',
    ]);
    expect(await posts('tag')).toHaveLength(5);
  });

  it('newer statuses are read forwards page by page until an empty page; a picture-only one is kept for OCR', async () => {
    instance.tag.push(...(fixture('tag-timeline-newer.json') as Status[]));
    instance.cap = 2;
    const before = hits.length;
    expect(await poll('tag')).toMatchObject({ outcome: 'stored', items: 4, inserted: 4, skipped: 0 });
    expect(hits.slice(before).map((h) => new URL(h.url, server.url).searchParams.get('min_id'))).toEqual([
      '113500000000000105',
      '113500000000000107',
      '113500000000000109',
    ]);
    const rows = await posts('tag');
    expect(rows.map((r) => r.external_id.slice(-3))).toEqual([
      '101',
      '102',
      '103',
      '104',
      '105',
      '106',
      '107',
      '108',
      '109',
    ]);
    expect(rows.find((r) => r.external_id.endsWith('108'))?.context).toEqual({
      replyTo: `${server.url}/api/v1/statuses/113500000000000106`,
      thread: `${server.url}/api/v1/statuses/113500000000000106`,
    });
    expect((await getSource(t.resources.db, ids['tag']!))?.state).toEqual({ minId: '113500000000000109' });
  });

  it('a garbage answer is a recorded failure; the cursor stays and nothing is lost', async () => {
    instance.garbage = '<!DOCTYPE html><html><body>We are down for maintenance</body></html>';
    await expect(poll('tag')).rejects.toThrow(/bad-json/);
    const source = await getSource(t.resources.db, ids['tag']!);
    expect(source).toMatchObject({ consecutive_failures: 1, state: { minId: '113500000000000109' } });
    expect(source?.last_error).toMatch(/^bad-json: the timeline answer is not JSON/);
    expect(await posts('tag')).toHaveLength(9);
    instance.garbage = null;
  });

  it('a malformed status is skipped with its reason, the others go in, and the cursor moves past it', async () => {
    const [template] = fixture('tag-timeline-newer.json') as Status[];
    instance.tag.push(
      { ...template!, id: '113500000000000110', account: null },
      { ...template!, id: '113500000000000111', content: '<p>Ny tråd om socialtjänsten i Uppsala.</p>' },
    );
    expect(await poll('tag')).toMatchObject({ outcome: 'stored', items: 1, inserted: 1, skipped: 1 });
    const rows = await posts('tag');
    expect(rows.map((r) => r.external_id.slice(-3))).toContain('111');
    expect(rows.map((r) => r.external_id.slice(-3))).not.toContain('110');
    const source = await getSource(t.resources.db, ids['tag']!);
    expect(source).toMatchObject({ consecutive_failures: 0, state: { minId: '113500000000000111' } });
  });

  it('an account: looked up once, its id kept in the state, boosts included', async () => {
    instance.cap = 40;
    const before = hits.length;
    // Its boost is the post the hashtag source already stored: a second sighting, not a second post.
    expect(await poll('account')).toMatchObject({ outcome: 'stored', items: 3, inserted: 2 });
    expect(await poll('account')).toMatchObject({ outcome: 'stored', items: 0, inserted: 0 });
    expect(hits.slice(before).map((h) => h.url)).toEqual([
      '/api/v1/accounts/lookup?acct=soc_vakt_demo',
      `/api/v1/accounts/${ACCOUNT_ID}/statuses?limit=40&exclude_reblogs=false`,
      `/api/v1/accounts/${ACCOUNT_ID}/statuses?limit=40&exclude_reblogs=false&min_id=113500000000000203`,
    ]);
    // No token configured: no Authorization header at all.
    expect(hits.slice(before).every((h) => h.authorization === undefined)).toBe(true);
    const sightings = await t.resources.db
      .selectFrom('post_sightings as k')
      .innerJoin('posts as p', 'p.id', 'k.post_id')
      .select(['k.source_id', 'k.external_id', 'p.context'])
      .where('k.external_id', 'in', ['113500000000000104', '113500000000000202'])
      .orderBy('k.external_id')
      .execute();
    const boosted = { forwardedFrom: expect.stringMatching(/^a_[0-9a-f]{24}$/) };
    expect(sightings).toEqual([
      { source_id: ids['tag'], external_id: '113500000000000104', context: boosted },
      { source_id: ids['account'], external_id: '113500000000000202', context: boosted },
    ]);
    expect(sightings[0]?.context).toEqual(sightings[1]?.context);
    expect((await posts('account')).map((r) => r.external_id.slice(-3))).toEqual(['201', '203']);
    expect((await getSource(t.resources.db, ids['account']!))?.state).toEqual({
      minId: '113500000000000203',
      accountId: ACCOUNT_ID,
    });
  });

  it('a closed timeline without a token, or with a refused one, is a failure naming the fix, never the token', async () => {
    await expect(poll('closed')).rejects.toThrow(/http-401/);
    const closed = await getSource(t.resources.db, ids['closed']!);
    expect(closed?.last_error).toMatch(/^http-401: HTTP 401.*wants an access token .*-o token=/);
    await expect(poll('refused')).rejects.toThrow(/http-401/);
    const refused = await getSource(t.resources.db, ids['refused']!);
    expect(refused?.last_error).toMatch(/refused the access token/);
    expect(refused?.last_error).not.toContain('wrong-token-value');
  });
});
