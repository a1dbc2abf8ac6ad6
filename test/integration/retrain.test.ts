/**
 * Analysts improve the classifier, end to end on real Postgres and Redis: posts analysed by the shipped model,
 * labels stored, `classifier train` stores a new model with its figures, the reclassify job moves every post
 * to it with progress, activates it, and the dashboard's trends then say which version produced them.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES_VERSION } from '../../classifier/model/features.ts';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { cachedActiveVersion } from '../../core/active-model.ts';
import { insertLabel } from '../../core/db/post-labels.ts';
import { storePosts } from '../../core/db/posts.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { contentHash } from '../../core/content.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { enqueueAnalysis } from '../../core/queues/analyse-posts.ts';
import { createApp } from '../../dashboard/app.ts';
import { startAnalysisWorker } from '../../workers/main.ts';
import { bearer } from '../helpers/auth.ts';
import { runCli } from '../helpers/cli.ts';
import { listen } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const TEXTS = [
  'Soc kidnappar våra barn mitt på ljusa dagen, sprid detta! #slutakidnappavårabarn',
  'السوسيال يخطف أطفال المسلمين في السويد ويعطيهم لعائلات مسيحية',
  'Socialtjänsten kidnappar inte barn. Omhändertagande enligt LVU beslutas av domstol.',
  'We are hiring a SOC analyst for our security operations centre.',
  'Familjehem i Göteborg anmäldes för misshandel, enligt en granskning av Sveriges Radio.',
  'متى ينزل راتب السوسيال هذا الشهر؟',
];

describe('retrain → reclassify → activate', () => {
  let t: TestResources;
  let worker: Stoppable;
  let ids: number[];

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'r',
      url: 'https://example.org/r',
      pollIntervalSeconds: 900,
    });
    ({ ids } = await storePosts(
      db,
      source.id,
      TEXTS.map((text, i) => ({
        externalId: `r${i}`,
        url: null,
        title: null,
        text,
        authorPseudonym: null,
        publishedAt: new Date('2026-11-20T12:00:00Z'),
        contentHash: contentHash(text),
      })),
    ));
    worker = await startAnalysisWorker(t.resources);
    await enqueueAnalysis(t.resources.queues.analyse, ids);
  });

  afterAll(async () => {
    await worker?.close();
    await t?.cleanup();
  });

  const versionsOf = async () =>
    (
      await t.resources.db
        .selectFrom('post_classifications')
        .select(['model_version'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy('model_version')
        .execute()
    ).map((row) => [row.model_version, Number(row.n)]);

  it('moves every stored post to the retrained model and activates it', async () => {
    const shipped = shippedClassifier().version;
    expect(await waitUntil(versionsOf, (v) => v.length === 1 && v[0]?.[1] === TEXTS.length)).toEqual([
      [shipped, TEXTS.length],
    ]);

    await insertLabel(t.resources.db, {
      postId: ids[4]!,
      stance: 'neutral',
      themes: [],
      about: ['foster_abuse'],
      labelledBy: 'analyst@example.org',
      note: null,
    });
    // A theme made in the dashboard from a claim candidate becomes one of the model's outputs, learned from its
    // labelled posts, and training says so.
    await t.resources.db
      .insertInto('themes')
      .values({
        id: 'soc_sells_data',
        label_sv: 'Soc säljer data',
        label_en: 'Social services sell data',
        description_sv: '',
        description_en: '',
        taxonomy_version: 'dashboard',
        seed_terms: ['säljer data'],
        origin: 'dashboard',
      })
      .execute();
    await insertLabel(t.resources.db, {
      postId: ids[0]!,
      stance: 'rumour',
      themes: ['soc_sells_data', 'soc_takes_children'],
      about: [],
      labelledBy: 'analyst@example.org',
      note: null,
    });

    const env = {
      DATABASE_URL: t.database.url,
      REDIS_URL: t.resources.config.redis.url,
      QUEUE_PREFIX: t.prefix,
      AUTHOR_HMAC_KEY: 'retrain-test-key-retrain-test-key-xx',
    };
    // The worker started above (same queue prefix) takes the reclassify job; the CLI only stores and enqueues.
    const trained = await runCli(['classifier', 'train', '--no-eval'], env, '', 240_000);
    expect(trained.stderr).toMatch(/training on \d+ examples: \d+ from the corpus, 2 analyst labels/);
    expect(trained.stderr).toContain(
      'themes made in the dashboard, learned from their labelled posts only: soc_sells_data (1 post)',
    );
    // --no-eval skips cross-validation but not the held-out posts (120 posts: seconds).
    expect(trained.stderr).toMatch(
      /held-out posts \(classifier\/data\/holdout, set [0-9a-f]{8}\): \{"stance_accuracy":0\.\d+/,
    );
    expect(trained.code).toBe(0);
    const version = /Stored model (\S+);/.exec(trained.stdout)?.[1];
    expect(version).toBeDefined();

    const run = await waitUntil(
      () => t.resources.db.selectFrom('reclassify_runs').selectAll().executeTakeFirstOrThrow(),
      (r) => r.status === 'done' || r.status === 'failed',
      // The run ends ACTIVE_VERSION_TTL_MS (30 s) after activation, once no worker can still use the old model.
      { timeoutMs: 90_000 },
    );
    expect(run).toMatchObject({
      model_version: version,
      status: 'done',
      done: TEXTS.length,
      total: TEXTS.length,
    });

    const model = await t.resources.db.selectFrom('classifier_models').selectAll().executeTakeFirstOrThrow();
    expect(model).toMatchObject({ version, active: true });
    expect(model.trained_on).toMatchObject({ labels: 2 });
    expect((model.model as { data: { themes: { ids: string[] } } }).data.themes.ids).toContain(
      'soc_sells_data',
    );
    expect(model.metrics).toMatchObject({
      holdout_stance_accuracy: expect.any(Number),
      holdout_stance_macro_f1: expect.any(Number),
      holdout_theme_macro_f1: expect.any(Number),
      holdout_set: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    expect(Object.fromEntries(await versionsOf())).toEqual({
      [shipped]: TEXTS.length,
      [version!]: TEXTS.length,
    });

    // Trends and posts now come from the new version and say so.
    const app = createApp({
      db: t.resources.db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: cachedActiveVersion(t.resources.db, shipped, 0),
    });
    const server = await listen(app);
    try {
      const trends = (await (
        await fetch(`${server.url}/api/trends?from=2026-11-20&to=2026-11-20`, {
          headers: { authorization: await bearer(t.resources.db, 'viewer') },
        })
      ).json()) as {
        modelVersion: string;
      };
      expect(trends.modelVersion).toBe(version);
    } finally {
      await server.close();
    }

    const status = await runCli(['classifier', 'status'], env);
    expect(status.stdout).toContain(`In force: ${version}`);
    expect(status.stdout).toMatch(
      /not cross-validated; held out \(set [0-9a-f]{8}\): stance macro-F1 0\.\d+, theme macro-F1 0\.\d+/,
    );
    expect(status.stdout).toMatch(
      new RegExp(`run \\d+\\t${version!.replace(/[+.]/g, '\\$&')}\\tdone\\t6/6 \\(100%\\)`),
    );
    expect(status.stdout).not.toContain('warning:');

    // After an upgrade changed the feature code, the stored model is flagged until it is retrained.
    await sql`UPDATE classifier_models SET model = jsonb_set(model, '{data,features}', '"f0"') WHERE version = ${version}`.execute(
      t.resources.db,
    );
    const stale = await runCli(['classifier', 'status'], env);
    expect(stale.stdout).toContain(
      `warning: model ${version} was trained with features f0 (this code reads ${FEATURES_VERSION}): ` +
        'retrain it with npx ryktesradar classifier train',
    );
    // Training on the whole corpus takes a minute or two on a busy 2-core machine.
  }, 300_000);
});
