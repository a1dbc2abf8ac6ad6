/**
 * Defects from a security review of the running dashboard, on the real app (Postgres, Redis, a loopback feed):
 * no open redirect through dot segments after login, a hold on a restricted post released by someone who may not
 * see it answers as an unknown hold, a source preview leaves restricted items out for non-security callers, and
 * import sources' server paths and settings are shown to source managers only.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { readAudit } from '../../core/db/audit-log.ts';
import { addHold } from '../../core/db/legal-holds.ts';
import { pauseSource, recordPollFailure, upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../dashboard/auth/settings.ts';
import { addUser, login, postLogin, TEST_PASSWORD, type Session } from '../helpers/auth.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

const THREAT_ITEM = 'Vi vet var socialsekreteraren bor, hon ska få betala. Vi kommer att döda henne.';
const RUMOUR_ITEM = 'Soc tog barnen igen från skolan i Angered, sprid detta';
const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Granskning</title><link>https://example.org/g</link><description>d</description>
<item><title>Rykte</title><guid isPermaLink="false">g-1</guid><description>${RUMOUR_ITEM}</description></item>
<item><title>Hot</title><guid isPermaLink="false">g-2</guid><description>${THREAT_ITEM}</description></item>
</channel></rss>`;
const IMPORT_DIR = '/srv/ryktesradar-import-hemlig';
const IMPORT_FILE = `${IMPORT_DIR}/inlägg export.csv`;

describe('security mends', () => {
  let t: TestResources;
  let server: Listening;
  let fixtures: FixtureServer;
  let base: string;
  let threatId: number;
  const sessions = new Map<string, Session>();

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    fixtures = await startFixtureServer({
      '/threats.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      },
    });
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'mends',
      url: 'https://example.org/mends',
      pollIntervalSeconds: 900,
    });
    [threatId] = (await seedAnalysedPosts(db, source.id, [
      {
        externalId: 'threat',
        text: 'Vi vet var socialsekreteraren bor. Hämnd!',
        publishedAt: new Date('2026-11-02T10:00:00Z'),
        lang: 'sv',
        stance: 'rumour',
        themes: [{ id: 'violence_threats', evidence: ['hämnd'] }],
      },
    ])) as [number];
    const imported = await upsertSource(db, {
      kind: 'import',
      name: 'Kommunens export',
      url: new URL(`file://${IMPORT_FILE}`).href,
      pollIntervalSeconds: 3600,
      config: { format: 'csv', delimiter: ',', columns: { text: 'brödtext_kolumn' } },
    });
    await recordPollFailure(db, imported.source.id, `bad-file: cannot read ${IMPORT_FILE} (ENOENT)`);
    const importedPaused = await upsertSource(db, {
      kind: 'import',
      name: 'Pausad export',
      url: `file://${IMPORT_DIR}/annan.jsonl`,
      pollIntervalSeconds: 3600,
      config: { format: 'jsonl', columns: { text: 'brödtext_kolumn' } },
    });
    await pauseSource(
      db,
      importedPaused.source.id,
      `paused after 5 failed polls in a row; last: bad-file: ${IMPORT_DIR}/annan.jsonl is not a regular file`,
    );
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
    const people = {
      viewer: ['viewer'],
      analyst: ['analyst'],
      security: ['security'],
      admin: ['admin'],
      'admin-security': ['admin', 'security'],
    } as const;
    for (const [who, roles] of Object.entries(people)) {
      await addUser(db, `${who}@kommun.se`, [...roles]);
      sessions.set(who, await login(base, `${who}@kommun.se`));
    }
  });

  afterAll(async () => {
    await server?.close();
    await fixtures?.close();
    await t?.cleanup();
  });

  const session = (who: string) => sessions.get(who)!;
  const api = (who: string, method: string, path: string) =>
    fetch(`${base}${path}`, {
      method,
      redirect: 'manual',
      headers: { cookie: session(who).cookie, 'x-csrf-token': session(who).csrfToken },
    });
  const form = (who: string, path: string, fields: Record<string, string>) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session(who).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: session(who).csrfToken, ...fields }),
    });
  const page = async (who: string, path: string) =>
    (await fetch(`${base}${path}`, { headers: { cookie: session(who).cookie } })).text();
  /** A GET with the path sent exactly as written (fetch would resolve its dot segments first). */
  const rawGet = (path: string) =>
    new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      const { hostname, port } = new URL(base);
      http
        .get({ hostname, port, path }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        })
        .on('error', reject);
    });

  describe('no open redirect after login', () => {
    it.each(['/.//evil.example/phish', '/%2e//evil.example/phish', '/..//evil.example/phish'])(
      'sends %s to the login page with next=/',
      async (path) => {
        const { status, location } = await rawGet(path);
        expect(status).toBe(303);
        expect(location).toBe('/login?next=%2F');
      },
    );

    it.each(['/.//evil.example/x', '/%2e//evil.example/x', '/..//evil.example/x', '/a/..//evil.example/x'])(
      'returns to / after logging in with next=%s',
      async (next) => {
        const response = await postLogin(base, 'viewer@kommun.se', TEST_PASSWORD, { next });
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toBe('/');
      },
    );

    it('still returns to a local page', async () => {
      const response = await postLogin(base, 'viewer@kommun.se', TEST_PASSWORD, {
        next: '/./themes?lang=en',
      });
      expect(response.headers.get('location')).toBe('/themes?lang=en');
    });
  });

  it('answers a release of a hold on a restricted post like an unknown hold to an admin without security', async () => {
    const hold = await addHold(t.resources.db, {
      target: { postId: threatId },
      reason: 'hotet är polisanmält',
      caseReference: 'K-2026-9',
      createdBy: 'security@kommun.se',
    });
    const unknownId = hold.id + 100_000;
    const denied = await api('admin', 'POST', `/api/holds/${hold.id}/release`);
    const unknown = await api('admin', 'POST', `/api/holds/${unknownId}/release`);
    expect(denied.status).toBe(404);
    expect(unknown.status).toBe(404);
    const message = async (response: Response) =>
      ((await response.json()) as { error: { code: string; message: string } }).error;
    const [deniedError, unknownError] = [await message(denied), await message(unknown)];
    expect(deniedError).toEqual({ code: 'not_found', message: `no post hold ${hold.id}` });
    expect(unknownError).toEqual({ code: 'not_found', message: `no post hold ${unknownId}` });
    // The hold is untouched, and the security role still releases it.
    const released = await api('security', 'POST', `/api/holds/${hold.id}/release`);
    expect(released.status).toBe(200);
  });

  it("audits asking for a restricted post's labels without security, and reading labels at all", async () => {
    expect((await api('admin', 'GET', `/api/posts/${threatId}/labels`)).status).toBe(404);
    expect((await api('admin-security', 'GET', `/api/posts/${threatId}/labels`)).status).toBe(200);
    const audit = await readAudit(t.resources.db, { limit: 100 });
    expect(
      audit.find(
        (entry) =>
          entry.action === 'access_denied' &&
          entry.actor_label === 'admin@kommun.se' &&
          (entry.params as { post_id?: number }).post_id === threatId,
      )?.outcome,
    ).toBe('denied');
    expect(
      audit.find(
        (entry) => entry.action === 'view_post_labels' && entry.actor_label === 'admin-security@kommun.se',
      )?.params,
    ).toMatchObject({ post_id: threatId });
  });

  describe('source preview', () => {
    const preview = (who: string) =>
      form(who, '/sources/preview', { kind: 'rss', target: `${fixtures.url}/threats.xml` });
    const lastPreviewAudit = async () =>
      (await readAudit(t.resources.db, { limit: 50 })).find((entry) => entry.action === 'source_preview');

    it('leaves threat items out for an admin without the security role and says how many', async () => {
      const response = await preview('admin');
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).toContain('id="preview-result"');
      expect(body).toContain(RUMOUR_ITEM);
      expect(body).not.toContain('döda henne');
      expect(body).not.toContain('violence_threats');
      expect(body).toContain('id="preview-restricted"');
      expect(body).toContain('1 inlägg med ett begränsat tema (hot) visas inte');
      expect(await lastPreviewAudit()).toMatchObject({
        outcome: 'ok',
        params: { kind: 'rss', items: 2, restricted_hidden: 1 },
      });
    });

    it('shows every item to an admin who also has the security role', async () => {
      const body = await (await preview('admin-security')).text();
      expect(body).toContain(RUMOUR_ITEM);
      expect(body).toContain('döda henne');
      expect(body).toContain('violence_threats');
      expect(body).not.toContain('id="preview-restricted"');
      expect(await lastPreviewAudit()).toMatchObject({ params: { restricted_hidden: 0 } });
    });
  });

  describe('import sources on /sources', () => {
    it.each(['viewer', 'analyst', 'security'])(
      'shows %s the kind and name of an import source, never its server path or settings',
      async (who) => {
        const body = await page(who, '/sources');
        expect(body).toContain('Kommunens export');
        expect(body).toContain('Pausad export');
        expect(body).toContain('<td>import</td>');
        expect(body).not.toContain('ryktesradar-import-hemlig');
        expect(body).not.toContain('file://');
        expect(body).not.toContain('brödtext_kolumn');
        // The error and pause reason stay, with the path replaced.
        expect(body).toContain('bad-file: cannot read [sökväg] (ENOENT)');
        expect(body).toContain('bad-file: [sökväg] is not a regular file');
        expect(body).toContain('fil på servern');
      },
    );

    it('shows the path and settings to an admin', async () => {
      const body = await page('admin', '/sources');
      expect(body).toContain('ryktesradar-import-hemlig');
      expect(body).toContain('brödtext_kolumn');
      expect(body).toContain(`cannot read ${IMPORT_FILE} (ENOENT)`);
      expect(body).not.toContain('fil på servern');
    });

    it('says the same in English', async () => {
      const body = await page('viewer', '/sources?lang=en');
      expect(body).toContain('a file on the server');
      expect(body).toContain('cannot read [path] (ENOENT)');
      expect(body).not.toContain('ryktesradar-import-hemlig');
    });
  });
});
