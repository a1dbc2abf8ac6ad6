/**
 * End to end on real Postgres, Redis and HTTP: a loopback server serves an RSS feed, the real collector worker
 * polls it through a BullMQ job scheduler, the real analysis worker drains the queue, and /api/trends shows it.
 */
import fs from 'node:fs';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedClassifier } from '../../classifier/shipped.ts';
import { startCollector } from '../../collectors/main.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { scheduleSource } from '../../core/queues/collect-source.ts';
import { getSource, upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { startAnalysisWorker } from '../../workers/main.ts';
import { bearer } from '../helpers/auth.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const feedXml = fs.readFileSync(new URL('../fixtures/pipeline-feed.xml', import.meta.url));

describe('pipeline: feed → queue → worker → Postgres → /api/trends', () => {
  let t: TestResources;
  let server: FixtureServer;
  let parts: Stoppable[] = [];
  let queueEvents: QueueEvents;
  let dashboard: Listening;
  let sourceId: number;
  const etag = '"v1"';
  let honourEtag = true;

  beforeAll(async () => {
    server = await startFixtureServer({
      '/feed.xml': (req, res) => {
        if (honourEtag && req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(feedXml);
      },
    });
    t = await openTestResources();
    const { resources } = t;
    queueEvents = new QueueEvents('collect-source', {
      connection: { url: resources.config.redis.url },
      prefix: t.prefix,
    });
    await queueEvents.waitUntilReady();
    parts = [await startAnalysisWorker(resources), await startCollector(resources)];
    const app = createApp({
      db: resources.db,
      redis: resources.redis,
      logger: resources.logger,
      modelVersion: async () => shippedClassifier().version,
    });
    dashboard = await listen(app);
  });

  afterAll(async () => {
    for (const part of parts) await part.close();
    await queueEvents?.close();
    await dashboard?.close();
    await t?.cleanup();
    await server?.close();
  });

  const postsByExternalId = async () => {
    const rows = await t.resources.db
      .selectFrom('posts as p')
      .leftJoin('post_classifications as pc', 'pc.post_id', 'p.id')
      .select([
        'p.id',
        'p.external_id',
        'p.lang',
        'p.url',
        'p.author_pseudonym',
        'p.text',
        'p.analysed_at',
        'pc.stance',
        'pc.model_version',
      ])
      .orderBy('p.external_id')
      .execute();
    return rows;
  };
  const themesOf = async (postId: number, role: 'rumour' | 'about') =>
    (
      await t.resources.db
        .selectFrom('post_themes')
        .select('theme_id')
        .where('post_id', '=', postId)
        .where('role', '=', role)
        .orderBy('theme_id')
        .execute()
    ).map((row) => row.theme_id);

  it('collects on the scheduler’s first poll and stores every post analysed, once', async () => {
    const { source } = await upsertSource(t.resources.db, {
      kind: 'rss',
      name: 'Fixture group',
      url: `${server.url}/feed.xml`,
      pollIntervalSeconds: 3_600,
    });
    sourceId = source.id;
    await scheduleSource(t.resources.queues.collect, source.id, source.poll_interval_seconds);

    const rows = await waitUntil(
      postsByExternalId,
      (r) => r.length === 4 && r.every((p) => p.analysed_at !== null),
    );
    expect(rows.map((r) => [r.external_id, r.lang, r.stance])).toEqual([
      ['post-101', 'sv', 'rumour'],
      ['post-102', 'ar', 'rumour'],
      ['post-103', 'sv', 'counter'],
      ['post-104', 'en', 'unrelated'],
    ]);
    expect(rows.every((r) => r.model_version === shippedClassifier().version)).toBe(true);
    const [sv, ar, counter, unrelated] = rows;
    expect(await themesOf(sv!.id, 'rumour')).toContain('soc_takes_children');
    expect(await themesOf(ar!.id, 'rumour')).toEqual(
      expect.arrayContaining(['soc_takes_children', 'placed_nonmuslim_lgbt_family']),
    );
    expect(await themesOf(counter!.id, 'rumour')).toEqual([]);
    expect(await themesOf(counter!.id, 'about')).toContain('soc_takes_children');
    expect(await themesOf(unrelated!.id, 'rumour')).toEqual([]);
    expect(await themesOf(unrelated!.id, 'about')).toEqual([]);

    // Canonical URL without tracking parameters; author pseudonymised, never in clear.
    expect(sv!.url).toBe('https://example.org/posts/101');
    expect(sv!.author_pseudonym).toMatch(/^a_[0-9a-f]{24}$/);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('mamma_i_angered');
    expect(stored).not.toContain('abu_omar');
    expect(sv!.text).not.toContain('<p>');

    // Places named: "Angered" is a district of Göteborg (1480); the job ad names Stockholm (0180).
    const places = await t.resources.db.selectFrom('post_places').selectAll().orderBy('post_id').execute();
    expect(places).toEqual([
      { post_id: sv!.id, municipality_code: '1480', district: 'Angered' },
      { post_id: unrelated!.id, municipality_code: '0180', district: '' },
    ]);

    const health = await getSource(t.resources.db, source.id);
    expect(health).toMatchObject({ etag, items_last_poll: 4, consecutive_failures: 0, last_error: null });
  });

  it('shows the rumours, and only them, in /api/trends per Stockholm day', async () => {
    const headers = { authorization: await bearer(t.resources.db, 'viewer') };
    const response = await fetch(`${dashboard.url}/api/trends?from=2026-11-19&to=2026-11-22`, { headers });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      buckets: string[];
      series: { theme: string; counts: number[] }[];
    };
    expect(body.buckets).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    const core = body.series.find((s) => s.theme === 'soc_takes_children');
    expect(core?.counts).toEqual([0, 1, 1, 0]);
    const family = body.series.find((s) => s.theme === 'placed_nonmuslim_lgbt_family');
    expect(family?.counts).toEqual([0, 0, 1, 0]);
    // The counter-message (21 Nov) and the unrelated post (22 Nov) add nothing to any rumour series.
    const perDay = body.buckets.map((_, i) =>
      body.series.reduce((sum, s) => Math.max(sum, s.counts[i] ?? 0), 0),
    );
    expect(perDay).toEqual([0, 1, 1, 0]);

    const arabic = (await (
      await fetch(`${dashboard.url}/api/trends?from=2026-11-19&to=2026-11-22&lang=ar`, { headers })
    ).json()) as {
      series: { theme: string; total: number }[];
    };
    expect(arabic.series.find((s) => s.theme === 'soc_takes_children')?.total).toBe(1);

    const goteborg = (await (
      await fetch(`${dashboard.url}/api/trends?from=2026-11-19&to=2026-11-22&place=1480`, { headers })
    ).json()) as {
      series: { theme: string; counts: number[] }[];
    };
    expect(goteborg.series.find((s) => s.theme === 'soc_takes_children')?.counts).toEqual([0, 1, 0, 0]);
    const posts = (await (await fetch(`${dashboard.url}/api/posts?place=1480`, { headers })).json()) as {
      posts: { title: string; places: unknown }[];
    };
    expect(posts.posts.map((p) => [p.title, p.places])).toEqual([
      ['Soc tog barnen igen', [{ code: '1480', district: 'Angered' }]],
    ]);
  });

  it('adds nothing when the same feed is collected again', async () => {
    honourEtag = false; // the server ignores the ETag and sends the whole feed again
    const job = await t.resources.queues.collect.add('collect', { sourceId });
    const result = await job.waitUntilFinished(queueEvents, 15_000);
    expect(result).toMatchObject({ outcome: 'stored', items: 4, inserted: 0, enqueuedJobs: 0 });
    const count = await t.resources.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
    const classifications = await t.resources.db
      .selectFrom('post_classifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(classifications.n)).toBe(4);
  });

  it('answers 304 with no parse and no change when the feed did not change', async () => {
    honourEtag = true;
    const before = server.requests.length;
    const job = await t.resources.queues.collect.add('collect', { sourceId });
    const result = await job.waitUntilFinished(queueEvents, 15_000);
    expect(result).toMatchObject({ outcome: 'not-modified' });
    const request = server.requests.slice(before).find((r) => r.path === '/feed.xml');
    expect(request?.headers['if-none-match']).toBe(etag);
    expect(request?.headers['user-agent']).toMatch(/^Ryktesradar\//);
    const health = await getSource(t.resources.db, sourceId);
    expect(health).toMatchObject({ items_last_poll: 0, consecutive_failures: 0 });
    const count = await t.resources.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });
});
