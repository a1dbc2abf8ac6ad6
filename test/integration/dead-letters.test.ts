/**
 * The dead-letter list on real Redis and Postgres: a job failing with UnrecoverableError and one spending all its
 * attempts end in BullMQ's failed set; `jobs failed` / `jobs retry` (real CLI processes) and the admin-only /jobs
 * page (CSRF-protected, audited) show and send them back with fresh attempts.
 */
import { Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { readAudit } from '../../core/db/audit-log.ts';
import { analysePostsQueue } from '../../core/queues/analyse-posts.ts';
import { createRedis } from '../../core/redis.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../dashboard/auth/settings.ts';
import { addUser, login, type Session } from '../helpers/auth.ts';
import { runCli } from '../helpers/cli.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

vi.setConfig({ testTimeout: 120_000 });

describe('dead-letter list', () => {
  let t: TestResources;
  let server: Listening;
  let workers: Worker[] = [];
  let env: Record<string, string>;
  const sessions = new Map<string, Session>();
  let badId: string;
  let flakyId: string;

  beforeAll(async () => {
    t = await openTestResources();
    const { resources } = t;
    const connection = createRedis(TEST_REDIS_URL, 'worker');
    const common = { connection, prefix: t.prefix };
    // The real payload check: an empty id list can never succeed (UnrecoverableError, no retry).
    workers = [
      new Worker(analysePostsQueue.name, async (job: Job) => analysePostsQueue.parse(job.data), common),
      new Worker(
        'collect-source',
        async (): Promise<void> => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:9');
        },
        common,
      ),
    ];
    const bad = await resources.queues.analyse.add('analyse', { postIds: [] }, { jobId: 'analyse-bad' });
    const flaky = await resources.queues.collect.add(
      'collect',
      { sourceId: 42 },
      { jobId: 'collect-42', attempts: 2, backoff: { type: 'fixed', delay: 10 } },
    );
    badId = bad.id!;
    flakyId = flaky.id!;
    await waitUntil(
      async () => [
        await resources.queues.analyse.getFailedCount(),
        await resources.queues.collect.getFailedCount(),
      ],
      ([a, c]) => a === 1 && c === 1,
      { timeoutMs: 20_000 },
    );
    // From here on nothing takes jobs: a retried job stays waiting where the test can see it.
    await Promise.all(workers.map((worker) => worker.close()));
    connection.disconnect();
    workers = [];

    env = {
      DATABASE_URL: t.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.prefix,
      AUTHOR_HMAC_KEY: 'test-key-test-key-test-key-test-key',
    };
    server = await listen(
      createApp({
        db: resources.db,
        redis: resources.redis,
        logger: resources.logger,
        modelVersion: async () => MODEL_VERSION,
        auth: { ...DEFAULT_AUTH_SETTINGS, keyPrefix: t.prefix },
        queuePrefix: t.prefix,
      }),
    );
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      await addUser(resources.db, `${role}@kommun.se`, [role]);
      sessions.set(role, await login(server.url, `${role}@kommun.se`));
    }
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await server?.close();
    await t?.cleanup();
  });

  it('jobs failed: lists both with queue, id, attempts and reason; --queue narrows', async () => {
    const all = await runCli(['jobs', 'failed', '--json'], env);
    expect(all.code, all.stderr).toBe(0);
    const rows = all.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((r) => [r['queue'], r['id'], r['attempts']]).sort()).toEqual([
      ['analyse-posts', badId, 1],
      ['collect-source', flakyId, 2],
    ]);
    const bad = rows.find((r) => r['id'] === badId)!;
    expect(bad['reason']).toContain('invalid analyse-posts payload');
    expect(bad['data']).toBe('postIds=[0]');
    expect(rows.find((r) => r['id'] === flakyId)!['reason']).toContain('ECONNREFUSED');
    expect(typeof bad['failedAt']).toBe('string');

    const one = await runCli(['jobs', 'failed', '--queue', 'collect-source'], env);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`collect-source\t${flakyId}\t`);
    expect(one.stdout).toContain('attempts=2');
    expect(one.stdout).not.toContain(badId);
  });

  it('/jobs: admins only; the list shows the failed jobs, without post text', async () => {
    for (const role of ['viewer', 'analyst']) {
      const denied = await fetch(`${server.url}/jobs`, { headers: { cookie: sessions.get(role)!.cookie } });
      expect(denied.status).toBe(403);
    }
    const admin = sessions.get('admin')!;
    const page = await fetch(`${server.url}/jobs?lang=en`, { headers: { cookie: admin.cookie } });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Failed jobs (2)');
    expect(body).toContain(badId);
    expect(body).toContain(flakyId);
    expect(body).toContain('ECONNREFUSED');
    expect(body).toMatch(/<a\s+href="\/jobs"[^>]*>/);
    // The viewer's navigation has no link to a page it may not open.
    const viewerHome = await fetch(`${server.url}/sources`, {
      headers: { cookie: sessions.get('viewer')!.cookie },
    });
    expect(await viewerHome.text()).not.toContain('href="/jobs"');
  });

  it('POST /jobs/retry: refused without the CSRF token or the right; with both, back to waiting and audited', async () => {
    const admin = sessions.get('admin')!;
    const form = (csrf?: string) =>
      new URLSearchParams({ queue: 'analyse-posts', id: badId, ...(csrf ? { _csrf: csrf } : {}) });
    const post = (session: Session, body: URLSearchParams) =>
      fetch(`${server.url}/jobs/retry`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post(admin, form())).status).toBe(403);
    const analyst = sessions.get('analyst')!;
    expect((await post(analyst, form(analyst.csrfToken))).status).toBe(403);
    expect(await t.resources.queues.analyse.getFailedCount()).toBe(1);

    const done = await post(admin, form(admin.csrfToken));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/jobs?done=one:analyse-posts:${badId}`);
    const job = await t.resources.queues.analyse.getJob(badId);
    expect(await job!.getState()).toBe('waiting');
    expect(job!.attemptsMade).toBe(0);
    const audit = await readAudit(t.resources.db, { limit: 50 });
    expect(
      audit.filter((a) => a.action === 'job_retry').map((a) => [a.actor_label, a.outcome, a.params]),
    ).toEqual([['admin@kommun.se', 'ok', { queue: 'analyse-posts', job_id: badId }]]);
    expect(audit.some((a) => a.action === 'access_denied' && a.actor_label === 'analyst@kommun.se')).toBe(
      true,
    );
    const again = await post(admin, form(admin.csrfToken));
    expect(again.headers.get('location')).toContain('/jobs?done=gone:');
  });

  it('jobs retry --all: back to waiting with fresh attempts, audited as the CLI operator', async () => {
    const all = await runCli(['jobs', 'retry', '--all'], env);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('Retried 1 failed job(s)');
    const job = await t.resources.queues.collect.getJob(flakyId);
    expect(await job!.getState()).toBe('waiting');
    expect(job!.attemptsMade).toBe(0);
    const audit = await readAudit(t.resources.db, { limit: 50 });
    expect(
      audit
        .filter((a) => a.action === 'job_retry' && a.actor_kind === 'cli')
        .map((a) => [a.outcome, a.params])
        .sort(),
    ).toEqual([['ok', { queue: 'all', count: 1 }]]);
  });
});
