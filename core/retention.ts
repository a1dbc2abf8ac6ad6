/**
 * Retention (gallring): deletes raw posts and evidence snapshots older than the retention period, except posts
 * an analyst labelled (kept as training data) and anything under a legal hold — a month of posts with nothing to
 * keep is dropped whole (post-partitions.ts), the rest row by row; keeps every post's identity and never touches
 * aggregates (rollups). Audit log entries older than their own period go too. Works in bounded batches, records a
 * `retention_runs` row, audits and logs what it removed. Used by the daily job (workers/retention.processor.ts) and `ryktesradar retention run`.
 */
import { appendAudit, countAuditBefore, deleteAuditBefore } from './db/audit-log.ts';
import type { Db } from './db/client.ts';
import { deleteSnapshots, ERASE_BATCH, erasePosts, SNAPSHOT_BATCH } from './db/erase-posts.ts';
import {
  countExpired,
  expiredPostPage,
  expiredSnapshotIds,
  type PostCursor,
} from './db/retention-candidates.ts';
import { dropExpiredMonths, ensurePostPartitions } from './db/post-partitions.ts';
import { finishRetentionRun, startRetentionRun, type RetentionCounts } from './db/retention-runs.ts';
import { describeError } from './errors.ts';
import type { Logger } from './logger.ts';

const DAY_MS = 86_400_000;

/** The instant before which posts and snapshots expire: `days` whole days before `now`. */
export function retentionCutoff(now: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`retention days must be a positive integer: ${days}`);
  return new Date(now.getTime() - days * DAY_MS);
}

export interface RetentionOptions {
  retentionDays: number;
  trigger: 'schedule' | 'cli';
  /** Count what would go without deleting anything. */
  dryRun?: boolean;
  now?: Date;
  /** Days the audit log is kept (AUDIT_RETENTION_DAYS); without it the audit log is left alone. */
  auditRetentionDays?: number;
  /** Ids per statement (default 5,000 posts; snapshots at most 500). */
  batchSize?: number;
  /** Who ran it, for the audit log (an operator's name; the scheduled job says `retention`). */
  actor?: string;
  logger: Logger;
}

export interface RetentionReport {
  runId: number;
  cutoff: Date;
  dryRun: boolean;
  counts: RetentionCounts;
}

export async function runRetention(db: Db, options: RetentionOptions): Promise<RetentionReport> {
  const dryRun = options.dryRun ?? false;
  const batch = options.batchSize ?? ERASE_BATCH;
  const cutoff = retentionCutoff(options.now ?? new Date(), options.retentionDays);
  const log = options.logger.child({ subsystem: 'retention', cutoff: cutoff.toISOString(), dryRun });
  const runId = await startRetentionRun(db, {
    trigger: options.trigger,
    dryRun,
    retentionDays: options.retentionDays,
    cutoff,
  });
  const counts: RetentionCounts = {
    posts: 0,
    months_dropped: 0,
    sightings_scrubbed: 0,
    snapshots: 0,
    kept_labelled: 0,
    kept_held_posts: 0,
    kept_held_snapshots: 0,
    audit_entries: 0,
  };
  const auditCutoff =
    options.auditRetentionDays === undefined
      ? null
      : retentionCutoff(options.now ?? new Date(), options.auditRetentionDays);
  try {
    if (dryRun) {
      const { sightings, ...would } = await countExpired(db, cutoff);
      Object.assign(counts, would, { sightings_scrubbed: sightings });
      if (auditCutoff) counts.audit_entries = await countAuditBefore(db, auditCutoff);
    } else {
      if (auditCutoff) counts.audit_entries = await deleteAuditBefore(db, auditCutoff, batch);
      for (;;) {
        const ids = await expiredSnapshotIds(db, cutoff, Math.min(batch, SNAPSHOT_BATCH));
        counts.snapshots += await deleteSnapshots(db, ids);
        if (ids.length < Math.min(batch, SNAPSHOT_BATCH)) break;
      }
      // Whole months first (one DROP instead of a month of row deletes), then what is left row by row.
      // Making months ahead is upkeep; a failure here (say a lock timeout) must not stop the deletions.
      await ensurePostPartitions(db, options.now).catch((error: unknown) =>
        log.warn(
          { err: describeError(error) },
          'could not make the months ahead; new posts go to posts_default',
        ),
      );
      const months = await dropExpiredMonths(db, cutoff, batch);
      counts.months_dropped = months.months.length;
      counts.posts += months.posts;
      counts.sightings_scrubbed += months.sightings_scrubbed;
      if (months.months.length > 0)
        log.info({ months: months.months, posts: months.posts }, 'months dropped');
      let cursor: PostCursor | null = null;
      do {
        const page = await expiredPostPage(db, cutoff, cursor, batch);
        const erased = await erasePosts(db, page.ids, batch);
        counts.posts += erased.posts;
        counts.sightings_scrubbed += erased.sightings_scrubbed;
        if (page.ids.length > 0) log.debug({ posts: counts.posts }, 'retention batch done');
        cursor = page.next;
      } while (cursor);
      const kept = await countExpired(db, cutoff);
      counts.kept_labelled = kept.kept_labelled;
      counts.kept_held_posts = kept.kept_held_posts;
      counts.kept_held_snapshots = kept.kept_held_snapshots;
    }
    await finishRetentionRun(db, runId, { counts });
    await appendAudit(db, {
      actorKind: 'cli',
      actorLabel: options.actor ?? 'retention',
      action: dryRun ? 'retention_dry_run' : 'retention_run',
      params: {
        run_id: runId,
        cutoff: cutoff.toISOString(),
        retention_days: options.retentionDays,
        audit_retention_days: options.auditRetentionDays ?? null,
        ...counts,
      },
    });
    log.info(
      { runId, retentionDays: options.retentionDays, ...counts },
      dryRun ? 'retention dry run' : 'retention run done',
    );
    return { runId, cutoff, dryRun, counts };
  } catch (error) {
    await finishRetentionRun(db, runId, { error: describeError(error), counts }).catch(() => undefined);
    log.warn({ runId, err: describeError(error), ...counts }, 'retention run failed');
    throw error;
  }
}
