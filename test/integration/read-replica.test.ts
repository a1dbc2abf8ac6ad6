/**
 * DATABASE_READ_URL: the dashboard's read-only analysis queries run on a second pool. Here the "replica" is a
 * second database on the same server, so pg_stat_activity shows which database the read pool (application_name
 * ryktesradar-read) connected to; tokens and audit rows stay on the primary.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { readAudit } from '../../core/db/audit-log.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../dashboard/auth/settings.ts';
import { bearer } from '../helpers/auth.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

describe('read-only dashboard queries through DATABASE_READ_URL', () => {
  let replica: TestDatabase;
  let t: TestResources;
  let server: Listening;
  const readConnections = async (database: string) =>
    Number(
      (
        await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE application_name = 'ryktesradar-read' AND datname = ${database}`.execute(t.resources.db)
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    replica = await createTestDatabase();
    t = await openTestResources({ DATABASE_READ_URL: replica.url });
    server = await listen(
      createApp({
        db: t.resources.db,
        readDb: t.resources.readDb,
        redis: t.resources.redis,
        logger: t.resources.logger,
        modelVersion: async () => MODEL_VERSION,
        auth: { ...DEFAULT_AUTH_SETTINGS, keyPrefix: t.prefix },
      }),
    );
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
    await replica?.drop();
  });

  it('config gives the resources a second pool', () => {
    expect(t.resources.config.db.readUrl).toBe(replica.url);
    expect(t.resources.readDb).not.toBe(t.resources.db);
  });

  it('/api/trends is answered from the read pool, on the replica database; the token is checked on the primary', async () => {
    const primaryName = new URL(t.database.url).pathname.slice(1);
    const replicaName = new URL(replica.url).pathname.slice(1);
    expect(await readConnections(replicaName)).toBe(0);
    const auth = await bearer(t.resources.db, 'viewer');
    const response = await fetch(`${server.url}/api/trends?from=2026-10-01&to=2026-11-01`, {
      headers: { authorization: auth },
    });
    expect(response.status).toBe(200);
    expect(await readConnections(replicaName)).toBeGreaterThan(0);
    expect(await readConnections(primaryName)).toBe(0);
    // The token's use was audited on the primary (the replica has no such row).
    expect((await readAudit(t.resources.db, { limit: 10 })).map((a) => a.action)).toContain('token_used');
    expect(await readAudit(replica.db, { limit: 10 })).toEqual([]);
  });
});
