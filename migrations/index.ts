/** The explicit, ordered list of migrations. Names sort in the order they must run. */
import type { Migration } from 'kysely';
import * as initialSchema from './20261123-0001-initial-schema.ts';

export const migrations: Record<string, Migration> = {
  '20261123-0001-initial-schema': initialSchema,
};
