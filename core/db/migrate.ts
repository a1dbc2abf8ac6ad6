/** Runs the project's migrations (migrations/index.ts) to the latest version. */
import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { Db } from './client.ts';
import { ensurePostPartitions } from './post-partitions.ts';

export interface MigrateOutcome {
  applied: string[];
}

/** Throws with the failing migration's name when one fails; Kysely itself returns errors instead of throwing. */
export async function migrateToLatest(db: Db): Promise<MigrateOutcome> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
    // Migrations of parallel work land in any order; each is independent of those numbered after it.
    allowUnorderedMigrations: true,
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (failed) throw new Error(`migration ${failed.migrationName} failed: ${detail}`, { cause: error });
    // Kysely refuses a database migrated by a release that knows migrations this code does not.
    const newer = /previously executed migration .* is missing/.test(detail)
      ? ' (the database was migrated by a newer release: run that release; stop older processes before upgrading)'
      : '';
    throw new Error(`migrations could not run: ${detail}${newer}`, { cause: error });
  }
  // Months of posts ahead of today, so new posts land in their month rather than the default partition.
  await ensurePostPartitions(db);
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
