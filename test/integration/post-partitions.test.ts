/**
 * `posts` partitioned by month on real Postgres (migration 0017): months made ahead, rows outside every month kept
 * in the default partition and moved when their month is made, one post per text across months, and retention
 * dropping whole months that hold nothing to keep (labelled months go row by row), finishing a drop cut short,
 * and leaving identities, sightings and rollups in place.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../core/content.ts';
import { insertLabel } from '../../core/db/post-labels.ts';
import { storePosts } from '../../core/db/posts.ts';
import { postMonths } from '../../core/db/post-partitions.ts';
import { createLogger } from '../../core/logger.ts';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import { runRetention } from '../../core/retention.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addSource, storeAuthored } from '../helpers/privacy-seed.ts';

const pseudonymise = createPseudonymiser('partition-test-key-'.padEnd(40, 'x'));
const logger = createLogger('silent');
const at = (day: string) => new Date(`${day}T12:00:00Z`);

let t: TestDatabase;
let source: number;
const ids: Record<string, number> = {};

const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(t.db)).rows[0] as T;
const partitionOf = async (id: number) =>
  (await one(sql<{ part: string }>`SELECT tableoid::regclass::text AS part FROM posts WHERE id = ${id}`))
    ?.part;
const count = async (table: string, id: number) =>
  (await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE post_id = ${id}`)).n;
const tableExists = async (name: string) =>
  (await one(sql<{ found: boolean }>`SELECT to_regclass(${name}) IS NOT NULL AS found`)).found;

beforeAll(async () => {
  t = await createTestDatabase();
  source = await addSource(t.db, 'rss', 'partitioned');
  // Months long past, as an import of an old campaign would bring; 2025-04 is not made yet.
  await sql`SELECT ensure_post_partitions('2025-01-01', '2025-03-01')`.execute(t.db);
  const stored = await storeAuthored(
    t.db,
    source,
    [
      { externalId: 'jan1', text: 'soc tar barn januari ett', author: 'anna', publishedAt: at('2025-01-10') },
      {
        externalId: 'jan2',
        text: 'soc tar barn januari två',
        author: 'bertil',
        publishedAt: at('2025-01-20'),
      },
      { externalId: 'feb', text: 'soc tar barn februari', author: 'cecilia', publishedAt: at('2025-02-10') },
      { externalId: 'febkept', text: 'märkt februari', author: 'david', publishedAt: at('2025-02-11') },
      { externalId: 'apr', text: 'soc tar barn april', author: 'erik', publishedAt: at('2025-04-15') },
      { externalId: 'old', text: 'soc tar barn 2019', author: 'fia', publishedAt: at('2019-06-01') },
      { externalId: 'now', text: 'soc tar barn i dag', author: 'gustav', publishedAt: new Date() },
    ],
    pseudonymise,
  );
  ['jan1', 'jan2', 'feb', 'febkept', 'apr', 'old', 'now'].forEach((name, i) => (ids[name] = stored[i]!));
  await sql`
    INSERT INTO post_classifications (post_id, model_version, stance)
    SELECT unnest(${Object.values(ids)}::bigint[]), 'test-model', 'rumour'`.execute(t.db);
  await insertLabel(t.db, {
    postId: ids['febkept']!,
    stance: 'rumour',
    themes: [],
    about: [],
    labelledBy: 'analyst@example.se',
    note: null,
  });
}, 30_000);

afterAll(async () => {
  await t?.drop();
});

describe('posts partitioned by month', () => {
  it('is partitioned, has months around today, and puts each post in its month or the default', async () => {
    expect(
      (
        await one(
          sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM pg_partitioned_table WHERE partrelid = 'posts'::regclass`,
        )
      ).n,
    ).toBe(1);
    const months = (await postMonths(t.db)).filter((m) => m.attached).map((m) => m.table);
    const now = new Date();
    const name = (d: Date) => `posts_y${d.getUTCFullYear()}m${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(months).toContain(name(now));
    expect(months).toContain(name(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1))));
    expect(await partitionOf(ids['jan1']!)).toBe('posts_y2025m01');
    expect(await partitionOf(ids['now']!)).toBe(name(now));
    expect(await partitionOf(ids['apr']!)).toBe('posts_default');
    expect(await partitionOf(ids['old']!)).toBe('posts_default');
  });

  it('moves rows out of the default partition when their month is made, losing and doubling nothing', async () => {
    const before = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM posts`);
    await sql`SELECT ensure_post_partitions('2025-04-01', '2025-05-01')`.execute(t.db);
    expect(await partitionOf(ids['apr']!)).toBe('posts_y2025m04');
    expect(await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM posts`)).toEqual(before);
    // Idempotent: made months are left alone.
    expect(
      (await one(sql<{ made: number }>`SELECT ensure_post_partitions('2025-01-01', '2025-05-01') AS made`))
        .made,
    ).toBe(0);
  });

  it('keeps one post per text across months (the text claim is not per month)', async () => {
    const [copy] = await storeAuthored(
      t.db,
      source,
      [
        {
          externalId: 'copy',
          text: 'soc tar barn januari ett',
          author: 'hugo',
          publishedAt: at('2025-02-20'),
        },
      ],
      pseudonymise,
    );
    expect(copy).toBe(ids['jan1']);
  });

  it('retention drops months with nothing to keep, goes row by row elsewhere, and finishes a cut-short drop', async () => {
    // A drop cut short after its detach: the month is invisible to readers and the next run finishes it.
    await sql`ALTER TABLE posts DETACH PARTITION posts_y2025m04`.execute(t.db);
    const rollupsBefore = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM rollup_daily`);
    const report = await runRetention(t.db, { retentionDays: 90, trigger: 'cli', batchSize: 1, logger });

    for (const month of ['posts_y2025m01', 'posts_y2025m03', 'posts_y2025m04'])
      expect(await tableExists(month)).toBe(false);
    expect(await tableExists('posts_y2025m02')).toBe(true);
    expect(report.counts.months_dropped).toBeGreaterThanOrEqual(3);
    // jan1 (with its copy's sighting), jan2, apr by months; feb and old row by row; febkept and now stay.
    expect(report.counts.posts).toBe(5);
    expect(report.counts.kept_labelled).toBe(1);
    const remaining = (await t.db.selectFrom('posts').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(remaining).toEqual([ids['febkept'], ids['now']]);
    for (const name of ['jan1', 'jan2', 'apr', 'feb', 'old']) {
      expect(await count('post_classifications', ids[name]!)).toBe(0);
      expect(await count('post_hashes', ids[name]!)).toBe(0);
      // The identity and the sightings stay, without link or author.
      expect(await count('post_keys', ids[name]!)).toBe(1);
      expect(
        await one(sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM post_sightings WHERE post_id = ${ids[name]!}
                 AND (url IS NOT NULL OR author_pseudonym IS NOT NULL)`),
      ).toEqual({ n: 0 });
    }
    expect(await count('post_classifications', ids['febkept']!)).toBe(1);
    expect(await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM rollup_daily`)).toEqual(rollupsBefore);
    // A re-collected item of a dropped month is recognised by its identity and not stored again.
    const { ids: again } = await storePosts(t.db, source, [
      {
        externalId: 'jan2',
        url: null,
        title: null,
        text: 'soc tar barn januari två',
        authorPseudonym: null,
        publishedAt: at('2025-01-20'),
        contentHash: contentHash('soc tar barn januari två'),
        metrics: null,
      },
    ]);
    expect(again).toEqual([ids['jan2']]);
    expect(await count('post_hashes', ids['jan2']!)).toBe(0);
  });
});
