/** Creates the Kysely client on a pg pool; sets type parsers once and never lets a pool error crash a process. */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import type { Logger } from '../logger.ts';

// int8 (ids, counts) as numbers: ids stay far below 2^53 at any volume this system will see.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// numeric (e.g. averages) as numbers too.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Db = Kysely<Database>;

export interface DbOptions {
  maxConnections?: number;
  logger?: Logger;
}

export function createDb(url: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: 'ryktesradar',
  });
  // An idle client losing its connection emits on the pool; without a listener Node would crash.
  pool.on('error', (error) => options.logger?.warn({ err: error.message }, 'postgres pool error'));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
