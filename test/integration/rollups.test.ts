/**
 * The rollups follow every write that changes what a post contributes (analysis, a new sighting, a label,
 * concurrent batches) and always equal a rebuild from the posts themselves. Real Postgres, real classifier.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { contentHash } from '../../core/content.ts';
import { insertLabel } from '../../core/db/post-labels.ts';
import { storePosts } from '../../core/db/posts.ts';
import { erasePosts } from '../../core/db/erase-posts.ts';
import {
  carryOverRollups,
  rebuildRollups,
  removeSourceRollups,
  type RollupRow,
} from '../../core/db/rollups.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { analyseAndStore } from '../../workers/analyse-batch.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const TEXTS = [
  'Socialtjänsten kidnappar muslimska barn och säljer dem till svenska familjer i Malmö',
  'السوسيال يخطف أطفال المسلمين ويبيعهم لعائلات سويدية في مالمو',
  'Soc tar barnen från invandrarfamiljer utan skäl, sprid detta innan det raderas!',
  'Socialtjänsten förklarar: barn placeras bara enligt LVU efter beslut i förvaltningsrätten',
  'Vädret i Göteborg blir soligt i helgen enligt SMHI',
  'الخدمات الاجتماعية تحرق جوازات سفر الأطفال وتغير دينهم',
];

describe('rollups', () => {
  let t: TestDatabase;
  let sourceA: number;
  let sourceB: number;
  const classifier = shippedClassifier();

  const post = (text: string, id: string, day: string) => ({
    externalId: id,
    url: null,
    title: null,
    text,
    authorPseudonym: null,
    publishedAt: new Date(`${day}T10:00:00Z`),
    contentHash: contentHash(text),
    metrics: { views: 100 },
  });

  /** Rows with anything in them, in key order: upkeep can leave rows that went back to zero. */
  async function rows(): Promise<RollupRow[]> {
    const { rows: all } = await sql<RollupRow>`
      SELECT model_version, to_char(day, 'YYYY-MM-DD') AS day, theme_id, kind, lang, place, source_id, restricted,
             posts, sightings, views_sum, views_n, forwards_sum, forwards_n
      FROM rollup_daily
      WHERE posts <> 0 OR sightings <> 0 OR views_n <> 0 OR forwards_n <> 0
      ORDER BY model_version, place, theme_id, day, kind, lang, source_id, restricted`.execute(t.db);
    return all;
  }

  /** rollup_cells against rollup_daily summed over sources, both without rows that went back to zero. */
  async function cellsAndDaily() {
    const measures = sql`sum(posts)::int AS posts, sum(sightings)::int AS sightings, sum(views_sum) AS views_sum,
      sum(views_n)::int AS views_n, sum(forwards_sum) AS forwards_sum, sum(forwards_n)::int AS forwards_n`;
    const keys = sql`model_version, place, day, theme_id, kind, lang, restricted`;
    const nonZero = sql`sum(posts) <> 0 OR sum(sightings) <> 0 OR sum(views_n) <> 0 OR sum(forwards_n) <> 0`;
    const read = async (table: 'rollup_cells' | 'rollup_daily') =>
      (
        await sql`SELECT ${keys}, ${measures} FROM ${sql.table(table)} GROUP BY ${keys} HAVING ${nonZero}
                  ORDER BY ${keys}`.execute(t.db)
      ).rows;
    return { cells: await read('rollup_cells'), daily: await read('rollup_daily') };
  }

  async function expectEqualToRebuild(): Promise<RollupRow[]> {
    const kept = await rows();
    const kept2 = await cellsAndDaily();
    expect(kept2.cells).toEqual(kept2.daily);
    await rebuildRollups(t.db);
    expect(kept).toEqual(await rows());
    const rebuilt = await cellsAndDaily();
    expect(rebuilt.cells).toEqual(kept2.cells);
    return kept;
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const source = (name: string) =>
      upsertSource(t.db, {
        kind: 'rss',
        name,
        url: `https://${name}.example/feed`,
        pollIntervalSeconds: 900,
      });
    sourceA = (await source('a')).source.id;
    sourceB = (await source('b')).source.id;
  });

  afterAll(async () => {
    await t?.drop();
  });

  it('counts analysed posts once per theme, once under "*" and once per named place', async () => {
    const { ids } = await storePosts(
      t.db,
      sourceA,
      TEXTS.map((text, i) => post(text, `a${i}`, i % 2 ? '2026-10-01' : '2026-10-02')),
    );
    await analyseAndStore(t.db, classifier, ids);
    const kept = await expectEqualToRebuild();
    const all = kept.filter((r) => r.theme_id === '*' && r.place === '*');
    expect(all.reduce((sum, r) => sum + r.posts, 0)).toBe(TEXTS.length);
    expect(kept.some((r) => r.theme_id !== '*' && r.kind === 'rumour')).toBe(true);
    expect(all.reduce((sum, r) => sum + r.views_sum, 0)).toBe(100 * TEXTS.length);
  });

  it('adds a sighting when another source carries the same text, and nothing when analysed again', async () => {
    const before = await rows();
    await storePosts(t.db, sourceB, [post(TEXTS[0]!, 'b0', '2026-10-02')]);
    const after = await expectEqualToRebuild();
    const sightings = (list: RollupRow[]) =>
      list.filter((r) => r.theme_id === '*' && r.place === '*').reduce((sum, r) => sum + r.sightings, 0);
    expect(sightings(after)).toBe(sightings(before) + 1);
    const copied = await t.db
      .selectFrom('posts')
      .select(['sightings'])
      .where('external_id', '=', 'a0')
      .executeTakeFirstOrThrow();
    expect(copied.sightings).toBe(2);

    const ids = (await t.db.selectFrom('posts').select('id').execute()).map((r) => r.id);
    await analyseAndStore(t.db, classifier, ids);
    expect(await rows()).toEqual(after);
  });

  it('moves a post to the restricted rows when an analyst labels it a threat', async () => {
    const target = await t.db.selectFrom('posts').select('id').orderBy('id').executeTakeFirstOrThrow();
    await insertLabel(t.db, {
      postId: target.id,
      stance: 'rumour',
      themes: ['violence_threats'],
      about: [],
      labelledBy: 'analyst@example.org',
      note: null,
    });
    const kept = await expectEqualToRebuild();
    expect(kept.some((r) => r.restricted && r.theme_id === '*')).toBe(true);
  });

  it('stays exact under concurrent overlapping batches', async () => {
    const { ids } = await storePosts(
      t.db,
      sourceA,
      Array.from({ length: 40 }, (_, i) => post(`${TEXTS[i % TEXTS.length]} nr ${i}`, `c${i}`, '2026-10-03')),
    );
    await Promise.all([
      analyseAndStore(t.db, classifier, ids.slice(0, 30)),
      analyseAndStore(t.db, classifier, ids.slice(10, 40)),
      analyseAndStore(t.db, classifier, [...ids].reverse()),
      storePosts(t.db, sourceB, [post(`${TEXTS[1]} nr 1`, 'b-c1', '2026-10-03')]),
    ]);
    await expectEqualToRebuild();
  });

  it('carries over to a new model version the counts of posts no longer stored, also on days that keep some', async () => {
    const day = '2026-09-10';
    const { ids } = await storePosts(
      t.db,
      sourceA,
      TEXTS.map((text, i) => post(`${text} (gallrad dag ${i})`, `g${i}`, day)),
    );
    await analyseAndStore(t.db, classifier, ids);
    const totalOf = async (version: string) =>
      Number(
        (
          await sql<{ n: number }>`
            SELECT coalesce(sum(posts), 0)::int AS n FROM rollup_cells
            WHERE model_version = ${version} AND day = ${day}::date AND theme_id = '*' AND place = '*'`.execute(
            t.db,
          )
        ).rows[0]?.n,
      );
    expect(await totalOf(classifier.version)).toBe(TEXTS.length);
    // Retention took all but one post of the day; their counts stay in the old version's rollups.
    await erasePosts(t.db, ids.slice(1));
    const next = { ...classifier, version: `${classifier.version}-next` };
    const stored = (await t.db.selectFrom('posts').select('id').execute()).map((r) => r.id);
    await analyseAndStore(t.db, next, stored);
    expect(await totalOf(next.version)).toBe(1);

    await carryOverRollups(t.db, classifier.version, next.version);
    expect(await totalOf(next.version)).toBe(TEXTS.length);
    // Every other day, whose posts are all stored, is counted once: the new version equals the old one there.
    const { rows: diff } = await sql<{ day: string }>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day FROM rollup_cells
      WHERE theme_id = '*' AND place = '*' AND day <> ${day}::date
      GROUP BY day
      HAVING sum(posts) FILTER (WHERE model_version = ${classifier.version})
             <> sum(posts) FILTER (WHERE model_version = ${next.version})`.execute(t.db);
    expect(diff).toEqual([]);
    const cells = await cellsAndDaily();
    expect(cells.cells).toEqual(cells.daily);
  });

  it("removes one source's rows from both tables", async () => {
    const sample = (
      await upsertSource(t.db, {
        kind: 'rss',
        name: 'sample',
        url: 'https://sample.example/feed',
        pollIntervalSeconds: 900,
      })
    ).source.id;
    const before = await cellsAndDaily();
    const { ids } = await storePosts(t.db, sample, [post('Soc tar barn, exempeldata', 's1', '2026-10-02')]);
    await analyseAndStore(t.db, classifier, ids);
    expect((await cellsAndDaily()).cells).not.toEqual(before.cells);
    await removeSourceRollups(t.db, sample);
    expect(await cellsAndDaily()).toEqual(before);
  });
});
