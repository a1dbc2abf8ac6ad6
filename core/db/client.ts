/** Creates the Kysely client on a pg pool; sets type parsers once and never lets a pool error crash a process. */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import type { Logger } from '../logger.ts';

// int8 (ids, counts) as numbers: ids stay far below 2^53 at any volume this system will see.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// int8[] (example post ids) likewise: pg's own parser gives strings, which a `number[]` column type hides.
const INT8_ARRAY = 1016 as Parameters<typeof pg.types.getTypeParser>[0]; // not among pg's named builtins
const parseInt8Array = pg.types.getTypeParser(INT8_ARRAY);
pg.types.setTypeParser(INT8_ARRAY, (value: string) =>
  (parseInt8Array(value) as (string | null)[]).map((item) => (item === null ? null : Number(item))),
);
// numeric (e.g. averages) as numbers too.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Db = Kysely<Database>;

export interface DbOptions {
  maxConnections?: number;
  logger?: Logger;
  /** Shown in pg_stat_activity (default `ryktesradar`). */
  applicationName?: string;
}

export function createDb(url: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'ryktesradar',
    // JIT compiles queries the planner thinks large; for this system's short reads it cost more than the query
    // itself (0.8 s of compilation for a 50 ms theme page query at a million posts), so it is off per session.
    options: '-c jit=off',
  });
  // An idle client losing its connection emits on the pool; without a listener Node would crash.
  pool.on('error', (error) => options.logger?.warn({ err: error.message }, 'postgres pool error'));
  // A checked-out client (mid-transaction, between two queries) emits on itself: listen there too, so a reset
  // connection fails that transaction (and its job retries) instead of crashing the process.
  pool.on('connect', (client) =>
    client.on('error', (error) =>
      options.logger?.warn({ err: error.message }, 'postgres connection lost while in use'),
    ),
  );
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
