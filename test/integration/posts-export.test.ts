/**
 * Exports of post lists and trend series over HTTP on a real database: every row of a list several export pages
 * long, UTF-8 BOM, formula cells neutralised, violence_threats left out unless a security user asks (audited),
 * 403 for viewers, and each export in the audit log.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { addUser, bearer, login } from '../helpers/auth.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts, type SeedPost } from '../helpers/seed.ts';

// More than two export pages (500 posts each), so the keyset walk has to carry on twice.
const MANY = 1_234;
const FORMULA = '=HYPERLINK("http://evil.example/","klicka")';
/** Distinct word mixes, so the posts are not near-duplicates of each other (clustering them all is slow). */
const WORDS =
  'soc tar barn familj skola mamma pappa lag dom brev vård hem stad by hus bil tåg hav skog fjäll'.split(' ');
const varied = (i: number) =>
  Array.from(
    { length: 12 },
    (_, k) => WORDS[(i * 7 + k * k * 13 + Math.floor(i / (k + 1))) % WORDS.length],
  ).join(' ') + ` ${i.toString(36)}`;
const XSS = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;

describe('post and trend exports', () => {
  let t: TestResources;
  let server: Listening;
  let base: string;
  let analyst: string;
  let viewer: string;

  const get = (path: string, headers: Record<string, string>) => fetch(`${base}${path}`, { headers });
  const csvRecords = (body: string) =>
    parse(body.slice(1), { columns: true, bom: false }) as Record<string, string>[];

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: '@kalla',
      url: 'https://example.org/feed',
      pollIntervalSeconds: 900,
    });
    const start = Date.UTC(2026, 9, 1);
    const posts: SeedPost[] = Array.from({ length: MANY }, (_, i) => ({
      externalId: `m${i}`,
      text: varied(i),
      lang: i % 3 === 0 ? 'ar' : 'sv',
      // Some posts share a publication time: the keyset must still order them by id.
      publishedAt: new Date(start + Math.floor(i / 2) * 60_000),
      stance: 'rumour',
      themes: [{ id: 'soc_takes_children', evidence: ['soc tar barn'] }],
    }));
    posts.push({
      externalId: 'hostile',
      title: '+SUM(1,2)',
      text: `${FORMULA} ${XSS}`,
      lang: 'sv',
      publishedAt: new Date(start + 3_600_000 * 24 * 20),
      stance: 'rumour',
      themes: [{ id: 'soc_takes_children', evidence: ['-soc'] }],
    });
    posts.push({
      externalId: 'threat',
      text: 'Hot mot en namngiven handläggare',
      lang: 'sv',
      publishedAt: new Date(start + 3_600_000 * 24 * 21),
      stance: 'rumour',
      themes: [{ id: 'violence_threats', evidence: ['hot'] }],
    });
    await seedAnalysedPosts(db, source.id, posts);
    await db
      .updateTable('posts')
      .set({ author_pseudonym: 'anon-7f3a' })
      .where('external_id', '=', 'hostile')
      .execute();
    const app = createApp({
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
    });
    server = await listen(app);
    base = server.url;
    analyst = await bearer(db, 'analyst');
    viewer = await bearer(db, 'viewer');
    await addUser(db, 'sakerhet@kommun.se', ['analyst', 'security']);
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('CSV: BOM, every row of a long list, no restricted post, formula cells neutralised', async () => {
    const response = await get('/api/posts/export.csv', { authorization: analyst });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="ryktesradar-posts-start-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    // Named by the period it covers (it carried only the day it was made).
    const period = await get('/api/posts/export.json?from=2026-11-01&to=2026-11-30', {
      authorization: analyst,
    });
    expect(period.headers.get('content-disposition')).toBe(
      'attachment; filename="ryktesradar-posts-2026-11-01-2026-11-30.json"',
    );
    await period.arrayBuffer();
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const records = csvRecords(body);
    expect(records).toHaveLength(MANY + 1);
    expect(new Set(records.map((r) => r['id'])).size).toBe(MANY + 1);
    expect(records.some((r) => r['text']?.includes('handläggare'))).toBe(false);
    const hostile = records.find((r) => r['text']?.includes('HYPERLINK'));
    expect(hostile?.['text']).toBe(`'${FORMULA} ${XSS}`);
    expect(hostile?.['title']).toBe("'+SUM(1,2)");
    expect(hostile?.['source_name']).toBe("'@kalla");
    expect(hostile?.['author_pseudonym']).toBe('anon-7f3a');
    expect(hostile?.['evidence']).toBe('soc_takes_children: -soc');
    // No cell of the whole file starts with a formula character.
    expect(records.flatMap((r) => Object.values(r)).filter((cell) => /^[=+@\t\r]/.test(cell))).toEqual([]);
    expect(records[0]).toMatchObject({ lang: 'sv', stance: 'rumour', rumour_themes: 'soc_takes_children' });
  });

  it('JSON: every post, the count at the end, filters applied', async () => {
    const response = await get('/api/posts/export.json?lang=ar', { authorization: analyst });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      count: number;
      posts: { lang: string; id: number }[];
      filters: unknown;
    };
    const arabic = Math.ceil(MANY / 3);
    expect(body.count).toBe(arabic);
    expect(body.posts).toHaveLength(arabic);
    expect(body.posts.every((p) => p.lang === 'ar')).toBe(true);
    expect(body.filters).toEqual({ lang: 'ar' });
  });

  it('answers 403 to a viewer and audits the refusal', async () => {
    for (const path of ['/api/posts/export.csv', '/api/posts/export.json', '/api/trends/export.csv']) {
      const response = await get(path, { authorization: viewer });
      expect(response.status).toBe(403);
    }
    const denied = await t.resources.db
      .selectFrom('audit_log')
      .select('action')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it('include_restricted needs the security role; a security analyst gets the threat, audited', async () => {
    const refused = await get('/api/posts/export.csv?include_restricted=true', { authorization: analyst });
    expect(refused.status).toBe(403);
    const session = await login(base, 'sakerhet@kommun.se');
    const byDefault = await get('/api/posts/export.json?q=handläggare', { cookie: session.cookie });
    expect(((await byDefault.json()) as { count: number }).count).toBe(0);
    const response = await get('/api/posts/export.json?q=handläggare&include_restricted=true', {
      cookie: session.cookie,
    });
    const body = (await response.json()) as { count: number; include_restricted: boolean };
    expect(body).toMatchObject({ count: 1, include_restricted: true });
    const audits = await t.resources.db
      .selectFrom('audit_log')
      .select(['actor_label', 'outcome', 'params'])
      .where('action', '=', 'export_posts')
      .orderBy('id')
      .execute();
    expect(audits.at(-1)).toMatchObject({
      actor_label: 'sakerhet@kommun.se',
      outcome: 'ok',
      params: { format: 'json', q: 'handläggare', include_restricted: true },
    });
    expect(
      audits.some(
        (a) => a.outcome === 'denied' && (a.params as { include_restricted?: boolean }).include_restricted,
      ),
    ).toBe(true);
  });

  it('trend series as CSV (one row per bucket and theme) and JSON', async () => {
    const query = 'from=2026-10-01&to=2026-10-07&theme=soc_takes_children';
    const csv = await get(`/api/trends/export.csv?${query}`, { authorization: analyst });
    expect(csv.status).toBe(200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\ufeffbucket,interval,theme,label_sv,label_en,posts,days\r\n')).toBe(true);
    const rows = csvRecords(text);
    expect(rows.map((r) => r['bucket'])).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d}`));
    // Two posts a minute from 1 October 02:00 Stockholm time: all on the first day.
    expect(rows[0]?.['posts']).toBe(String(MANY));
    expect(rows.reduce((sum, r) => sum + Number(r['posts']), 0)).toBe(MANY);
    const json = await get(`/api/trends/export.json?${query}`, { authorization: analyst });
    const trend = (await json.json()) as { buckets: string[]; series: { total: number }[] };
    expect(trend.buckets).toHaveLength(7);
    expect(trend.series[0]?.total).toBe(MANY);
    const audited = await t.resources.db
      .selectFrom('audit_log')
      .select('params')
      .where('action', '=', 'export_trends')
      .execute();
    expect(audited.map((a) => (a.params as { format: string }).format)).toEqual(['csv', 'json']);
    // Weeks cut by the period (Thursday 1 to Wednesday 7 October) say how many of their days they count.
    const weekly = await get(`/api/trends/export.csv?${query}&interval=week`, { authorization: analyst });
    const weeks = csvRecords(
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(await weekly.arrayBuffer()),
    );
    expect(weeks.map((r) => [r['bucket'], r['days'], r['posts']])).toEqual([
      ['2026-09-28', '4', String(MANY)],
      ['2026-10-05', '3', '0'],
    ]);
  });
});
