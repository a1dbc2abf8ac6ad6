/**
 * Which pool a read-only analysis query runs on: the replica (DATABASE_READ_URL) when the dashboard was given
 * one, else the primary. Aggregates (trends, counts, matrix, theme detail) tolerate a replica's lag of seconds;
 * logins, audit rows, labels and anything read right after a write stay on the primary (`deps.db`).
 */
import type { Db } from '../core/db/client.ts';

export function analysisDb(deps: { db: Db; readDb?: Db | undefined }): Db {
  return deps.readDb ?? deps.db;
}
