/** `ryktesradar migrate`: create the database if missing, apply migrations, sync the theme taxonomy. */
import type { Command } from 'commander';
import { createDb } from '../../core/db/client.ts';
import { redactUrl } from '../../core/redact-url.ts';
import { configAndLogger } from '../context.ts';
import { prepareDatabase } from '../prepare-database.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create the database if missing, apply all migrations, sync the theme taxonomy')
    .action(async () => {
      const { config, logger } = configAndLogger();
      const db = createDb(config.db.url, { logger, maxConnections: 2 });
      try {
        const result = await prepareDatabase(config.db.url, db);
        console.log(
          `${redactUrl(config.db.url)}: ${result.created ? 'created, ' : ''}` +
            `${result.applied.length ? `applied ${result.applied.join(', ')}` : 'already up to date'}; ` +
            `${result.themes} themes synced`,
        );
      } finally {
        await db.destroy();
      }
    });
}
