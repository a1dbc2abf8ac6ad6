/** Creates the database if missing, migrates it, and syncs the taxonomy into `themes`. Idempotent. */
import { taxonomy } from '../classifier/taxonomy.ts';
import type { Db } from '../core/db/client.ts';
import { ensureDatabase } from '../core/db/ensure-database.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { syncThemes } from '../core/db/themes.ts';

export interface PreparedDatabase {
  created: boolean;
  applied: string[];
  themes: number;
}

export async function prepareDatabase(url: string, db: Db): Promise<PreparedDatabase> {
  const created = await ensureDatabase(url);
  const { applied } = await migrateToLatest(db);
  const themes = await syncThemes(db, taxonomy.version, taxonomy.themes);
  return { created, applied, themes };
}
