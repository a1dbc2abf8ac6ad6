/**
 * The `retention_runs` table: the log of retention (gallring) runs, each with its cutoff, whether it was a dry
 * run, and what it removed per kind (and what it kept because of labels or legal holds).
 */
import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import type { Db } from './client.ts';

export interface RetentionCounts {
  /** Post rows deleted (text, link, author pseudonym, reach) with their analysis rows. */
  posts: number;
  /** Whole months of posts dropped at once (`posts_yYYYYmMM`), their posts counted in `posts`. */
  months_dropped: number;
  /** Sightings whose link and author pseudonym were cleared (the sighting itself stays as identity). */
  sightings_scrubbed: number;
  /** Evidence snapshots deleted (PNG and HTML, stored in the database). */
  snapshots: number;
  /** Posts past the cutoff kept because an analyst labelled them (training data). */
  kept_labelled: number;
  /** Posts and snapshots past the cutoff kept under a legal hold. */
  kept_held_posts: number;
  kept_held_snapshots: number;
  /** Audit log entries older than AUDIT_RETENTION_DAYS deleted (0 when the run was not given that period). */
  audit_entries: number;
}

export interface RetentionRunsTable {
  id: Generated<number>;
  trigger: 'schedule' | 'cli';
  dry_run: boolean;
  retention_days: number;
  cutoff: Date;
  status: Generated<'running' | 'done' | 'failed'>;
  started_at: Generated<Date>;
  finished_at: Date | null;
  counts: ColumnType<Partial<RetentionCounts>, string, string>;
  error: string | null;
}
export type RetentionRun = Selectable<RetentionRunsTable>;

export async function startRetentionRun(
  db: Db,
  run: { trigger: 'schedule' | 'cli'; dryRun: boolean; retentionDays: number; cutoff: Date },
): Promise<number> {
  const { id } = await db
    .insertInto('retention_runs')
    .values({
      trigger: run.trigger,
      dry_run: run.dryRun,
      retention_days: run.retentionDays,
      cutoff: run.cutoff,
      finished_at: null,
      counts: '{}',
      error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function finishRetentionRun(
  db: Db,
  id: number,
  outcome: { counts: RetentionCounts } | { error: string; counts: Partial<RetentionCounts> },
): Promise<void> {
  await db
    .updateTable('retention_runs')
    .set({
      status: 'error' in outcome ? 'failed' : 'done',
      finished_at: sql<Date>`now()`,
      counts: JSON.stringify(outcome.counts),
      error: 'error' in outcome ? outcome.error.slice(0, 1_000) : null,
    })
    .where('id', '=', id)
    .execute();
}

/** The latest runs, newest first. */
export async function latestRetentionRuns(db: Db, limit: number): Promise<RetentionRun[]> {
  return db
    .selectFrom('retention_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
