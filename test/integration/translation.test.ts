/**
 * Machine translation on request, against a LibreTranslate-shaped server on loopback: the posts explorer offers it
 * only when configured, a reader's request sends the one post's text and shows the answer, restricted posts stay
 * hidden, failures are a clear 502, and every request is audited.
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { libreTranslate } from '../../dashboard/translation.ts';
import { serviceLanguage } from '../../dashboard/routes/translation.ts';
import { addUser, bearer, login, type Session } from '../helpers/auth.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

const readBody = async (req: IncomingMessage) => {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return JSON.parse(body) as { q: string; source: string; target: string; api_key?: string };
};

describe('machine translation on request', () => {
  let t: TestResources;
  let service: FixtureServer;
  let withService: Listening;
  let without: Listening;
  let viewer: Session;
  const asked: { q: string; source: string; target: string; api_key?: string }[] = [];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    service = await startFixtureServer({
      '/translate': async (req, res) => {
        const body = await readBody(req);
        asked.push(body);
        if (body.q.includes('BROKEN')) return void res.writeHead(500).end('boom');
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ translatedText: `[sv] ${body.q}` }));
      },
    });
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'tr',
      url: 'https://example.org/tr',
      pollIntervalSeconds: 900,
    });
    const posts = [
      ['ar', 'السوسيال يخطف الأطفال', 'ar', 'soc_takes_children'],
      ['threat', 'تهديد للموظف', 'ar', 'violence_threats'],
      ['broken', 'BROKEN نص', 'ar', 'soc_takes_children'],
      ['sv', 'Soc tar barnen', 'sv', 'soc_takes_children'],
    ] as const;
    const stored = await seedAnalysedPosts(
      db,
      source.id,
      posts.map(([id, text, lang, theme]) => ({
        externalId: id,
        text,
        publishedAt: new Date('2026-10-20T10:00:00Z'),
        lang,
        stance: 'rumour' as const,
        themes: [{ id: theme, evidence: ['x'] }],
      })),
    );
    posts.forEach(([id], i) => (ids[id] = stored[i]!));
    const deps = {
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
    };
    withService = await listen(
      createApp({
        ...deps,
        translator: libreTranslate({ url: `${service.url}/translate`, apiKey: 'k-123' }),
      }),
    );
    without = await listen(createApp(deps));
    await addUser(db, 'viewer@example.org', ['viewer']);
    viewer = await login(withService.url, 'viewer@example.org');
  });

  afterAll(async () => {
    await withService?.close();
    await without?.close();
    await service?.close();
    await t?.cleanup();
  });

  const translate = (base: string, id: number, session: Session) =>
    fetch(`${base}/api/posts/${id}/translation`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });

  it('maps project languages to the service’s codes', () => {
    expect(['ar', 'prs', 'ckb', 'und', null].map((code) => serviceLanguage(code))).toEqual([
      'ar',
      'fa',
      'auto',
      'auto',
      'auto',
    ]);
  });

  it('offers the button on non-Swedish posts only when a service is configured', async () => {
    const page = await (
      await fetch(`${withService.url}/posts`, { headers: { cookie: viewer.cookie } })
    ).text();
    expect(page).toContain(`class="translation" data-post-id="${ids['ar']}"`);
    expect(page).not.toContain(`class="translation" data-post-id="${ids['sv']}"`);
    expect(page).toContain('/static/posts.js');
    const other = await login(without.url, 'viewer@example.org');
    const plain = await (await fetch(`${without.url}/posts`, { headers: { cookie: other.cookie } })).text();
    expect(plain).not.toContain('class="translation"');
    const off = await translate(without.url, ids['ar']!, other);
    expect(off.status).toBe(404);
  });

  it('sends the one post to the service and answers its Swedish text, audited', async () => {
    const response = await translate(withService.url, ids['ar']!, viewer);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      postId: ids['ar'],
      from: 'ar',
      to: 'sv',
      machineTranslation: true,
      text: '[sv] السوسيال يخطف الأطفال',
    });
    expect(asked.at(-1)).toEqual({
      q: 'السوسيال يخطف الأطفال',
      source: 'ar',
      target: 'sv',
      format: 'text',
      api_key: 'k-123',
    });
    const audit = await t.resources.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('action', '=', 'translate_post')
      .execute();
    expect(audit).toContainEqual({ action: 'translate_post', outcome: 'ok' });
  });

  it('never sends a restricted post for a reader without the security role, and needs CSRF', async () => {
    const before = asked.length;
    expect((await translate(withService.url, ids['threat']!, viewer)).status).toBe(404);
    const noCsrf = await fetch(`${withService.url}/api/posts/${ids['ar']}/translation`, {
      method: 'POST',
      headers: { cookie: viewer.cookie },
    });
    expect(noCsrf.status).toBe(403);
    expect(asked.length).toBe(before);
  });

  it('answers 502 with the reason when the service fails, and 400/404 for bad ids', async () => {
    const failed = await translate(withService.url, ids['broken']!, viewer);
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: { message: string } }).error.message).toContain('500');
    expect((await translate(withService.url, 0, viewer)).status).toBe(400);
    expect((await translate(withService.url, 99_999_999, viewer)).status).toBe(404);
    const token = await bearer(t.resources.db, 'viewer');
    const api = await fetch(`${withService.url}/api/posts/${ids['ar']}/translation`, {
      method: 'POST',
      headers: { authorization: token },
    });
    expect(api.status).toBe(200);
  });
});
