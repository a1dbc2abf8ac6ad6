/** `ryktesradar retention run|status`: the retention pass (gallring) on demand, and what it did and would do. */
import type { Command } from 'commander';
import { countExpired } from '../../core/db/retention-candidates.ts';
import { latestRetentionRuns } from '../../core/db/retention-runs.ts';
import { listHolds } from '../../core/db/legal-holds.ts';
import { retentionCutoff, runRetention } from '../../core/retention.ts';
import { openPrepared } from '../context.ts';
import { wholeNumber } from '../parse-args.ts';
import { actorLabel } from '../privacy-args.ts';

async function run(options: {
  dryRun?: boolean;
  days?: string;
  actor?: string;
  json?: boolean;
}): Promise<void> {
  const actor = actorLabel(options.actor);
  const daysGiven = options.days === undefined ? undefined : wholeNumber('--days', options.days, 1, 99_999);
  const resources = await openPrepared();
  try {
    const retentionDays = daysGiven ?? resources.config.privacy.retentionDays;
    const report = await runRetention(resources.db, {
      retentionDays,
      auditRetentionDays: resources.config.privacy.auditRetentionDays,
      trigger: 'cli',
      dryRun: options.dryRun ?? false,
      actor,
      logger: resources.logger,
    });
    if (options.json) {
      console.log(JSON.stringify({ ...report, retentionDays }));
      return;
    }
    const c = report.counts;
    console.log(
      `${report.dryRun ? 'Dry run (nothing deleted): would remove' : 'Removed'} ${c.posts} posts ` +
        `(${c.sightings_scrubbed} sightings cleared of link and author) and ${c.snapshots} snapshots ` +
        `older than ${report.cutoff.toISOString()} (${retentionDays} days); kept ${c.kept_labelled} labelled ` +
        `and ${c.kept_held_posts} held posts, ${c.kept_held_snapshots} held snapshots. ` +
        `${report.dryRun ? 'Would remove' : 'Removed'} ${c.audit_entries} audit log entries older than ` +
        `${resources.config.privacy.auditRetentionDays} days. Run ${report.runId}.`,
    );
  } finally {
    await resources.close();
  }
}

async function status(options: { limit: string; json?: boolean }): Promise<void> {
  const limit = wholeNumber('--limit', options.limit, 1, 1_000);
  const resources = await openPrepared();
  try {
    const { retentionDays, retentionSchedule, auditRetentionDays } = resources.config.privacy;
    const cutoff = retentionCutoff(new Date(), retentionDays);
    const [due, runs, holds] = await Promise.all([
      countExpired(resources.db, cutoff),
      latestRetentionRuns(resources.db, limit),
      listHolds(resources.db),
    ]);
    if (options.json) {
      console.log(
        JSON.stringify({
          retentionDays,
          auditRetentionDays,
          schedule: retentionSchedule,
          cutoff,
          due,
          activeHolds: holds.length,
          runs,
        }),
      );
      return;
    }
    console.log(
      `Retention: ${retentionDays} days (RETENTION_DAYS), audit log ${auditRetentionDays} days (AUDIT_RETENTION_DAYS); ` +
        `${retentionSchedule ? `runs daily at "${retentionSchedule}" Europe/Stockholm` : 'not scheduled (off)'}; ` +
        `${holds.length} active legal holds.`,
    );
    console.log(
      `Due now (before ${cutoff.toISOString()}): ${due.posts} posts, ${due.snapshots} snapshots; ` +
        `kept: ${due.kept_labelled} labelled, ${due.kept_held_posts} held posts, ${due.kept_held_snapshots} held snapshots.`,
    );
    if (runs.length === 0) console.log('No retention runs yet.');
    for (const r of runs) {
      console.log(
        [
          r.id,
          r.started_at.toISOString(),
          r.status + (r.dry_run ? ' (dry run)' : ''),
          r.trigger,
          `cutoff ${r.cutoff.toISOString()}`,
          `posts ${r.counts.posts ?? 0}`,
          `snapshots ${r.counts.snapshots ?? 0}`,
          `sightings cleared ${r.counts.sightings_scrubbed ?? 0}`,
          r.error ?? '',
        ].join('\t'),
      );
    }
  } finally {
    await resources.close();
  }
}

export function registerRetention(program: Command): void {
  const retention = program
    .command('retention')
    .description('retention (gallring): delete raw posts and snapshots older than RETENTION_DAYS');
  retention
    .command('run')
    .option('--dry-run', 'count what would be removed, delete nothing')
    .option('--days <n>', 'retention period for this run (default: RETENTION_DAYS)')
    .option('--actor <email>', 'who runs it, for the audit log (default: your login)')
    .option('--json', 'the run as one JSON object')
    .description('run one retention pass now (the worker also runs it daily)')
    .action(run);
  retention
    .command('status')
    .option('--limit <n>', 'how many past runs to show, 1 to 1000', '10')
    .option('--json', 'one JSON object')
    .description('settings, what is due now, and the latest runs')
    .action(status);
}
