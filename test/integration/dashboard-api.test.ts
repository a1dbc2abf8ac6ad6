/**
 * The dashboard's JSON API on a real database: Stockholm day buckets across both DST nights, keyset paging, 400s,
 * analyst labels. Calls authenticate with API tokens (viewer to read, analyst to label) or an analyst's session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { addUser, bearer, login, postLogin } from '../helpers/auth.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

// Stockholm: CET (UTC+1) until 2026-03-29 01:00 UTC, CEST (UTC+2) until 2026-10-25 01:00 UTC.
const POSTS: [string, string, 'sv' | 'ar'][] = [
  ['a', '2026-03-28T22:59:00Z', 'sv'], // 23:59 on 28 March
  ['b', '2026-03-28T23:00:00Z', 'sv'], // 00:00 on 29 March (CET)
  ['c', '2026-03-29T21:59:00Z', 'ar'], // 23:59 on 29 March (CEST): a 23-hour day
  ['d', '2026-03-29T22:00:00Z', 'sv'], // 00:00 on 30 March
  ['e', '2026-10-24T21:59:00Z', 'sv'], // 23:59 on 24 October (CEST)
  ['f', '2026-10-24T22:00:00Z', 'ar'], // 00:00 on 25 October
  ['g', '2026-10-25T22:59:00Z', 'sv'], // 23:59 on 25 October (CET): a 25-hour day
  ['h', '2026-10-25T23:00:00Z', 'sv'], // 00:00 on 26 October
];

describe('dashboard API', () => {
  let t: TestResources;
  let server: Listening;
  let base: string;
  let authorization: string;
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'dst',
      url: 'https://example.org/dst',
      pollIntervalSeconds: 900,
    });
    await seedAnalysedPosts(
      db,
      source.id,
      POSTS.map(([id, at, lang]) => ({
        externalId: id,
        text: `post ${id}`,
        publishedAt: new Date(at),
        lang,
        stance: 'rumour',
        themes: [{ id: 'soc_takes_children', evidence: ['soc'] }],
      })),
    );
    const app = createApp({
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
    });
    server = await listen(app);
    base = server.url;
    authorization = await bearer(db, 'viewer');
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('/healthz reports both services, without any login', async () => {
    const response = await fetch(`${base}/healthz`);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { status: 'ok', postgres: 'ok', redis: 'ok' },
    });
  });

  it.each([
    ['2026-03-27', '2026-03-31', [0, 1, 2, 1, 0]],
    ['2026-10-23', '2026-10-27', [0, 1, 2, 1, 0]],
  ])('buckets Stockholm days across the clock change (%s to %s)', async (from, to, expected) => {
    const { status, body } = await get(`/api/trends?from=${from}&to=${to}&theme=soc_takes_children`);
    expect(status).toBe(200);
    const series = body['series'] as { theme: string; counts: number[] }[];
    expect(series).toHaveLength(1);
    expect(series[0]?.counts).toEqual(expected);
    expect(body['timeZone']).toBe('Europe/Stockholm');
    expect(body['samplePosts']).toBe(0);
  });

  it('buckets ISO weeks starting on Monday', async () => {
    const { body } = await get(
      '/api/trends?from=2026-10-19&to=2026-11-01&interval=week&theme=soc_takes_children',
    );
    expect(body['buckets']).toEqual(['2026-10-19', '2026-10-26']);
    expect((body['series'] as { counts: number[] }[])[0]?.counts).toEqual([3, 1]);
  });

  it('filters trends by language', async () => {
    const { body } = await get('/api/trends?from=2026-03-01&to=2026-10-31&interval=week&lang=ar');
    const core = (body['series'] as { theme: string; total: number }[]).find(
      (s) => s.theme === 'soc_takes_children',
    );
    expect(core?.total).toBe(2);
  });

  it('/api/posts treats `to` as an inclusive Stockholm day', async () => {
    const { body } = await get('/api/posts?from=2026-03-29&to=2026-03-29');
    expect((body['posts'] as { text: string }[]).map((p) => p.text)).toEqual(['post c', 'post b']);
  });

  it('/api/posts pages with a keyset cursor, newest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const { status, body } = await get(`/api/posts?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      seen.push(...(body['posts'] as { text: string }[]).map((p) => p.text));
      cursor = body['nextCursor'] as string | null;
      if (!cursor) break;
    }
    expect(seen).toEqual(['h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'].map((id) => `post ${id}`));
  });

  it('returns each post with its language, stance and themes', async () => {
    const { body } = await get('/api/posts?limit=1&lang=ar');
    expect(body['posts']).toEqual([
      expect.objectContaining({
        text: 'post f',
        lang: 'ar',
        stance: 'rumour',
        themes: [{ id: 'soc_takes_children', role: 'rumour', score: 0.8, evidence: ['soc'] }],
      }),
    ]);
  });

  it.each([
    ['/api/posts?limit=0', 'limit'],
    ['/api/posts?limit=501', 'limit'],
    ['/api/posts?limit=abc', 'limit'],
    ['/api/posts?limit=2.5', 'limit'],
    ['/api/posts?cursor=bm9wZQ', 'cursor'],
    ['/api/posts?stance=angry', 'stance'],
    ['/api/posts?from=2026-02-30', 'from'],
    ['/api/posts?from=2026-05-01&to=2026-04-01', 'from'],
    ['/api/posts?theme=x%27%3B%20DROP%20TABLE%20posts', 'theme'],
    ['/api/posts?limit=1&limit=2', 'limit'],
    ['/api/posts?sort=desc', 'sort'],
    ['/api/trends?interval=month', 'interval'],
    ['/api/trends?from=yesterday', 'from'],
    ['/api/trends?lang=Swedish', 'lang'],
    ['/api/trends?from=2020-01-01&to=2026-01-01', 'to'],
    // Dates whose previous period or next day Postgres cannot store (there is no year 0) or no page can show.
    ['/api/posts?from=0000-01-01', 'from'],
    ['/api/trends?from=0001-01-01&to=0001-01-10', 'from'],
    ['/api/trends?from=9999-12-20&to=9999-12-31', 'from'],
    ['/api/matrix?from=0001-01-01&to=0001-01-10', 'from'],
    [`/api/posts?cursor=${Buffer.from('["0000-01-01T00:00:00Z",1]').toString('base64url')}`, 'cursor'],
    // A century of weekly rows is hundreds of megabytes of CSV.
    ['/api/trends?from=2000-01-01&to=2099-12-31&interval=week', 'to'],
    // A typo must not read as "no rumours".
    ['/api/trends?theme=nope_theme', 'theme'],
    ['/api/posts?theme=nope_theme', 'theme'],
    ['/api/matrix?theme=nope_theme', 'theme'],
    // Postgres refuses NUL in text: one %00 in a search was a 500.
    ['/api/posts/search?q=%00', 'q'],
    ['/api/posts/search?q=a%00b', 'q'],
  ])('%s → 400 naming %s', async (path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    const error = body['error'] as { code: string; message: string; field: string };
    expect(error.code).toBe('bad_parameter');
    expect(error.field).toBe(field);
    expect(error.message.startsWith(field)).toBe(true);
  });

  it('answers a series of an unknown theme with 404, like its page', async () => {
    expect((await get('/api/themes/nope_theme/trend')).status).toBe(404);
    expect((await get('/api/themes/soc_takes_children/trend')).status).toBe(200);
  });

  it('filters the targeting matrix by language and place (they were ignored)', async () => {
    const period = 'from=2026-03-28&to=2026-03-30';
    const keys = async (query: string) => {
      const { status, body } = await get(`/api/matrix?${period}${query}`);
      expect(status).toBe(200);
      return (body['rows'] as { theme: string; key: string; rumours: number }[]).map((r) => [
        r.key,
        r.rumours,
      ]);
    };
    expect(await keys('')).toEqual([
      ['ar', 1],
      ['sv', 3],
    ]);
    expect(await keys('&lang=ar')).toEqual([['ar', 1]]);
    expect(await keys('&theme=soc_takes_children&lang=sv')).toEqual([['sv', 3]]);
    // No post names a place, so no cell is in Malmö.
    expect(await keys('&place=1280')).toEqual([]);
  });

  it('refuses a login form with a NUL character before it reaches the database', async () => {
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=anna%00%40kommun.se&password=x',
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe('email');
  });

  it('names what was wrong with a request Express itself refuses', async () => {
    const message = async (response: Response) =>
      ((await response.json()) as { error: { message: string } }).error.message;
    const badEscape = await fetch(`${base}/api/themes/%E0%A4%A/trend`, { headers: { authorization } });
    expect(badEscape.status).toBe(400);
    expect(await message(badEscape)).toMatch(/^malformed URL/);
    const manyFields = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Array.from({ length: 25 }, (_, i) => `f${i}=x`).join('&'),
    });
    expect(manyFields.status).toBe(413);
    expect(await message(manyFields)).toBe('too many form fields');
  });

  it('answers a password longer than any account can have as wrong credentials, not as an expired form', async () => {
    const response = await postLogin(base, 'anna@kommun.se', 'x'.repeat(2_000));
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/expired|gått ut/i);
  });

  it('answers unknown routes with a JSON 404 and sets security headers', async () => {
    const response = await fetch(`${base}/api/nope`, { headers: { authorization } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('analyst labels API', () => {
  let t: TestResources;
  let server: Listening;
  let postId: number;
  let analystToken: string;
  const post = async (
    path: string,
    body: unknown,
    contentType = 'application/json',
    auth: Record<string, string> = { authorization: analystToken },
  ) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...auth },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'l',
      url: 'https://example.org/l',
      pollIntervalSeconds: 900,
    });
    const ids = await seedAnalysedPosts(db, source.id, [
      {
        externalId: 'x',
        text: 'De tar barnen',
        publishedAt: new Date('2026-11-01T10:00:00Z'),
        lang: 'sv',
        stance: 'unrelated',
        themes: [],
      },
    ]);
    postId = ids[0]!;
    const app = createApp({
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
    });
    server = await listen(app);
    analystToken = await bearer(db, 'analyst', 'bo-script');
    await addUser(db, 'anna@kommun.se', ['analyst']);
  });
  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('stores a correction with who (the session’s user or the token) and when, as the post’s latest label', async () => {
    const anna = await login(server.url, 'anna@kommun.se');
    const first = await post(
      `/api/posts/${postId}/labels`,
      { stance: 'neutral', about: ['foster_abuse'] },
      'application/json',
      { cookie: anna.cookie, 'x-csrf-token': anna.csrfToken },
    );
    expect(first.status).toBe(201);
    const second = await post(`/api/posts/${postId}/labels`, {
      stance: 'rumour',
      themes: ['soc_takes_children', 'soc_takes_children'],
      note: 'kampanjfras',
    });
    expect(second.status).toBe(201);
    expect(second.body['label']).toMatchObject({
      post_id: postId,
      stance: 'rumour',
      themes: ['soc_takes_children'],
      about: [],
    });

    const auth = { headers: { authorization: analystToken } };
    const history = (await (await fetch(`${server.url}/api/posts/${postId}/labels`, auth)).json()) as {
      labels: { labelled_by: string }[];
    };
    expect(history.labels.map((l) => l.labelled_by)).toEqual(['token:bo-script', 'anna@kommun.se']);
    const listed = (await (await fetch(`${server.url}/api/posts?limit=1`, auth)).json()) as {
      posts: { label: unknown }[];
    };
    expect(listed.posts[0]?.label).toMatchObject({
      stance: 'rumour',
      themes: ['soc_takes_children'],
      labelled_by: 'token:bo-script',
    });
  });

  it.each([
    [{ stance: 'angry' }, 400, 'stance'],
    [{ stance: 'counter', themes: ['soc_takes_children'] }, 400, 'themes'],
    [{ stance: 'unrelated', about: ['soc_takes_children'] }, 400, 'about'],
    [{ stance: 'rumour', themes: ['no_such_theme'] }, 400, 'themes'],
    // Who labels comes from the login or token, never from the body.
    [{ stance: 'rumour', themes: [], labelled_by: 'someone-else' }, 400, 'body'],
    [{ stance: 'rumour', extra: 1 }, 400, 'body'],
    // Postgres refuses NUL; a lone surrogate would be stored as U+FFFD, not as written.
    [{ stance: 'unrelated', note: 'a\u0000b' }, 400, 'note'],
    [{ stance: 'unrelated', note: 'a\ud800b' }, 400, 'note'],
  ])('rejects %j with %i naming %s', async (body, status, field) => {
    const result = await post(`/api/posts/${postId}/labels`, body);
    expect(result.status).toBe(status);
    expect((result.body['error'] as { field: string }).field).toBe(field);
  });

  it('refuses non-JSON bodies, malformed JSON, unknown posts and bad ids', async () => {
    expect((await post(`/api/posts/${postId}/labels`, 'stance=rumour', 'text/plain')).status).toBe(415);
    expect((await post(`/api/posts/${postId}/labels`, '{"stance":')).status).toBe(400);
    expect((await post('/api/posts/999999/labels', { stance: 'rumour' })).status).toBe(404);
    expect((await post('/api/posts/abc/labels', { stance: 'rumour' })).status).toBe(400);
    // Other spellings of a number would name another post (1e3 is post 1000).
    for (const id of ['1e0', '0x1', '+1', '01', ' 1'])
      expect((await post(`/api/posts/${encodeURIComponent(id)}/labels`, { stance: 'rumour' })).status).toBe(
        400,
      );
  });
});
