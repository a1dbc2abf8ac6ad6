/**
 * The `report_runs` table: one row per ISO week of the weekly situation report. `claimReportRun` is the guard
 * that makes a week's email go out once: only a week not yet sent, and not being sent under a live lease, is
 * claimed; `sent` is final.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from './client.ts';

export interface ReportRunsTable {
  week: string;
  period_from: Date;
  period_to: Date;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  lease_until: Date | null;
  recipients: number | null;
  message_id: string | null;
  error: string | null;
  started_at: Date;
  sent_at: Date | null;
}
export type ReportRun = Selectable<ReportRunsTable>;

export type Claim = { claimed: true } | { claimed: false; status: 'sent' | 'sending' };

/** Claims `week` for sending for `leaseMs`; says why not when it is already sent or being sent elsewhere. */
export async function claimReportRun(
  db: Db,
  run: { week: string; from: string; to: string },
  leaseMs: number,
): Promise<Claim> {
  const claimed = await sql<{ week: string }>`
    INSERT INTO report_runs (week, period_from, period_to, status, lease_until)
    VALUES (${run.week}, ${run.from}::date, ${run.to}::date, 'sending', now() + ${leaseMs} * interval '1 millisecond')
    ON CONFLICT (week) DO UPDATE
      SET status = 'sending', attempts = report_runs.attempts + 1, lease_until = excluded.lease_until, error = NULL
      WHERE report_runs.status = 'failed' OR (report_runs.status = 'sending' AND report_runs.lease_until < now())
    RETURNING week`.execute(db);
  if (claimed.rows.length > 0) return { claimed: true };
  const row = await db
    .selectFrom('report_runs')
    .select('status')
    .where('week', '=', run.week)
    .executeTakeFirstOrThrow();
  return { claimed: false, status: row.status === 'sent' ? 'sent' : 'sending' };
}

export async function markReportSent(
  db: Db,
  week: string,
  result: { recipients: number; messageId: string | null },
): Promise<void> {
  await db
    .updateTable('report_runs')
    .set({
      status: 'sent',
      sent_at: sql<Date>`now()`,
      lease_until: null,
      recipients: result.recipients,
      message_id: result.messageId,
    })
    .where('week', '=', week)
    .execute();
}

export async function markReportFailed(db: Db, week: string, error: string): Promise<void> {
  await db
    .updateTable('report_runs')
    .set({ status: 'failed', lease_until: null, error: error.slice(0, 1_000) })
    .where('week', '=', week)
    .where('status', '=', 'sending')
    .execute();
}

export async function getReportRun(db: Db, week: string): Promise<ReportRun | undefined> {
  return db.selectFrom('report_runs').selectAll().where('week', '=', week).executeTakeFirst();
}
