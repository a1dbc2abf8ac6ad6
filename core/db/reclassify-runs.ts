/** The `reclassify_runs` table: progress of moving stored posts to a new model version. */
import { sql, type Generated, type Selectable } from 'kysely';
import type { Db } from './client.ts';

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface ReclassifyRunsTable {
  id: Generated<number>;
  model_version: string;
  status: Generated<RunStatus>;
  total: Generated<number>;
  done: Generated<number>;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
}
export type ReclassifyRun = Selectable<ReclassifyRunsTable>;

export async function createRun(db: Db, modelVersion: string): Promise<ReclassifyRun> {
  return db
    .insertInto('reclassify_runs')
    .values({ model_version: modelVersion, started_at: null, finished_at: null, error: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getRun(db: Db, id: number): Promise<ReclassifyRun | undefined> {
  return db.selectFrom('reclassify_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function startRun(db: Db, id: number, total: number): Promise<void> {
  await db
    .updateTable('reclassify_runs')
    .set({ status: 'running', total, done: 0, started_at: sql<Date>`now()`, error: null })
    .where('id', '=', id)
    .execute();
}

export async function recordRunProgress(db: Db, id: number, done: number, total: number): Promise<void> {
  await db.updateTable('reclassify_runs').set({ done, total }).where('id', '=', id).execute();
}

export async function finishRun(
  db: Db,
  id: number,
  outcome: { status: 'done' | 'failed'; error?: string },
): Promise<void> {
  await db
    .updateTable('reclassify_runs')
    .set({ status: outcome.status, error: outcome.error ?? null, finished_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function latestRuns(db: Db, limit = 10): Promise<ReclassifyRun[]> {
  return db.selectFrom('reclassify_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
