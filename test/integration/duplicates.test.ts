/** Exact duplicates across sources on real Postgres: one post, every sighting kept; races end with one post. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../core/content.ts';
import { createDb, type Db } from '../../core/db/client.ts';
import { countSightings, listSightings } from '../../core/db/post-sightings.ts';
import { storePosts, type NewPost } from '../../core/db/posts.ts';
import { deleteSource, upsertSource } from '../../core/db/sources.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const post = (externalId: string, text: string, url: string | null = null): NewPost => ({
  externalId,
  url,
  title: null,
  text,
  authorPseudonym: `a_${externalId}`,
  publishedAt: new Date('2026-11-01T10:00:00Z'),
  contentHash: contentHash(text),
});

describe('duplicates across sources', () => {
  let t: TestDatabase;
  let other: Db;
  let n = 0;
  const source = async (name = `s${++n}`) =>
    (
      await upsertSource(t.db, {
        kind: 'rss',
        name,
        url: `https://${name}.example/feed`,
        pollIntervalSeconds: 900,
      })
    ).source.id;
  const postCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('posts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestDatabase();
    other = createDb(t.url, { maxConnections: 5 });
  });
  afterAll(async () => {
    await other?.destroy();
    await t?.drop();
  });

  it('stores the same text from two sources once, with two sightings', async () => {
    const [a, b] = [await source(), await source()];
    const first = await storePosts(t.db, a, [post('1', 'Soc tog barnen i Angered, sprid!')]);
    const second = await storePosts(t.db, b, [post('x9', 'soc tog  barnen i Angered, SPRID!\n')]);
    expect(first.inserted).toBe(1);
    expect(second.inserted).toBe(0);
    expect(second.ids).toEqual(first.ids);
    expect(await countSightings(t.db, first.ids)).toEqual([
      { postId: first.ids[0], sightings: 2, sources: 2 },
    ]);
    const sightings = await listSightings(t.db, first.ids);
    expect(sightings.map((s) => [s.sourceId, s.externalId, s.authorPseudonym])).toEqual([
      [a, '1', 'a_1'],
      [b, 'x9', 'a_x9'],
    ]);
  });

  it('keeps two accounts posting one text in one source as one post with two sightings', async () => {
    const a = await source();
    const result = await storePosts(t.db, a, [
      post('m1', 'Vakna upp Sverige, soc kidnappar våra barn'),
      post('m2', 'Vakna upp Sverige, soc kidnappar våra barn'),
    ]);
    expect(result.inserted).toBe(1);
    expect(result.ids).toHaveLength(2);
    expect(result.ids[0]).toBe(result.ids[1]);
    expect(await countSightings(t.db, [result.ids[0]!])).toEqual([
      { postId: result.ids[0], sightings: 2, sources: 1 },
    ]);
  });

  it('links a post seen under the same canonical URL in another source, whatever its text', async () => {
    const [a, b] = [await source(), await source()];
    const url = 'https://news.example/2026/11/soc-angered';
    const first = await storePosts(t.db, a, [post('f1', 'Soc in Angered: the full story', url)]);
    const second = await storePosts(t.db, b, [post('g1', 'Soc in Angered (summary)', url)]);
    expect(second.inserted).toBe(0);
    expect(second.ids).toEqual(first.ids);
  });

  it('does not fold items of one source that all link to one home page', async () => {
    const a = await source();
    const home = 'https://home.example/';
    const first = await storePosts(t.db, a, [post('h1', 'first item text', home)]);
    const second = await storePosts(t.db, a, [post('h2', 'second item text', home)]);
    expect(second.inserted).toBe(1);
    expect(second.ids[0]).not.toBe(first.ids[0]);
    // Two posts now carry the URL, so it identifies nothing for another source either.
    const b = await source();
    expect((await storePosts(t.db, b, [post('h3', 'third item text', home)])).inserted).toBe(1);
  });

  it('keeps texts that differ by one number as two posts', async () => {
    const [a, b] = [await source(), await source()];
    const first = await storePosts(t.db, a, [post('n1', 'Soc tog 50 000 barn förra året')]);
    const second = await storePosts(t.db, b, [post('n2', 'Soc tog 60 000 barn förra året')]);
    expect(second.inserted).toBe(1);
    expect(second.ids[0]).not.toBe(first.ids[0]);
  });

  it('never merges sample posts with real posts', async () => {
    const [a, b] = [await source(), await source()];
    const real = await storePosts(t.db, a, [post('r1', 'Exakt samma text i två världar')]);
    const sample = await storePosts(t.db, b, [post('r1', 'Exakt samma text i två världar')], {
      isSample: true,
    });
    expect(sample.inserted).toBe(1);
    expect(sample.ids[0]).not.toBe(real.ids[0]);
  });

  it('ends with one post when two connections store the same texts at the same moment', async () => {
    const [a, b] = [await source(), await source()];
    const before = await postCount();
    for (let round = 0; round < 20; round++) {
      const texts = [`race ${round} alpha text`, `race ${round} beta text`, `race ${round} gamma text`];
      const [fromA, fromB] = await Promise.all([
        storePosts(
          t.db,
          a,
          texts.map((text, i) => post(`a${round}-${i}`, text)),
        ),
        storePosts(
          other,
          b,
          [...texts].reverse().map((text, i) => post(`b${round}-${i}`, text)),
        ),
      ]);
      expect(fromA.inserted + fromB.inserted).toBe(3);
      expect([...fromB.ids].reverse()).toEqual(fromA.ids);
    }
    expect((await postCount()) - before).toBe(60);
  });

  it('deleting a source keeps the posts another source also saw', async () => {
    const [a, b] = [await source(), await source()];
    const shared = await storePosts(t.db, a, [post('d1', 'shared between a and b'), post('d2', 'only in a')]);
    await storePosts(t.db, b, [post('e1', 'shared between a and b')]);
    expect(await deleteSource(t.db, a)).toBe(true);
    const left = await t.db
      .selectFrom('posts')
      .select(['id', 'source_id', 'external_id'])
      .where('id', 'in', shared.ids)
      .execute();
    expect(left).toEqual([{ id: shared.ids[0], source_id: b, external_id: 'e1' }]);
    expect(await countSightings(t.db, [shared.ids[0]!])).toEqual([
      { postId: shared.ids[0], sightings: 1, sources: 1 },
    ]);
  });
});
