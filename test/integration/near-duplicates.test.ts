/** Near-duplicate clusters on real Postgres: copies from several sources meet in one cluster, others stay apart. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../core/content.ts';
import { createDb, type Db } from '../../core/db/client.ts';
import { decodeIntArray, signPendingPosts } from '../../core/db/post-clusters.ts';
import { storePosts, type NewPost } from '../../core/db/posts.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { NEAR_DUPLICATE } from '../../core/near-duplicate.ts';
import { createRng } from '../../scripts/generator/rng.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const post = (externalId: string, text: string): NewPost => ({
  externalId,
  url: null,
  title: null,
  text,
  authorPseudonym: null,
  publishedAt: new Date('2026-11-01T10:00:00Z'),
  contentHash: contentHash(text),
});

const ORIGINAL =
  'السوسيال أخدوا بنت جيرانا من المدرسة الساعة ١٠ الصبح وأمها ما عرفت إلا بالعصر، وما قالولها وين أخدوها 😭';
const COPIES = [
  `عاجل ‼️ ${ORIGINAL}\nانشر ولك الأجر`,
  'السُّوسيال أخدوا بنت جيرانا من المدرسة الساعة 11 الصبح وأمها ما عرفت إلا بالعصر، وما قالولها وين',
  `${ORIGINAL} #أوقفوا_خطف_أطفالنا`,
];
/** A message of its own per round (seeded pseudo-words), so rounds cannot cluster with each other. */
const message = (round: number) => {
  const rng = createRng(round + 1);
  const letters = 'abdefghijklmnoprstuvåäö';
  return Array.from({ length: 14 }, () =>
    Array.from({ length: rng.int(3, 8) }, () => rng.pick([...letters])).join(''),
  ).join(' ');
};
const UNRELATED = 'متى ينزل راتب السوسيال هذا الشهر؟ تأخر علينا كثير والإيجار لازم ينّدفع';

describe('near-duplicate clusters', () => {
  let t: TestDatabase;
  let other: Db;
  let n = 0;
  const source = async () =>
    (
      await upsertSource(t.db, {
        kind: 'telegram',
        name: `c${++n}`,
        url: `https://t.me/s/c${n}`,
        pollIntervalSeconds: 900,
      })
    ).source.id;
  const clusterOf = async (ids: readonly number[]) =>
    (
      await t.db
        .selectFrom('posts')
        .select(['id', 'cluster_id'])
        .where('id', 'in', [...ids])
        .orderBy('id')
        .execute()
    ).map((row) => row.cluster_id);

  beforeAll(async () => {
    t = await createTestDatabase();
    other = createDb(t.url, { maxConnections: 5 });
  });
  afterAll(async () => {
    await other?.destroy();
    await t?.drop();
  });

  it('puts copy-pasted variants from three sources in the cluster of the first, and an unrelated post apart', async () => {
    const first = await storePosts(t.db, await source(), [post('o', ORIGINAL)]);
    const ids = [first.ids[0]!];
    for (const [i, copy] of COPIES.entries()) {
      const stored = await storePosts(t.db, await source(), [post(`copy${i}`, copy)]);
      expect(stored.inserted).toBe(1);
      ids.push(stored.ids[0]!);
    }
    expect(new Set(ids).size).toBe(4);
    expect(await clusterOf(ids)).toEqual([ids[0], ids[0], ids[0], ids[0]]);

    const unrelated = await storePosts(t.db, await source(), [post('u', UNRELATED)]);
    expect(await clusterOf(unrelated.ids)).toEqual(unrelated.ids);
    const signatures = await t.db
      .selectFrom('post_signatures')
      .select(['version'])
      .where('post_id', 'in', [...ids, ...unrelated.ids])
      .execute();
    expect(signatures).toHaveLength(5);
    expect(signatures.every((s) => s.version === NEAR_DUPLICATE.version)).toBe(true);
  });

  it('clusters copies within one batch, and a short post on its own', async () => {
    const text = 'Min granne fick sina barn omhändertagna av socialen för att de inte åt fläskkött i skolan';
    const stored = await storePosts(t.db, await source(), [
      post('b1', text),
      post('b2', `Forwarded: ${text} 😡 Sprid!!`),
      post('b3', 'Stoppa soc!'),
    ]);
    expect(await clusterOf(stored.ids)).toEqual([stored.ids[0], stored.ids[0], stored.ids[2]]);
  });

  it('keeps sample posts out of real clusters', async () => {
    const text =
      'LVU är en svensk lag som låter staten ta barn från muslimska familjer, sprid ordet till alla';
    const real = await storePosts(t.db, await source(), [post('r', text)]);
    const sample = await storePosts(t.db, await source(), [post('s', `${text} 🙏`)], { isSample: true });
    expect(await clusterOf([...real.ids, ...sample.ids])).toEqual([real.ids[0], sample.ids[0]]);
  });

  it('founds one cluster when two connections store copies of one message at the same moment', async () => {
    const [sa, sb] = [await source(), await source()];
    for (let round = 0; round < 10; round++) {
      const text = message(round);
      const [a, b] = await Promise.all([
        storePosts(t.db, sa, [post(`p${round}`, text)]),
        storePosts(other, sb, [post(`q${round}`, `VIKTIGT: ${text}!!`)]),
      ]);
      const clusters = await clusterOf([a.ids[0]!, b.ids[0]!]);
      expect(clusters[0]).toBe(clusters[1]);
    }
  });

  it('signs and clusters posts stored before clustering existed', async () => {
    const text = 'Barnen togs av soc i Gällivare och föräldrarna fick inte ens veta vart de fördes, sprid';
    const stored = await storePosts(t.db, await source(), [post('old1', text), post('old2', `${text} nu`)]);
    // As migration 0004 leaves older posts: unsigned, each its own cluster.
    await t.db.deleteFrom('post_signatures').where('post_id', 'in', stored.ids).execute();
    await t.db.deleteFrom('post_lsh_bands').where('post_id', 'in', stored.ids).execute();
    for (const id of stored.ids)
      await t.db.updateTable('posts').set({ cluster_id: id }).where('id', '=', id).execute();
    let signed = 0;
    for (let round = 0; round < 10; round++) {
      const n = await signPendingPosts(t.db, 100);
      if (n === 0) break;
      signed += n;
    }
    expect(signed).toBe(2);
    expect(await clusterOf(stored.ids)).toEqual([stored.ids[0], stored.ids[0]]);
  });

  it("decodes Postgres's binary integer arrays (how candidates' signatures are read)", async () => {
    const values = [0, 1, -2, 2147483647, -2147483648, 123456789];
    const { rows } = await sql<{ full: Buffer; empty: Buffer }>`
      SELECT array_send(${`{${values.join(',')}}`}::integer[]) AS full, array_send('{}'::integer[]) AS empty`.execute(
      t.db,
    );
    expect([...decodeIntArray(rows[0]!.full)]).toEqual(values);
    expect(decodeIntArray(rows[0]!.empty)).toHaveLength(0);
  });
});
