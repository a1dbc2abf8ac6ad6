/** The bench's own database: created fresh with the real migrations and taxonomy, dropped at the end. */
import { taxonomy } from '../../classifier/taxonomy.ts';
import { createDb, type Db } from '../../core/db/client.ts';
import { dropDatabase, ensureDatabase } from '../../core/db/ensure-database.ts';
import { migrateToLatest } from '../../core/db/migrate.ts';
import { syncThemes } from '../../core/db/themes.ts';

/** `base` with its database name replaced by `name`. */
export function databaseUrl(base: string, name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error('database: a plain lower-case name');
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops `url`'s database if it exists, creates it, migrates it and syncs the themes. Returns a pool on it. */
export async function freshDatabase(url: string, maxConnections = 10): Promise<{ db: Db; ms: number }> {
  const started = performance.now();
  await dropDatabase(url);
  await ensureDatabase(url);
  const db = createDb(url, { maxConnections });
  try {
    await migrateToLatest(db);
    await syncThemes(db, taxonomy.version, taxonomy.themes);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, ms: performance.now() - started };
}

export { dropDatabase };
