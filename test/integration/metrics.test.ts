/**
 * /metrics on its own loopback listener against real Redis and Postgres: queue depths per state, completed and
 * failed counts written by real BullMQ workers (with the options every worker of the system gets), each source's
 * health and the classifier version, in the Prometheus text format; anything but GET /metrics is 404.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseSource, recordPollFailure, upsertSource } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { startMetricsServer } from '../../core/metrics-server.ts';
import { createRedis } from '../../core/redis.ts';
import { workerOptions } from '../../core/resources.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

describe('/metrics', () => {
  let t: TestResources;
  let server: Stoppable & { url: string };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await openTestResources();
    const { db, queues, config } = t.resources;
    for (const name of ['ok', 'failing', 'paused']) {
      const { source } = await upsertSource(db, {
        kind: 'rss',
        name: `Källa "${name}"`,
        url: `https://example.org/${name}.xml`,
        pollIntervalSeconds: 900,
      });
      ids[name] = source.id;
    }
    await recordPollFailure(db, ids['failing']!, 'http-500: server error');
    await recordPollFailure(db, ids['failing']!, 'http-500: server error');
    await pauseSource(db, ids['paused']!, 'för många fel');

    // Two collect jobs: one completes, one fails for good; then three analysis jobs left waiting.
    const connection = createRedis(config.redis.url, 'worker');
    const worker = new Worker(
      'collect-source',
      async (job) => {
        if (job.data.sourceId === 2) throw new UnrecoverableError('http-404: not found');
        return 'ok';
      },
      { connection, prefix: t.prefix, ...workerOptions(config) },
    );
    await queues.collect.add('collect', { sourceId: 1 });
    await queues.collect.add('collect', { sourceId: 2 });
    await waitUntil(
      () => queues.collect.getJobCounts('completed', 'failed'),
      (c) => c['completed'] === 1 && c['failed'] === 1,
    );
    await worker.close();
    connection.disconnect();
    await queues.analyse.addBulk([1, 2, 3].map((id) => ({ name: 'analyse', data: { postIds: [id] } })));
    server = await startMetricsServer(
      {
        db,
        redis: t.resources.redis,
        prefix: t.prefix,
        modelVersion: async () => 'lr-v9+test',
        logger: t.resources.logger,
      },
      { host: '127.0.0.1', port: 0 },
    );
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('serves depths, counters, source health and the model version in the text format', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const body = await response.text();
    const lines = new Set(body.trim().split('\n'));
    for (const line of [
      '# TYPE ryktesradar_queue_jobs gauge',
      'ryktesradar_queue_jobs{queue="analyse-posts",state="waiting"} 3',
      'ryktesradar_queue_jobs{queue="analyse-posts",state="active"} 0',
      'ryktesradar_queue_jobs{queue="collect-source",state="failed"} 1',
      'ryktesradar_queue_jobs{queue="collect-source",state="delayed"} 0',
      '# TYPE ryktesradar_jobs_completed_total counter',
      'ryktesradar_jobs_completed_total{queue="collect-source"} 1',
      'ryktesradar_jobs_failed_total{queue="collect-source"} 1',
      'ryktesradar_jobs_completed_total{queue="analyse-posts"} 0',
      'ryktesradar_sources{state="ok"} 0',
      'ryktesradar_sources{state="new"} 1',
      'ryktesradar_sources{state="failing"} 1',
      'ryktesradar_sources{state="paused"} 1',
      `ryktesradar_source_health{source_id="${ids['failing']}",kind="rss",state="failing"} 1`,
      `ryktesradar_source_consecutive_failures{source_id="${ids['failing']}",kind="rss"} 2`,
      `ryktesradar_source_health{source_id="${ids['paused']}",kind="rss",state="paused"} 1`,
      'ryktesradar_classifier_info{version="lr-v9+test"} 1',
    ]) {
      expect(lines, line).toContain(line);
    }
    // Every sample line parses as name{labels} value; no source names leak into labels.
    for (const line of lines) {
      if (!line.startsWith('#'))
        expect(line).toMatch(/^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? \d+$/);
    }
    expect(body).not.toContain('Källa');
  });

  it('answers 404 to anything else', async () => {
    const base = server.url.replace(/\/metrics$/, '');
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
  });
});
