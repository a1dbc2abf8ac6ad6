/** Builds what a command needs from the environment: config, logger and (optionally) the shared resources. */
import { loadConfig, type Config } from '../core/config.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { redactUrl } from '../core/redact-url.ts';
import { waitForRedis } from '../core/redis.ts';
import { openResources, type Resources } from '../core/resources.ts';
import { prepareDatabase } from './prepare-database.ts';

/** How long a command that needs Redis waits for it before giving up with one line. */
export const REDIS_WAIT_MS = 10_000;

export function configAndLogger(): { config: Config; logger: Logger } {
  const config = loadConfig();
  return { config, logger: createLogger(config.log.level) };
}

/**
 * What a command does with Redis: `unused` (the default) never connects unless something asks; `required` waits
 * for it at most REDIS_WAIT_MS before touching Postgres, so a command that writes to both fails before writing
 * anything; `reconnecting` (long-running processes) connects now and keeps retrying for as long as it runs.
 */
export type RedisNeed = 'unused' | 'required' | 'reconnecting';

/** Opens resources on a database that exists, is migrated, and knows the current taxonomy. */
export async function openPrepared(options: { redis?: RedisNeed } = {}): Promise<Resources> {
  const need = options.redis ?? 'unused';
  const { config, logger } = configAndLogger();
  const resources = openResources(config, logger, { redis: need === 'reconnecting' ? 'eager' : 'lazy' });
  try {
    if (need === 'required') await waitForRedis(resources.redis, config.redis.url, REDIS_WAIT_MS);
    const prepared = await prepareDatabase(config.db.url, resources.db);
    if (prepared.created) logger.info({ url: redactUrl(config.db.url) }, 'database created');
    if (prepared.applied.length > 0) logger.info({ applied: prepared.applied }, 'migrations applied');
    return resources;
  } catch (error) {
    await resources.close();
    throw error;
  }
}
