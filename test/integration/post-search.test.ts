/**
 * The posts explorer's search and filters on a real database: full-text search in each post's language
 * (Swedish stemming; Arabic and Persian spellings folded alike on both sides), every filter including `und`,
 * keyset pages without gaps or repeats, restricted posts hidden, and the list views audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { replacePostPlaces } from '../../core/db/post-places.ts';
import { setLanguages } from '../../core/db/posts.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { bearer } from '../helpers/auth.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts, type SeedPost } from '../helpers/seed.ts';

const day = (n: number) => new Date(Date.UTC(2026, 9, n, 10));
const rumour = (
  id: string,
  text: string,
  lang: string,
  at: Date,
  theme = 'soc_takes_children',
): SeedPost => ({
  externalId: id,
  text,
  lang,
  publishedAt: at,
  stance: 'rumour',
  themes: [{ id: theme, evidence: ['term'] }],
});

const POSTS: SeedPost[] = [
  rumour('sv1', 'Socialtjänsten tar barnen från familjerna i Malmö', 'sv', day(1)),
  rumour('ar1', 'خطفوا ابنتي من المدرسة، الحكومة تسكت', 'ar', day(2)),
  rumour('fa1', 'سوسیال کودکان ما را می‌دزدد، دختری را بردند', 'fa', day(3)),
  rumour('so1', 'Adeegga bulshada ayaa carruurta qaata', 'so', day(4)),
  { ...rumour('und1', 'soc!!! 😡', 'und', day(5)), stance: 'neutral', themes: [] },
  rumour('en1', 'Social services are kidnapping children', 'en', day(6), 'foster_abuse'),
  rumour('vt1', 'Hot mot handläggaren på soc', 'sv', day(7), 'violence_threats'),
];

describe('posts explorer search and filters', () => {
  let t: TestResources;
  let server: Listening;
  let base: string;
  let viewer: string;
  let ids: Map<string, number>;
  let otherSource: number;

  const search = async (query: string) => {
    const response = await fetch(`${base}/api/posts/search?${query}`, { headers: { authorization: viewer } });
    const body = (await response.json()) as {
      posts: { id: number; text: string; sightings: number; lang: string }[];
      nextCursor: string | null;
      error?: { message: string };
    };
    return { status: response.status, body, externalIds: body.posts?.map((p) => externalOf(p.id)) };
  };
  const externalOf = (id: number) => [...ids].find(([, value]) => value === id)?.[0];

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'Flöde A',
      url: 'https://example.org/a',
      pollIntervalSeconds: 900,
    });
    const other = await upsertSource(db, {
      kind: 'rss',
      name: 'Flöde B',
      url: 'https://example.org/b',
      pollIntervalSeconds: 900,
    });
    otherSource = other.source.id;
    const main = await seedAnalysedPosts(db, source.id, POSTS.slice(0, 5));
    const rest = await seedAnalysedPosts(db, otherSource, POSTS.slice(5));
    ids = new Map(POSTS.map((post, i) => [post.externalId, [...main, ...rest][i]!]));
    await replacePostPlaces(
      db,
      [ids.get('sv1')!],
      [{ postId: ids.get('sv1')!, municipalityCode: '1280', district: null }],
    );
    const app = createApp({
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
    });
    server = await listen(app);
    base = server.url;
    viewer = await bearer(db, 'viewer');
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it.each([
    ['barn', ['sv1']], // Swedish stemming: barnen → barn
    ['socialtjänst', ['sv1']],
    ['FAMILJ', ['sv1']], // case folded, familjerna → familj
    ['"tar barnen"', ['sv1']], // phrase
    ['barnen -malmö', []],
    ['اِبْنَتِي', ['ar1']], // Arabic query with diacritics
    ['ابنتی', ['ar1']], // Persian yeh in the query, Arabic yeh in the post
    ['الحكومه', ['ar1']], // heh for taa marbuta
    ['الحكومة', ['ar1']],
    ['دختري', ['fa1']], // Arabic yeh in the query, Persian yeh in the post
    ['كودكان', ['fa1']], // Arabic kaf in the query, keheh in the post
    ['می‌دزدد', ['fa1']], // with its zero-width non-joiner
    ['carruurta', ['so1']], // Somali: no Postgres configuration, `simple`
    ['kidnap', ['en1']], // English stemming
    ['hund', []],
  ])('q=%s finds %j', async (q, expected) => {
    const { status, externalIds } = await search(`q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(externalIds).toEqual(expected);
  });

  it('a post whose language changes is re-indexed in the new language', async () => {
    const id = ids.get('so1')!;
    await setLanguages(t.resources.db, [{ id, lang: 'sv', confidence: 0.5 }]);
    expect((await search('q=carruurta')).externalIds).toEqual(['so1']);
    await setLanguages(t.resources.db, [{ id, lang: 'so', confidence: 0.9 }]);
  });

  it.each([
    ['language=und', 'lang=und', ['und1']],
    ['language', 'lang=fa', ['fa1']],
    ['stance', 'stance=neutral', ['und1']],
    ['theme', 'theme=foster_abuse', ['en1']],
    ['place', 'place=1280', ['sv1']],
    ['period (Stockholm days, to inclusive)', 'from=2026-10-02&to=2026-10-03', ['fa1', 'ar1']],
    ['text and language together', 'q=barn&lang=ar', []],
  ])('filters by %s', async (_name, query, expected) => {
    const { status, externalIds } = await search(query);
    expect(status).toBe(200);
    expect(externalIds).toEqual(expected);
  });

  it('filters by source', async () => {
    expect((await search(`source=${otherSource}`)).externalIds).toEqual(['en1']);
  });

  it('hides violence_threats posts from a viewer, and shows sightings', async () => {
    const { body, externalIds } = await search('');
    expect(externalIds).not.toContain('vt1');
    expect(externalIds).toHaveLength(6);
    expect(body.posts.every((p) => p.sightings === 1)).toBe(true);
  });

  it('pages with a keyset cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const { status, body, externalIds } = await search(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      seen.push(...(externalIds as string[]));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['en1', 'und1', 'so1', 'fa1', 'ar1', 'sv1']);
  });

  it.each([
    ['lang=xx1', 'lang'],
    ['source=abc', 'source'],
    ['place=12', 'place'],
    ['stance=angry', 'stance'],
    ['limit=0', 'limit'],
    ['nonsense=1', 'nonsense'],
    [`q=${'x'.repeat(201)}`, 'q'],
  ])('answers 400 for %s', async (query, field) => {
    const response = await fetch(`${base}/api/posts/search?${query}`, { headers: { authorization: viewer } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe(field);
  });

  it('audits each list view with its filters', async () => {
    await search('q=barn&lang=sv');
    const row = await t.resources.db
      .selectFrom('audit_log')
      .select(['action', 'params'])
      .where('action', '=', 'view_posts')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.params).toMatchObject({ q: 'barn', lang: 'sv', returned: 1, restricted_hidden: true });
  });
});
