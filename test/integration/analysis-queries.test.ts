/** The overview, theme page and targeting-matrix queries on a known scenario in a real, migrated database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { insertAnsweredCell, latestAnsweredCells } from '../../core/db/answered-cells.ts';
import { bucketSeries } from '../../dashboard/queries/bucket-series.ts';
import { cellCounts } from '../../dashboard/queries/cell-counts.ts';
import { previousPeriod } from '../../dashboard/queries/cut.ts';
import { targetingMatrix } from '../../dashboard/queries/targeting-matrix.ts';
import { beforeAfterMarks, themeClusters, themeSources } from '../../dashboard/queries/theme-detail.ts';
import { PERIOD, seedAnalysisScenario, type AnalysisScenario } from '../helpers/analysis-seed.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const CORE = 'soc_takes_children';

describe('analysis queries', () => {
  let t: TestDatabase;
  let scenario: AnalysisScenario;

  beforeAll(async () => {
    t = await createTestDatabase();
    scenario = await seedAnalysisScenario(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('takes the previous period of the same length', () => {
    expect(previousPeriod('2026-10-15', '2026-10-28')).toEqual({ from: '2026-10-01', to: '2026-10-14' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('matrix by language: counts, change, counter-messages and the rising-without-answer flag', async () => {
    const rows = await targetingMatrix(t.db, MODEL_VERSION, { ...PERIOD, by: 'lang', hideRestricted: true });
    const core = Object.fromEntries(rows.filter((r) => r.theme === CORE).map((r) => [r.key, r]));
    expect(Object.keys(core).sort()).toEqual(['ar', 'en', 'so', 'sv', 'und']);
    expect(core['ar']).toMatchObject({
      rumours: 3,
      rumoursPrevious: 1,
      rumourSightings: 4,
      counters: 0,
      rising: true,
      answered: null,
      unanswered: true,
    });
    expect(core['sv']).toMatchObject({
      rumours: 2,
      rumoursPrevious: 0,
      counters: 1,
      rising: true,
      unanswered: false,
    });
    expect(core['so']).toMatchObject({ rumours: 1, rising: false, unanswered: false });
    expect(core['und']).toMatchObject({ rumours: 2, rumoursPrevious: 3, rising: false, unanswered: false });
    expect(core['en']).toMatchObject({ rumours: 0, counters: 0, countersPrevious: 1, unanswered: false });
    expect(rows.some((r) => r.theme === 'violence_threats')).toBe(false);
    const secure = await targetingMatrix(t.db, MODEL_VERSION, {
      ...PERIOD,
      by: 'lang',
      hideRestricted: false,
    });
    expect(secure.find((r) => r.theme === 'violence_threats' && r.key === 'ar')?.rumours).toBe(1);
  });

  it('matrix by place names the municipality and counts each post once however many districts it names', async () => {
    const rows = await targetingMatrix(t.db, MODEL_VERSION, { ...PERIOD, by: 'place', hideRestricted: true });
    const gothenburg = rows.find((r) => r.theme === CORE && r.key === '1480');
    expect(gothenburg).toMatchObject({
      keyLabel: 'Göteborg',
      rumours: 2,
      rumoursPrevious: 0,
      unanswered: true,
    });
  });

  it('an answered mark clears the flag of its cell from its day on, and only that cell', async () => {
    await insertAnsweredCell(t.db, {
      themeId: CORE,
      lang: 'ar',
      place: null,
      answeredOn: '2026-10-25',
      link: 'https://example.org/svar-ar',
      note: null,
      markedBy: 'analytiker@kommun.se',
    });
    const rows = await targetingMatrix(t.db, MODEL_VERSION, { ...PERIOD, by: 'lang', hideRestricted: true });
    const ar = rows.find((r) => r.theme === CORE && r.key === 'ar');
    expect(ar).toMatchObject({
      unanswered: false,
      answered: { on: '2026-10-25', link: 'https://example.org/svar-ar' },
    });
    // Before the mark's day the cell was still unanswered.
    const earlier = await targetingMatrix(t.db, MODEL_VERSION, {
      from: '2026-10-11',
      to: '2026-10-24',
      by: 'lang',
      hideRestricted: true,
    });
    expect(earlier.find((r) => r.theme === CORE && r.key === 'ar')?.answered).toBeNull();
    // A language mark is not a place mark.
    const places = await targetingMatrix(t.db, MODEL_VERSION, {
      ...PERIOD,
      by: 'place',
      hideRestricted: true,
    });
    expect(places.find((r) => r.key === '1480' && r.theme === CORE)?.unanswered).toBe(true);

    const [mark] = await latestAnsweredCells(t.db, { themeId: CORE });
    const [result] = await beforeAfterMarks(t.db, MODEL_VERSION, [mark!], {
      today: '2026-10-28',
      hideRestricted: true,
    });
    // 4 days from 25 to 28 October: before = 21..24 (none), after = 25..28 (ar3 on the 27th).
    expect(result).toMatchObject({ days: 4, before: 0, after: 1 });
    // A mark stored with a year-1 date (before the form refused it) is left out, not a database error.
    const ancient = { ...mark!, id: mark!.id + 1, answeredOn: '0001-01-02' };
    const kept = await beforeAfterMarks(t.db, MODEL_VERSION, [ancient, mark!], {
      today: '2026-10-28',
      hideRestricted: true,
    });
    expect(kept.map((r) => r.mark.id)).toEqual([mark!.id]);

    // A later mark of the same cell does not hide the one in force at the end of an earlier period.
    await insertAnsweredCell(t.db, {
      themeId: CORE,
      lang: 'ar',
      place: null,
      answeredOn: '2026-11-20',
      link: 'https://example.org/svar-ar-2',
      note: null,
      markedBy: 'analytiker@kommun.se',
    });
    const again = await targetingMatrix(t.db, MODEL_VERSION, { ...PERIOD, by: 'lang', hideRestricted: true });
    expect(again.find((r) => r.theme === CORE && r.key === 'ar')).toMatchObject({
      unanswered: false,
      answered: { on: '2026-10-25', link: 'https://example.org/svar-ar' },
    });
  });

  it('a mark entered again for a cell corrects it: the one entered last is shown', async () => {
    const mark = (answeredOn: string, link: string) =>
      insertAnsweredCell(t.db, {
        themeId: CORE,
        lang: 'so',
        place: null,
        answeredOn,
        link,
        note: null,
        markedBy: 'analytiker@kommun.se',
      });
    await mark('2026-10-27', 'https://example.org/fel-dag');
    await mark('2026-10-26', 'https://example.org/svar-so');
    const latest = await latestAnsweredCells(t.db, { themeId: CORE });
    expect(latest.filter((m) => m.lang === 'so')).toMatchObject([
      { answeredOn: '2026-10-26', link: 'https://example.org/svar-so' },
    ]);
  });

  it('overview cells: reach from reported views, sightings as spread', async () => {
    const rows = await cellCounts(t.db, MODEL_VERSION, { ...PERIOD, hideRestricted: true }, 'none');
    const core = rows.find((r) => r.theme === CORE);
    expect(core).toMatchObject({
      rumours: 8,
      rumoursPrevious: 4,
      rumourSightings: 9,
      counters: 1,
      rumourViews: 1200,
      rumourPostsWithViews: 1,
      counterViews: 500,
      counterPostsWithViews: 1,
    });
    const ar = await cellCounts(
      t.db,
      MODEL_VERSION,
      { ...PERIOD, lang: 'ar', place: '1480', hideRestricted: true },
      'none',
    );
    expect(ar.find((r) => r.theme === CORE)?.rumours).toBe(2);
  });

  it('language split counts each rumour post once, with an und bucket', async () => {
    const chart = await bucketSeries(
      t.db,
      MODEL_VERSION,
      { ...PERIOD, interval: 'week', hideRestricted: true },
      'lang',
    );
    expect(chart.buckets).toEqual(['2026-10-12', '2026-10-19', '2026-10-26']);
    const totals = Object.fromEntries(chart.series.map((s) => [s.key, s.total]));
    // ar2 carries two themes and counts once.
    expect(totals).toEqual({ ar: 3, sv: 2, so: 1, und: 2 });
    expect(chart.series.find((s) => s.key === 'ar')?.counts).toEqual([1, 1, 1]);
  });

  it('stance split compares rumours and counter-messages of one theme', async () => {
    const chart = await bucketSeries(
      t.db,
      MODEL_VERSION,
      { ...PERIOD, interval: 'week', theme: CORE, hideRestricted: true },
      'stance',
    );
    const byKey = Object.fromEntries(chart.series.map((s) => [s.key, s]));
    expect(byKey['rumour']?.total).toBe(8);
    expect(byKey['counter']).toMatchObject({ total: 1, totalViews: 500, counts: [0, 1, 0] });
  });

  it('theme sources: posts by the source that first saw them, with every sighting; clusters are copies seen more than once', async () => {
    const sources = await themeSources(t.db, MODEL_VERSION, CORE, { ...PERIOD, hideRestricted: true });
    // The other source only saw a copy of a post the first source had: that copy adds a sighting there.
    expect(sources.map((s) => [s.sourceId, s.posts, s.sightings])).toEqual([[scenario.sourceId, 8, 9]]);
    const clusters = await themeClusters(t.db, MODEL_VERSION, CORE, { ...PERIOD, hideRestricted: true });
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ posts: 1, sightings: 2, sources: 2, exampleLang: 'ar' });
    expect(clusters[0]?.example).toContain('السوسيال يخطف الأطفال');
  });
});
