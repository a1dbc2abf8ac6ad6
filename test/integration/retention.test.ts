/**
 * Retention on real Postgres: old posts and snapshots go; new, labelled and held ones stay; identities
 * (post_keys, sightings) stay without link or author; rollups are never touched; dry runs delete nothing; the
 * audit log keeps its own, longer period.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHold } from '../../core/db/legal-holds.ts';
import { insertLabel } from '../../core/db/post-labels.ts';
import { latestRetentionRuns } from '../../core/db/retention-runs.ts';
import { storeSnapshot } from '../../core/db/snapshots.ts';
import { createLogger } from '../../core/logger.ts';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import { runRetention } from '../../core/retention.ts';
import { loadConfig } from '../../core/config.ts';
import { retentionQueue, RETENTION_SCHEDULER_ID } from '../../core/queues/retention.ts';
import { createRedis } from '../../core/redis.ts';
import { startRetention } from '../../workers/retention.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';
import { waitUntil } from '../helpers/wait-until.ts';
import { addSource, daysAgo, storeAuthored } from '../helpers/privacy-seed.ts';

const pseudonymise = createPseudonymiser('retention-test-key-'.padEnd(40, 'x'));
const logger = createLogger('silent');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

let t: TestDatabase;
const ids: Record<string, number> = {};
const snapshotIds: Record<string, number> = {};
let hasRollups = false;

const rows = async (query: ReturnType<typeof sql>) =>
  (await query.execute(t.db)).rows as Record<string, unknown>[];
const postIds = async () =>
  (await t.db.selectFrom('posts').select('id').orderBy('id').execute()).map((r) => r.id);

beforeAll(async () => {
  t = await createTestDatabase();
  const main = await addSource(t.db, 'rss', 'main');
  const held = await addSource(t.db, 'rss', 'heldsource');
  const stored = await storeAuthored(
    t.db,
    main,
    [
      {
        externalId: 'old',
        text: 'gammalt inlägg om socialtjänsten ett',
        author: 'anna',
        publishedAt: daysAgo(200),
      },
      {
        externalId: 'old2',
        text: 'gammalt inlägg om socialtjänsten två',
        author: 'bertil',
        publishedAt: daysAgo(91),
      },
      { externalId: 'new', text: 'nytt inlägg om socialtjänsten', author: 'anna', publishedAt: daysAgo(10) },
      { externalId: 'labelled', text: 'gammalt märkt inlägg', author: 'cecilia', publishedAt: daysAgo(120) },
      { externalId: 'held', text: 'gammalt hot polisanmält', author: 'david', publishedAt: daysAgo(150) },
      // Published long ago but collected now and not analysed yet: waits for its analysis (and its rollup).
      {
        externalId: 'unanalysed',
        text: 'gammalt men nyss hämtat',
        author: 'erik',
        publishedAt: daysAgo(300),
        analysed: false,
      },
    ],
    pseudonymise,
  );
  ['old', 'old2', 'new', 'labelled', 'held', 'unanalysed'].forEach((name, i) => (ids[name] = stored[i]!));
  const [heldSourcePost] = await storeAuthored(
    t.db,
    held,
    [
      {
        externalId: 'hs',
        text: 'gammalt i en källa under bevarande',
        author: 'fia',
        publishedAt: daysAgo(180),
      },
    ],
    pseudonymise,
  );
  ids['heldsource'] = heldSourcePost!;

  await insertLabel(t.db, {
    postId: ids['labelled']!,
    stance: 'rumour',
    themes: [],
    about: [],
    labelledBy: 'analyst@example.se',
    note: null,
  });
  await addHold(t.db, {
    target: { postId: ids['held']! },
    reason: 'hot polisanmält',
    caseReference: 'K-123-26',
    createdBy: 'security@example.se',
  });
  await addHold(t.db, {
    target: { sourceId: held },
    reason: 'förundersökning',
    caseReference: null,
    createdBy: 'security@example.se',
  });

  const snap = async (sourceId: number, days: number, externalIds: string[]) =>
    (
      await storeSnapshot(t.db, sourceId, {
        pageUrl: 'https://forum.example/t/1',
        takenAt: daysAgo(days),
        png: PNG,
        html: '<p>sidan</p>',
        htmlTruncated: false,
        externalIds,
      })
    ).id;
  snapshotIds['old'] = await snap(main, 200, ['old']);
  snapshotIds['oldHeldPost'] = await snap(main, 150, ['held']);
  snapshotIds['oldHeldSource'] = await snap(held, 180, ['hs']);
  snapshotIds['new'] = await snap(main, 5, ['new']);

  hasRollups =
    (await rows(sql`SELECT to_regclass('rollup_daily') IS NOT NULL AS present`))[0]?.['present'] === true;
  if (hasRollups) {
    // Aggregates of the old days: they must outlive the posts they count.
    await sql`
      INSERT INTO rollup_daily (model_version, day, theme_id, kind, lang, place, source_id, restricted,
                                posts, sightings, views_sum, views_n, forwards_sum, forwards_n)
      VALUES ('test-model', (now() - interval '200 days')::date, '*', 'rumour', 'sv', '*', ${main}, false,
              1, 1, 100, 1, 0, 0)`.execute(t.db);
  }
}, 30_000);

afterAll(async () => {
  await t?.drop();
});

describe('retention', () => {
  it('a dry run counts what would go and deletes nothing', async () => {
    const before = await postIds();
    const report = await runRetention(t.db, { retentionDays: 90, trigger: 'cli', dryRun: true, logger });
    expect(report.counts).toMatchObject({
      posts: 2,
      sightings_scrubbed: 2,
      snapshots: 1,
      kept_labelled: 1,
      kept_held_posts: 2,
      kept_held_snapshots: 2,
    });
    expect(await postIds()).toEqual(before);
    const [run] = await latestRetentionRuns(t.db, 1);
    expect(run).toMatchObject({ dry_run: true, status: 'done', retention_days: 90 });
  });

  it('deletes old posts and snapshots, keeps new, labelled, held and unanalysed ones, and never rollups', async () => {
    const keysBefore = await rows(
      sql`SELECT post_id, source_id, external_id FROM post_keys ORDER BY post_id`,
    );
    const sightingsBefore = await rows(
      sql`SELECT id, post_id, source_id, external_id FROM post_sightings ORDER BY id`,
    );
    const rollupsBefore = hasRollups
      ? await rows(sql`SELECT * FROM rollup_daily ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`)
      : [];

    // Batches of 1 walk the keyset one post at a time: the same result as one big batch.
    const report = await runRetention(t.db, { retentionDays: 90, trigger: 'schedule', batchSize: 1, logger });
    expect(report.counts).toEqual({
      posts: 2,
      // Its old posts wait in the default partition (older than the months made ahead): row by row.
      months_dropped: 0,
      sightings_scrubbed: 2,
      snapshots: 1,
      kept_labelled: 1,
      kept_held_posts: 2,
      kept_held_snapshots: 2,
      // Not given AUDIT_RETENTION_DAYS: the audit log is left alone.
      audit_entries: 0,
    });
    expect(report.cutoff.getTime()).toBeCloseTo(daysAgo(90).getTime(), -4);

    const remaining = await postIds();
    expect(remaining).not.toContain(ids['old']);
    expect(remaining).not.toContain(ids['old2']);
    for (const kept of ['new', 'labelled', 'held', 'heldsource', 'unanalysed'])
      expect(remaining).toContain(ids[kept]);

    const snapshots = (await t.db.selectFrom('snapshots').select('id').execute()).map((r) => r.id);
    expect(snapshots.sort()).toEqual(
      [snapshotIds['oldHeldPost'], snapshotIds['oldHeldSource'], snapshotIds['new']].sort(),
    );

    // Identity stays (so the old item is not stored again); its sightings keep no link and no author.
    expect(await rows(sql`SELECT post_id, source_id, external_id FROM post_keys ORDER BY post_id`)).toEqual(
      keysBefore,
    );
    expect(
      await rows(sql`SELECT id, post_id, source_id, external_id FROM post_sightings ORDER BY id`),
    ).toEqual(sightingsBefore);
    const scrubbed = await rows(
      sql`SELECT url, author_pseudonym FROM post_sightings WHERE post_id = ANY(${[ids['old'], ids['old2']]}::bigint[])`,
    );
    expect(scrubbed).toEqual([
      { url: null, author_pseudonym: null },
      { url: null, author_pseudonym: null },
    ]);
    const label = await t.db.selectFrom('post_labels').select('post_id').executeTakeFirst();
    expect(label?.post_id).toBe(ids['labelled']);

    if (hasRollups) {
      expect(rollupsBefore.length).toBeGreaterThan(0);
      expect(await rows(sql`SELECT * FROM rollup_daily ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`)).toEqual(
        rollupsBefore,
      );
    }

    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'retention_run')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.params).toMatchObject({ posts: 2, snapshots: 1, run_id: report.runId });
  });

  it('a re-collected old item is not stored again; a released hold lets its post go at the next run', async () => {
    const main = (
      await t.db.selectFrom('sources').select('id').where('name', '=', 'main').executeTakeFirstOrThrow()
    ).id;
    const again = await storeAuthored(
      t.db,
      main,
      [
        {
          externalId: 'old',
          text: 'gammalt inlägg om socialtjänsten ett',
          author: 'anna',
          publishedAt: daysAgo(200),
        },
      ],
      pseudonymise,
    );
    expect(again).toEqual([ids['old']]);
    expect(await postIds()).not.toContain(ids['old']);

    await sql`UPDATE legal_holds SET released_at = now(), released_by = 'security@example.se'
              WHERE post_id = ${ids['held']}`.execute(t.db);
    const report = await runRetention(t.db, { retentionDays: 90, trigger: 'cli', logger });
    expect(report.counts).toMatchObject({
      posts: 1,
      snapshots: 1,
      kept_held_posts: 1,
      kept_held_snapshots: 1,
    });
    expect(await postIds()).not.toContain(ids['held']);
    expect(await postIds()).toContain(ids['heldsource']);
  });
});

describe('the audit log', () => {
  it('loses entries older than its own period, in batches; a dry run only counts them', async () => {
    const at = (days: number) => daysAgo(days).toISOString();
    await sql`INSERT INTO audit_log (at, actor_kind, actor_label, action)
              VALUES (${at(800)}, 'user', 'old@example.se', 'login'),
                     (${at(731)}, 'user', 'old@example.se', 'posts_view'),
                     (${at(700)}, 'user', 'recent@example.se', 'export')`.execute(t.db);
    const labels = async () =>
      (await t.db.selectFrom('audit_log').select('actor_label').execute()).map((r) => r.actor_label);

    const dry = await runRetention(t.db, {
      retentionDays: 90,
      auditRetentionDays: 730,
      trigger: 'cli',
      dryRun: true,
      logger,
    });
    expect(dry.counts.audit_entries).toBe(2);
    expect(await labels()).toContain('old@example.se');

    const report = await runRetention(t.db, {
      retentionDays: 90,
      auditRetentionDays: 730,
      trigger: 'cli',
      batchSize: 1,
      logger,
    });
    expect(report.counts.audit_entries).toBe(2);
    expect(await labels()).not.toContain('old@example.se');
    expect(await labels()).toContain('recent@example.se');
    // The run's own entry says which period it applied.
    const [entry] = await t.db
      .selectFrom('audit_log')
      .select('params')
      .where('action', '=', 'retention_run')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(entry?.params).toMatchObject({ audit_retention_days: 730, audit_entries: 2 });
  });
});

describe('the scheduled job', () => {
  it('is scheduled in Swedish time and its worker records a scheduled run', async () => {
    const prefix = uniquePrefix();
    // Every second (six fields, seconds first), so the test sees a tick at once.
    const config = loadConfig({
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      RETENTION_SCHEDULE: '* * * * * *',
      RETENTION_DAYS: '90',
    });
    const lastId = (await latestRetentionRuns(t.db, 1))[0]?.id ?? 0;
    const redis = createRedis(config.redis.url, 'producer');
    const job = await startRetention({ config, db: t.db, redis }, logger);
    try {
      const queue = retentionQueue.open(redis, prefix);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([
        [RETENTION_SCHEDULER_ID, '* * * * * *', 'Europe/Stockholm'],
      ]);
      await queue.close();
      const runs = await waitUntil(
        () => latestRetentionRuns(t.db, 10),
        (list) => list.some((r) => r.id > lastId && r.trigger === 'schedule' && r.status === 'done'),
        { timeoutMs: 15_000 },
      );
      expect(runs[0]?.retention_days).toBe(90);
    } finally {
      await job.close();
      redis.disconnect();
      await deletePrefix(prefix);
    }
  });
});
