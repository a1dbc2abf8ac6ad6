/** Builds what a command needs from the environment: config, logger and (optionally) the shared resources. */
import { loadConfig, type Config } from '../core/config.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { openResources, type Resources } from '../core/resources.ts';
import { prepareDatabase } from './prepare-database.ts';

export function configAndLogger(): { config: Config; logger: Logger } {
  const config = loadConfig();
  return { config, logger: createLogger(config.log.level) };
}

/** Opens resources on a database that exists, is migrated, and knows the current taxonomy. */
export async function openPrepared(): Promise<Resources> {
  const { config, logger } = configAndLogger();
  const resources = openResources(config, logger);
  try {
    const prepared = await prepareDatabase(config.db.url, resources.db);
    if (prepared.created) logger.info({ url: redactUrl(config.db.url) }, 'database created');
    if (prepared.applied.length > 0) logger.info({ applied: prepared.applied }, 'migrations applied');
    return resources;
  } catch (error) {
    await resources.close();
    throw error;
  }
}

/** A URL for logs and messages: the password, if any, replaced. */
export function redactUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}
