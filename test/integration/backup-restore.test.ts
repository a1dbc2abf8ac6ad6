/**
 * Backup and restore on real Postgres: scripts/backup.sh dumps a filled test database with pg_dump (custom
 * format), pg_restore loads it into a fresh database, and every table's row count and content match.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../core/db/audit-log.ts';
import { createDb, type Db } from '../../core/db/client.ts';
import { dropDatabase, ensureDatabase } from '../../core/db/ensure-database.ts';
import { addHold } from '../../core/db/legal-holds.ts';
import { insertLabel } from '../../core/db/post-labels.ts';
import { storeSnapshot } from '../../core/db/snapshots.ts';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addSource, daysAgo, storeAuthored } from '../helpers/privacy-seed.ts';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/backup.sh', import.meta.url));
const pseudonymise = createPseudonymiser('backup-test-key-'.padEnd(40, 'b'));

let t: TestDatabase;
let dir = '';
let restoredUrl = '';
let restored: Db | undefined;

/** Row count and an md5 of every row (as text, in a fixed order) of each table in the public schema. */
async function fingerprint(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ rows: number; md5: string }>`
      SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5
      FROM ${sql.table(name)} t`.execute(db);
    result[name] = rows[0]!;
  }
  return result;
}

beforeAll(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-backup-'));
  const source = await addSource(t.db, 'web', 'forum');
  const ids = await storeAuthored(
    t.db,
    source,
    [
      { externalId: '1', text: 'första inlägget om socialtjänsten', author: 'anna', publishedAt: daysAgo(5) },
      {
        externalId: '2',
        text: 'andra inlägget, på arabiska: الخدمات الاجتماعية',
        author: 'bo',
        publishedAt: daysAgo(4),
      },
      { externalId: '3', text: 'tredje inlägget', author: null, publishedAt: daysAgo(3) },
    ],
    pseudonymise,
  );
  await insertLabel(t.db, {
    postId: ids[0]!,
    stance: 'rumour',
    themes: [],
    about: [],
    labelledBy: 'analyst@example.se',
    note: null,
  });
  await addHold(t.db, {
    target: { postId: ids[1]! },
    reason: 'hot',
    caseReference: 'K-9',
    createdBy: 'sec@example.se',
  });
  await storeSnapshot(t.db, source, {
    pageUrl: 'https://forum.example/t/1',
    takenAt: daysAgo(3),
    png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]),
    html: '<p>sidan</p>',
    htmlTruncated: false,
    externalIds: ['1', '2'],
  });
  await appendAudit(t.db, { actorKind: 'cli', actorLabel: 'test', action: 'backup_test', params: { n: 1 } });
}, 30_000);

afterAll(async () => {
  await restored?.destroy();
  if (restoredUrl) await dropDatabase(restoredUrl);
  await t?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('dumps with pg_dump, restores into a fresh database, and the counts and rows match', async () => {
    // Two older dumps in the folder: --keep 2 leaves the newest of them and the new one.
    fs.writeFileSync(path.join(dir, 'ryktesradar-20000101T000000Z.dump'), 'old');
    fs.writeFileSync(path.join(dir, 'ryktesradar-20000102T000000Z.dump'), 'old');
    const env = { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), DATABASE_URL: t.url };
    const { stdout } = await run('bash', [SCRIPT, '--keep', '2', dir], { env });
    const file = /backup: (\S+\.dump)/.exec(stdout)?.[1];
    expect(file).toBeDefined();
    expect(fs.statSync(file!).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual(['ryktesradar-20000102T000000Z.dump', path.basename(file!)]);

    const url = new URL(t.url);
    url.pathname = `${url.pathname}_restored`;
    restoredUrl = url.toString();
    await ensureDatabase(restoredUrl);
    await run('pg_restore', ['--exit-on-error', '--no-owner', '-d', restoredUrl, file!], { env });
    restored = createDb(restoredUrl, { maxConnections: 2 });

    const [before, after] = [await fingerprint(t.db), await fingerprint(restored)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after).toEqual(before);
    expect(after['posts']?.rows).toBe(3);
    expect(after['snapshots']?.rows).toBe(1);
    expect(after['legal_holds']?.rows).toBe(1);
    expect(after['kysely_migration']?.rows).toBeGreaterThan(10);

    // The restored database takes new rows: identity sequences came back with the data.
    const source = await addSource(restored, 'rss', 'after-restore');
    const [newId] = await storeAuthored(
      restored,
      source,
      [{ externalId: 'n', text: 'efter återställning', author: 'anna', publishedAt: daysAgo(1) }],
      pseudonymise,
    );
    expect(newId).toBeGreaterThan(3);
  });
});
