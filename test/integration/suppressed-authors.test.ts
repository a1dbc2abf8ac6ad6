/**
 * An objection (GDPR art. 21) on real Postgres, Redis and HTTP: `subject suppress` through the real CLI keeps the
 * author's pseudonym only; the collector then leaves that author's new items out of a real feed (with a logged
 * reason) while storing everyone else's, and `subject unsuppress` lets them in again. Both are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../collectors/main.ts';
import { getSource, upsertSource } from '../../core/db/sources.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { runCli } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const item = (id: string, author: string, text: string) =>
  `<item><guid>${id}</guid><title>${id}</title><dc:creator>${author}</dc:creator>` +
  `<description>${text}</description><pubDate>Mon, 16 Nov 2026 12:00:00 +0000</pubDate></item>`;
const feed = (items: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
  `<channel><title>forum</title>${items}</channel></rss>`;

describe('suppressed authors', () => {
  let t: TestResources;
  let server: FixtureServer;
  let collector: Stoppable;
  let items = '';

  beforeAll(async () => {
    server = await startFixtureServer({
      '/feed.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed(items));
      },
    });
    t = await openTestResources({ FETCH_ALLOWLIST: '127.0.0.1/32' });
    collector = await startCollector(t.resources);
  }, 60_000);

  afterAll(async () => {
    await collector?.close();
    await t?.cleanup();
    await server?.close();
  });

  const cli = (args: string[]) =>
    runCli(args, {
      DATABASE_URL: t.database.url,
      AUTHOR_HMAC_KEY: t.resources.config.privacy.authorKey ?? '',
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.prefix,
    });

  /** Polls the source once more and returns the external ids stored so far. */
  async function poll(sourceId: number): Promise<string[]> {
    const before = (await getSource(t.resources.db, sourceId))?.last_polled_at?.getTime() ?? 0;
    // One poll now (a job as the source's scheduler makes them), not a schedule.
    await t.resources.queues.collect.add('collect', { sourceId });
    await waitUntil(
      () => getSource(t.resources.db, sourceId),
      (row) => (row?.last_polled_at?.getTime() ?? 0) > before,
    );
    const rows = await t.resources.db
      .selectFrom('post_sightings')
      .select('external_id')
      .where('source_id', '=', sourceId)
      .orderBy('external_id')
      .execute();
    return rows.map((row) => row.external_id);
  }

  it('leaves out new posts by a suppressed handle, keeps the rest, and lets them in again when lifted', async () => {
    const suppressed = await cli([
      'subject',
      'suppress',
      '@Objector',
      '--actor',
      'dpo@kommun.se',
      '--case',
      'DSR-2026-21',
    ]);
    expect(suppressed.stderr).toBe('');
    expect(suppressed.code).toBe(0);
    expect(suppressed.stdout).toMatch(/will not be collected \(1 newly suppressed\)/);
    const rows = await t.resources.db.selectFrom('suppressed_authors').selectAll().execute();
    expect(rows).toHaveLength(1);
    // The pseudonym only: no trace of the handle.
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('objector');
    expect(rows[0]).toMatchObject({ created_by: 'dpo@kommun.se', case_reference: 'DSR-2026-21' });

    const { source } = await upsertSource(t.resources.db, {
      kind: 'rss',
      name: 'forum',
      url: `${server.url}/feed.xml`,
      pollIntervalSeconds: 3_600,
    });
    items =
      item('o-1', 'objector', 'Soc tar barnen, sprid detta!') +
      item('k-1', 'someone_else', 'Möte om stöd till familjer i Angered på torsdag.');
    expect(await poll(source.id)).toEqual(['k-1']);

    const lifted = await cli(['subject', 'unsuppress', 'objector', '--actor', 'dpo@kommun.se']);
    expect(lifted.code).toBe(0);
    expect(lifted.stdout).toMatch(/^1 suppressed handles lifted/);
    items += item('o-2', 'Objector', 'Ett nytt inlägg efter att invändningen drogs tillbaka.');
    expect(await poll(source.id)).toEqual(['k-1', 'o-1', 'o-2']);

    const audit = await t.resources.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'params'])
      .where('action', 'in', ['subject_suppress', 'subject_unsuppress'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_label])).toEqual([
      ['subject_suppress', 'dpo@kommun.se'],
      ['subject_unsuppress', 'dpo@kommun.se'],
    ]);
    expect(audit[0]?.params).toMatchObject({ case: 'DSR-2026-21', added: 1 });
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('objector');
  });
});
