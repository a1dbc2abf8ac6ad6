/**
 * Processor of `deliver-alert`: claims the delivery in Postgres for a lease (a sent or failed one is left alone, so
 * it goes out at most once), builds the message from the alert, its rule and its event (alerts/payload.ts: counts
 * and facts, never post text or pseudonyms), sends it to the webhook or the email address within a hard time
 * bound, and records the outcome. A transient failure goes back to pending and is retried with backoff (or after
 * the receiver's Retry-After); a permanent one, or the last try, is failed with its reason. A delivery another run
 * still holds (a job that lost its lock while sending) is waited for, not failed: the job is delayed until the
 * holder's lease ends and then takes it over. The row's `attempts` is the one count of tries.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Agent } from 'undici';
import { alertEmail, webhookBody, type AlertFacts } from '../alerts/payload.ts';
import {
  claimDelivery,
  markDeliveryFailed,
  markDeliverySent,
  reopenDelivery,
} from '../core/db/alert-deliveries.ts';
import { loadAlertForDelivery } from '../core/db/alerts.ts';
import type { Db } from '../core/db/client.ts';
import { describeError, TransientError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { deliverAlertQueue } from '../core/queues/deliver-alert.ts';
import {
  PermanentDeliveryError,
  postWebhook,
  RetryableDeliveryError,
  sendAlertMail,
  type AlertMailSettings,
} from './alert-senders.ts';

/** Hard bound on one send (webhook or SMTP), well inside the default 60 s job lock (WORKER_LOCK_SECONDS). */
export const SEND_TIMEOUT_MS = 15_000;
/** Slack the lease keeps beyond the send for loading the alert and recording the outcome. */
const LEASE_SLACK_MS = 30_000;

export interface DeliverAlertDeps {
  db: Db;
  agent: Agent;
  mail: AlertMailSettings;
  publicUrl: string;
  userAgent: string;
  logger: Logger;
  /** Hard bound on one send in ms; default SEND_TIMEOUT_MS. Keep it well under the worker's lock duration. */
  sendTimeoutMs?: number;
  /** How long a claim holds the delivery in ms; default send bound + 30 s. Must exceed the send bound. */
  leaseMs?: number;
}

export type DeliverResult = { sent: true } | { sent: false; reason: string };

export function createDeliverAlertProcessor(deps: DeliverAlertDeps) {
  const { db } = deps;
  const sendTimeoutMs = deps.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  const leaseMs = deps.leaseMs ?? sendTimeoutMs + LEASE_SLACK_MS;
  if (leaseMs <= sendTimeoutMs) throw new Error('the delivery lease must outlast one send');
  return async (job: Job, token?: string): Promise<DeliverResult> => {
    const { deliveryId } = deliverAlertQueue.parse(job.data);
    let claim = await claimDelivery(db, deliveryId, leaseMs);
    // A failed delivery met by a job in its first start with no attempt made is an operator's retry of its dead job
    // (`jobs retry` resets both counts; a run restarted after a stall has started before): send it afresh instead
    // of reporting it retried while nothing is sent.
    const operatorRetry = job.attemptsMade === 0 && job.attemptsStarted <= 1;
    if (
      !claim.claimed &&
      claim.status === 'failed' &&
      operatorRetry &&
      (await reopenDelivery(db, deliveryId))
    )
      claim = await claimDelivery(db, deliveryId, leaseMs);
    if (!claim.claimed) {
      if (claim.status !== 'sending') return { sent: false, reason: claim.status };
      // Another run holds it (this job after a lost lock, or a sweep's copy): wait for its lease, spending no try.
      const until = Math.max(claim.leaseUntil?.getTime() ?? 0, Date.now()) + 100;
      return delay(job, token, until, new TransientError('busy', `delivery ${deliveryId} is being sent`));
    }
    const delivery = claim.delivery;
    const log = deps.logger.child({ deliveryId, alertId: delivery.alert_id, channel: delivery.channel });
    try {
      const row = await loadAlertForDelivery(db, delivery.alert_id);
      if (!row) throw new PermanentDeliveryError('the alert or its event no longer exists');
      // An event that turned restricted after the alert was raised goes to security owners only.
      if (row.restricted && row.rule_id !== null && !(row.owner_roles ?? []).includes('security'))
        throw new PermanentDeliveryError(
          'the event concerns threats against staff; the rule owner lacks the security role',
        );
      const locale = row.rule_locale ?? 'sv';
      const facts: AlertFacts = {
        alert: {
          id: row.alert_id,
          level: row.level,
          observed: row.alert_observed,
          createdAt: row.created_at,
        },
        rule: row.rule_id === null ? null : { id: row.rule_id, name: row.rule_name ?? '' },
        event: {
          id: row.event_id,
          kind: row.kind,
          themeId: row.theme_id,
          themeLabel: locale === 'sv' ? row.label_sv : row.label_en,
          lang: row.lang,
          place: row.place,
          observed: row.observed,
          expected: row.expected,
          spread: row.spread,
          score: row.score,
          peakObserved: row.peak_observed,
          windowHours: row.window_hours,
          startedAt: row.started_at,
          firstSeenAt: row.first_seen_at,
          restricted: row.restricted,
          reason: row.reason,
        },
        publicUrl: deps.publicUrl,
      };
      const key = `ryktesradar-alert-${row.alert_id}-${delivery.id}`;
      if (delivery.channel === 'webhook') {
        await postWebhook(delivery.target, webhookBody(facts, locale), {
          agent: deps.agent,
          userAgent: deps.userAgent,
          timeoutMs: sendTimeoutMs,
          idempotencyKey: key,
        });
      } else {
        const messageId = `<${key}@ryktesradar>`;
        await sendAlertMail(deps.mail, delivery.target, alertEmail(facts, locale), messageId, sendTimeoutMs);
      }
      await markDeliverySent(db, delivery.id);
      log.info({ attempts: delivery.attempts }, 'alert delivered');
      return { sent: true };
    } catch (error) {
      const reason = describeError(error);
      const permanent = error instanceof PermanentDeliveryError;
      // The row counts the tries; BullMQ's own count only matters when it is about to stop retrying.
      const maxAttempts = job.opts.attempts ?? 1;
      const final = permanent || delivery.attempts >= maxAttempts || job.attemptsMade + 1 >= maxAttempts;
      const recorded = await markDeliveryFailed(db, delivery.id, delivery.attempts, reason, final);
      log.warn({ err: reason, attempts: delivery.attempts, final, recorded }, 'alert delivery failed');
      if (final) throw new UnrecoverableError(reason);
      const retryAfterMs = error instanceof RetryableDeliveryError ? error.retryAfterMs : null;
      if (retryAfterMs !== null && recorded) return delay(job, token, Date.now() + retryAfterMs, error);
      throw error;
    }
  };
}

/**
 * Puts the job back until `at` without spending one of its tries (the row counts them); without a worker's token
 * (a direct call) throws `fallback` instead.
 */
async function delay(job: Job, token: string | undefined, at: number, fallback: unknown): Promise<never> {
  if (token === undefined) throw fallback;
  await job.moveToDelayed(at, token);
  throw new DelayedError();
}
