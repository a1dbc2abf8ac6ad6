/**
 * storePosts on real Postgres: every post stored once, whatever is repeated, and ids stable across calls.
 * Duplicates across sources and sightings: duplicates.test.ts; clusters: near-duplicates.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../core/content.ts';
import { upsertClassifications } from '../../core/db/post-classifications.ts';
import {
  filterUnanalysed,
  listIdsMissingVersion,
  setLanguages,
  storePosts,
  type NewPost,
} from '../../core/db/posts.ts';
import { deleteSource, upsertSource } from '../../core/db/sources.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const post = (id: string, text = `text of ${id}`): NewPost => ({
  externalId: id,
  url: `https://example.org/${id}`,
  title: null,
  text,
  authorPseudonym: 'a_0123',
  publishedAt: new Date('2026-11-01T10:00:00Z'),
  contentHash: contentHash(text),
});

describe('storePosts', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.drop());

  const count = async (table: 'posts' | 'post_keys') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('inserts a batch once; the same batch again inserts nothing and returns the same ids', async () => {
    const { source } = await upsertSource(t.db, {
      kind: 'rss',
      name: 'a',
      url: 'https://a.example/feed',
      pollIntervalSeconds: 900,
    });
    const first = await storePosts(t.db, source.id, [post('1'), post('2'), post('3')]);
    expect(first.inserted).toBe(3);
    const second = await storePosts(t.db, source.id, [post('3'), post('2'), post('1', 'edited text')]);
    expect(second.inserted).toBe(0);
    expect(second.ids).toEqual([first.ids[2], first.ids[1], first.ids[0]]);
    expect(await count('posts')).toBe(3);
  });

  it('stores a repeated id within one batch once', async () => {
    const { source } = await upsertSource(t.db, {
      kind: 'rss',
      name: 'b',
      url: 'https://b.example/feed',
      pollIntervalSeconds: 900,
    });
    const result = await storePosts(t.db, source.id, [post('x'), post('x'), post('y')]);
    expect(result).toMatchObject({ inserted: 2 });
    expect(result.ids).toHaveLength(2);
  });

  it('keeps the first of a repeated id within one batch, as the collector does (and logs the rest)', async () => {
    const { source } = await upsertSource(t.db, {
      kind: 'rss',
      name: 'first-wins',
      url: 'https://first-wins.example/feed',
      pollIntervalSeconds: 900,
    });
    await storePosts(t.db, source.id, [post('z', 'the first text'), post('z', 'a later text')]);
    const rows = await t.db.selectFrom('posts').select('text').where('source_id', '=', source.id).execute();
    expect(rows).toEqual([{ text: 'the first text' }]);
  });

  it('dates a text copied within one batch by its earliest copy, whatever the order', async () => {
    const { source } = await upsertSource(t.db, {
      kind: 'import',
      name: 'copies',
      url: 'file:///copies.csv',
      pollIntervalSeconds: 900,
    });
    const at = (id: string, iso: string): NewPost => ({
      ...post(id, 'one text posted twice'),
      publishedAt: new Date(iso),
    });
    // 23:50 on 12 November in Stockholm, and its copy 20 minutes later on the 13th.
    const { ids } = await storePosts(t.db, source.id, [
      at('later', '2026-11-12T23:10:00Z'),
      at('earlier', '2026-11-12T22:50:00Z'),
    ]);
    expect(ids[0]).toBe(ids[1]);
    const row = await t.db
      .selectFrom('posts')
      .select(['external_id', 'published_at'])
      .where('id', '=', ids[0]!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ external_id: 'earlier', published_at: new Date('2026-11-12T22:50:00Z') });
  });

  it('stores the same external id with different texts from two sources as two posts', async () => {
    const { source: c } = await upsertSource(t.db, {
      kind: 'rss',
      name: 'c',
      url: 'https://c.example/feed',
      pollIntervalSeconds: 900,
    });
    const { source: d } = await upsertSource(t.db, {
      kind: 'rss',
      name: 'd',
      url: 'https://d.example/feed',
      pollIntervalSeconds: 900,
    });
    const [fromC, fromD] = await Promise.all([
      storePosts(t.db, c.id, [{ ...post('same', 'said in c'), url: null }]),
      storePosts(t.db, d.id, [{ ...post('same', 'said in d'), url: null }]),
    ]);
    expect(fromC.inserted + fromD.inserted).toBe(2);
    expect(fromC.ids[0]).not.toBe(fromD.ids[0]);
  });

  it('is safe under concurrent identical batches', async () => {
    const { source } = await upsertSource(t.db, {
      kind: 'rss',
      name: 'e',
      url: 'https://e.example/feed',
      pollIntervalSeconds: 900,
    });
    const batch = Array.from({ length: 50 }, (_, i) => post(`c${i}`));
    const results = await Promise.all([1, 2, 3, 4].map(() => storePosts(t.db, source.id, batch)));
    expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(50);
    for (const r of results) expect(r.ids).toEqual(results[0]?.ids);
  });

  it('reports posts still to analyse, and posts without a result of a given model version', async () => {
    const { source } = await upsertSource(t.db, {
      kind: 'rss',
      name: 'f',
      url: 'https://f.example/feed',
      pollIntervalSeconds: 900,
    });
    const { ids } = await storePosts(t.db, source.id, [post('u1'), post('u2')]);
    expect(await filterUnanalysed(t.db, ids)).toEqual(ids);
    await setLanguages(t.db, [{ id: ids[0]!, lang: 'sv', confidence: 0.8 }]);
    expect(await filterUnanalysed(t.db, ids)).toEqual([ids[1]]);
    await upsertClassifications(t.db, 'm1', [{ postId: ids[0]!, stance: 'unrelated', lang2: null }]);
    const missing = await listIdsMissingVersion(t.db, 'm1', 1_000, 0);
    expect(missing).toContain(ids[1]);
    expect(missing).not.toContain(ids[0]);
    expect(await listIdsMissingVersion(t.db, 'm2', 1_000, 0)).toContain(ids[0]);
    expect(await listIdsMissingVersion(t.db, 'm1', 1_000, 60_000)).not.toContain(ids[1]);
  });

  it('upserting a source again returns it; deleting it removes its posts and keys', async () => {
    const again = await upsertSource(t.db, {
      kind: 'rss',
      name: 'renamed',
      url: 'https://a.example/feed',
      pollIntervalSeconds: 900,
    });
    expect(again.created).toBe(false);
    expect(again.source.name).toBe('renamed');
    const before = await count('post_keys');
    expect(await deleteSource(t.db, again.source.id)).toBe(true);
    expect(await count('post_keys')).toBe(before - 3);
  });
});
