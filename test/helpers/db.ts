/** A fresh, migrated Postgres database per test file, dropped afterwards. Real server, real migrations. */
import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '../../core/db/client.ts';
import { dropDatabase, ensureDatabase } from '../../core/db/ensure-database.ts';
import { migrateToLatest } from '../../core/db/migrate.ts';
import { syncThemes } from '../../core/db/themes.ts';
import { taxonomy } from '../../classifier/taxonomy.ts';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

const SERVER_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = new URL(SERVER_URL);
  url.pathname = `/rr_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url.toString());
  const db = createDb(url.toString(), { maxConnections: 5 });
  await migrateToLatest(db);
  await syncThemes(db, taxonomy.version, taxonomy.themes);
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.destroy();
      await dropDatabase(url.toString());
    },
  };
}
