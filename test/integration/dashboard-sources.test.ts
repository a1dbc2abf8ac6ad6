/**
 * The sources page on the real app (Postgres, Redis, a loopback feed server): health for every reader, admin-only
 * add/pause/resume/preview through CSRF-protected forms, each audited; secrets in a source's settings never shown.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { readAudit } from '../../core/db/audit-log.ts';
import { getSource, pauseSource, recordPollFailure, upsertSource } from '../../core/db/sources.ts';
import { schedulerIdFor } from '../../core/queues/collect-source.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../dashboard/auth/settings.ts';
import { addUser, login, type Session } from '../helpers/auth.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

const XSS = `<img src=x onerror="window.__xss=1">`;
const SECRET = 'tok-Very-Secret-0123456789';
const FEED = fs.readFileSync(new URL('../fixtures/pipeline-feed.xml', import.meta.url));

describe('sources page', () => {
  let t: TestResources;
  let server: Listening;
  let fixtures: FixtureServer;
  let base: string;
  let failingId: number;
  let mastodonId: number;
  const sessions = new Map<string, Session>();

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    fixtures = await startFixtureServer({
      '/feed.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      },
    });
    const failing = await upsertSource(db, {
      kind: 'rss',
      name: `Trasig ${XSS}`,
      url: 'https://example.org/broken.xml',
      pollIntervalSeconds: 900,
      minIntervalSeconds: 300,
      maxIntervalSeconds: 3600,
    });
    failingId = failing.source.id;
    await recordPollFailure(db, failingId, 'http-500: server error');
    await recordPollFailure(db, failingId, 'http-500: server error');
    const mastodon = await upsertSource(db, {
      kind: 'mastodon',
      name: 'Mastodon-konto',
      url: 'https://example.social/@konto',
      pollIntervalSeconds: 900,
      config: { pages: 1, token: SECRET },
    });
    mastodonId = mastodon.source.id;
    await pauseSource(db, mastodonId, 'instansen svarar inte');
    server = await listen(
      createApp({
        db,
        redis: t.resources.redis,
        logger: t.resources.logger,
        modelVersion: async () => MODEL_VERSION,
        auth: { ...DEFAULT_AUTH_SETTINGS, keyPrefix: t.prefix },
        sourceAdmin: {
          collectQueue: t.resources.queues.collect,
          collector: t.resources.config.collector,
          queuePrefix: t.prefix,
        },
      }),
    );
    base = server.url;
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      await addUser(db, `${role}@kommun.se`, [role]);
      sessions.set(role, await login(base, `${role}@kommun.se`));
    }
  });

  afterAll(async () => {
    await server?.close();
    await fixtures?.close();
    await t?.cleanup();
  });

  const page = async (who: string, path = '/sources') => {
    const response = await fetch(`${base}${path}`, {
      headers: { cookie: sessions.get(who)!.cookie },
      redirect: 'manual',
    });
    return { status: response.status, body: await response.text() };
  };
  const post = (who: string, path: string, fields: Record<string, string>, csrf = true) => {
    const session = sessions.get(who)!;
    return fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...(csrf ? { _csrf: session.csrfToken } : {}), ...fields }),
    });
  };
  const lastAudit = async (action: string) =>
    (await readAudit(t.resources.db, { limit: 50 })).find((entry) => entry.action === action);

  it('shows every source with its health to a viewer, without forms, secrets or live markup', async () => {
    const { status, body } = await page('viewer');
    expect(status).toBe(200);
    expect(body).toContain('<html lang="sv">');
    expect(body).toContain('aria-current="page"');
    expect(body).toContain('Misslyckas (2 i rad)');
    expect(body).toContain('http-500: server error');
    expect(body).toContain('instansen svarar inte');
    expect(body).toMatch(/var 900 s \(anpassas 300–3[\s\u00a0]?600 s\)/);
    expect(body).toContain('&lt;img src=x onerror=');
    expect(body).not.toContain(XSS);
    expect(body).not.toContain(SECRET);
    expect(body).toContain('angiven, visas inte');
    expect(body).not.toContain('action="/sources');
    expect(body).toContain('Bara administratörer');
  });

  it('renders in English on request', async () => {
    const { body } = await page('viewer', '/sources?lang=en');
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('Failing (2 in a row)');
    expect(body).toContain('Failures in a row');
  });

  it.each([
    ['/sources', { kind: 'rss', target: 'https://example.org/x.xml' }],
    ['/sources/preview', { kind: 'rss', target: 'https://example.org/x.xml' }],
    ['/sources/1/pause', { reason: 'x' }],
    ['/sources/1/resume', {}],
  ])(
    'refuses %s to viewers and analysts (403) and to an admin without the CSRF token',
    async (path, fields) => {
      for (const who of ['viewer', 'analyst']) expect((await post(who, path, fields)).status).toBe(403);
      expect((await post('admin', path, fields, false)).status).toBe(403);
      expect(await lastAudit('access_denied')).toMatchObject({ outcome: 'denied' });
    },
  );

  it('lets an admin add a source through the kind registry, schedules it and audits it', async () => {
    const before = await page('admin');
    expect(before.body).toContain('action="/sources"');
    const response = await post('admin', '/sources', {
      kind: 'rss',
      target: `${fixtures.url}/feed.xml`,
      name: 'Föräldragrupp',
      interval: '600',
    });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/sources\?done=added:\d+$/);
    const id = Number(location.split(':')[1]);
    expect(await getSource(t.resources.db, id)).toMatchObject({
      kind: 'rss',
      name: 'Föräldragrupp',
      poll_interval_seconds: 600,
      min_interval_seconds: 600,
    });
    expect(await t.resources.queues.collect.getJobScheduler(schedulerIdFor(id))).toBeTruthy();
    expect(await lastAudit('source_add')).toMatchObject({
      outcome: 'ok',
      actor_label: 'admin@kommun.se',
      params: { source_id: id, kind: 'rss', created: true },
    });
    const after = await page('admin', location);
    expect(after.body).toContain('Källan ”Föräldragrupp” är registrerad');
  });

  it('answers a bad source with the kind’s reason and never echoes a secret setting', async () => {
    const response = await post('admin', '/sources', {
      kind: 'mastodon',
      target: 'https://example.social/@konto',
      options: `token=${SECRET}\nwhat=1`,
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('role="alert"');
    expect(body).toMatch(/mastodon takes -o token=… and -o pages=N \(got what\)/);
    expect(body).not.toContain(SECRET);
    expect(await lastAudit('source_add')).toMatchObject({ outcome: 'failure' });
    const imported = await post('admin', '/sources', { kind: 'import', target: '/etc/passwd' });
    expect(imported.status).toBe(400);
    expect(await imported.text()).toContain('kommandoraden');
  });

  it('pauses with a reason and resumes, unscheduling and rescheduling the source', async () => {
    const queue = t.resources.queues.collect;
    const paused = await post('admin', `/sources/${failingId}/pause`, { reason: 'byter adress' });
    expect(paused.status).toBe(303);
    expect(await getSource(t.resources.db, failingId)).toMatchObject({
      status: 'paused',
      paused_reason: 'byter adress',
    });
    expect(await queue.getJobScheduler(schedulerIdFor(failingId))).toBeFalsy();
    expect(await lastAudit('source_pause')).toMatchObject({
      params: { source_id: failingId, reason: 'byter adress' },
    });
    const resumed = await post('admin', `/sources/${failingId}/resume`, {});
    expect(resumed.status).toBe(303);
    expect(await getSource(t.resources.db, failingId)).toMatchObject({
      status: 'active',
      consecutive_failures: 0,
    });
    expect(await queue.getJobScheduler(schedulerIdFor(failingId))).toBeTruthy();
    expect(await lastAudit('source_resume')).toMatchObject({ params: { source_id: failingId } });
    expect((await post('admin', '/sources/999999/pause', {})).status).toBe(404);
  });

  it('previews a feed with language and stance, storing nothing', async () => {
    const { db } = t.resources;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('posts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const sources = (await db.selectFrom('sources').select('id').execute()).length;
    const requestsBefore = fixtures.requests.length;
    const response = await post('admin', '/sources/preview', {
      kind: 'rss',
      target: `${fixtures.url}/feed.xml`,
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('id="preview-result"');
    expect(body).toContain('Soc tog barnen igen');
    expect(body).toMatch(/<td>sv<\/td>\s*<td>Rykte<\/td>/);
    expect(body).toMatch(/<td>ar<\/td>/);
    expect(fixtures.requests.slice(requestsBefore).map((r) => r.path)).toContain('/feed.xml');
    expect(await count()).toBe(0);
    expect((await db.selectFrom('sources').select('id').execute()).length).toBe(sources);
    expect(await lastAudit('source_preview')).toMatchObject({ outcome: 'ok', params: { kind: 'rss' } });
    // A loopback address outside FETCH_ALLOWLIST (127.0.0.1/32 here): refused by the guard, with the reason.
    const refused = await post('admin', '/sources/preview', {
      kind: 'rss',
      target: 'http://127.0.0.2:9/feed.xml',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('role="alert"');
    // Registering such a literal address is refused too (as `sources add` does), never stored to fail every poll.
    const refusedAdd = await post('admin', '/sources', { kind: 'rss', target: 'http://10.0.0.1/feed.xml' });
    expect(refusedAdd.status).toBe(400);
    expect(await refusedAdd.text()).toContain('role="alert"');
    expect((await db.selectFrom('sources').select('id').execute()).length).toBe(sources);
  });
});
