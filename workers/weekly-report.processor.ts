/**
 * Processor of `weekly-report`. A `tick` (from the job scheduler) works out which ISO week just ended in Swedish
 * time and adds that week's `send` job under its fixed id. A `send` claims the week in `report_runs` (sent weeks
 * are skipped), renders the report PDF, emails it with a plain-text summary, and records the week as sent.
 */
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { appendAudit } from '../core/db/audit-log.ts';
import { claimReportRun, markReportFailed, markReportSent } from '../core/db/report-runs.ts';
import { describeError, TransientError } from '../core/errors.ts';
import { parseIsoWeek, previousIsoWeek } from '../core/iso-week.ts';
import type { Logger } from '../core/logger.ts';
import {
  enqueueWeeklySend,
  weeklyReportQueue,
  type WeeklyReportPayload,
} from '../core/queues/weekly-report.ts';
import type { Resources } from '../core/resources.ts';
import { reportQuerySchema, todayInAnalystZone, type ReportQuery } from '../dashboard/params.ts';
import { loadReport } from '../dashboard/report/report-data.ts';
import { renderReportPdfInProcess } from '../dashboard/report/render-in-process.ts';
import { sendWeeklyMail, weeklyMail, type MailSettings } from './weekly-report-mail.ts';

/** Longer than a render plus a send; a crashed sender's week is free again after it. */
const LEASE_MS = 5 * 60_000;

export type WeeklyReportResult =
  { kind: 'tick'; week: string } | { kind: 'send'; week: string; sent: boolean; reason?: 'already_sent' };

export interface WeeklyReportDeps {
  resources: Pick<Resources, 'config' | 'db' | 'redis' | 'logger'>;
  queue: Queue<WeeklyReportPayload>;
  mail: MailSettings;
  modelVersion: () => Promise<string>;
  logger: Logger;
}

/** SMTP answers 5xx for what will never be accepted (a refused recipient or sender): no use retrying. */
function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createWeeklyReportProcessor(deps: WeeklyReportDeps) {
  const { db } = deps.resources;
  return async (job: Job): Promise<WeeklyReportResult> => {
    const payload = weeklyReportQueue.parse(job.data);
    if (payload.kind === 'tick') {
      // The time the scheduler meant, not when a busy or restarted worker got to it.
      const scheduledAt = new Date(job.timestamp + (job.delay || 0));
      const week = previousIsoWeek(todayInAnalystZone(scheduledAt));
      await enqueueWeeklySend(deps.queue, week.week);
      return { kind: 'tick', week: week.week };
    }

    const week = parseIsoWeek(payload.week);
    if (!week) throw new UnrecoverableError(`no such ISO week: ${payload.week}`);
    const log = deps.logger.child({ week: week.week });
    const claim = await claimReportRun(db, week, LEASE_MS);
    if (!claim.claimed && claim.status === 'sent') {
      log.info('weekly report already sent; nothing to do');
      return { kind: 'send', week: week.week, sent: false, reason: 'already_sent' };
    }
    if (!claim.claimed) throw new TransientError('busy', `week ${week.week} is being sent by another worker`);

    try {
      const query: ReportQuery = reportQuerySchema.parse({ from: week.from, to: week.to });
      const data = await loadReport(db, await deps.modelVersion(), query);
      const pdf = await renderReportPdfInProcess(deps.resources, query, {
        locale: 'sv',
        requester: 'weekly-report',
      });
      const mail = weeklyMail(data, week);
      const { messageId } = await sendWeeklyMail(deps.mail, mail, pdf);
      await markReportSent(db, week.week, { recipients: deps.mail.recipients.length, messageId });
      await appendAudit(db, {
        actorKind: 'cli',
        actorLabel: 'weekly-report',
        action: 'export_report',
        params: { ...query, format: 'pdf', week: week.week, emailed_to: deps.mail.recipients.length },
      });
      log.info({ recipients: deps.mail.recipients.length, bytes: pdf.length }, 'weekly report sent');
      return { kind: 'send', week: week.week, sent: true };
    } catch (error) {
      await markReportFailed(db, week.week, describeError(error));
      if (isPermanentSmtpError(error)) {
        throw new UnrecoverableError(`the mail server refused the weekly report: ${describeError(error)}`);
      }
      throw error;
    }
  };
}
