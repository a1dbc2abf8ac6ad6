/**
 * Processor of `deliver-alert`: claims the delivery in Postgres (a sent or failed one is left alone, so it goes out
 * at most once), builds the message from the alert, its rule and its event (alerts/payload.ts: counts and facts,
 * never post text or pseudonyms), sends it to the webhook or the email address, and records the outcome. A
 * transient failure goes back to pending and is retried with backoff; a permanent one, or the last try, is failed.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Agent } from 'undici';
import { alertEmail, webhookBody, type AlertFacts } from '../alerts/payload.ts';
import { claimDelivery, markDeliveryFailed, markDeliverySent } from '../core/db/alert-deliveries.ts';
import { loadAlertForDelivery } from '../core/db/alerts.ts';
import type { Db } from '../core/db/client.ts';
import { describeError, TransientError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { deliverAlertQueue } from '../core/queues/deliver-alert.ts';
import {
  PermanentDeliveryError,
  postWebhook,
  sendAlertMail,
  type AlertMailSettings,
} from './alert-senders.ts';

/** Longer than one send; a crashed sender's delivery is free again after it. */
const LEASE_MS = 2 * 60_000;
const WEBHOOK_TIMEOUT_MS = 15_000;

export interface DeliverAlertDeps {
  db: Db;
  agent: Agent;
  mail: AlertMailSettings;
  publicUrl: string;
  userAgent: string;
  logger: Logger;
}

export type DeliverResult = { sent: true } | { sent: false; reason: string };

export function createDeliverAlertProcessor(deps: DeliverAlertDeps) {
  const { db } = deps;
  return async (job: Job): Promise<DeliverResult> => {
    const { deliveryId } = deliverAlertQueue.parse(job.data);
    const claim = await claimDelivery(db, deliveryId, LEASE_MS);
    if (!claim.claimed) {
      if (claim.status === 'sending')
        throw new TransientError('busy', `delivery ${deliveryId} is being sent`);
      return { sent: false, reason: claim.status };
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
          timeoutMs: WEBHOOK_TIMEOUT_MS,
          idempotencyKey: key,
        });
      } else {
        await sendAlertMail(deps.mail, delivery.target, alertEmail(facts, locale), `<${key}@ryktesradar>`);
      }
      await markDeliverySent(db, delivery.id);
      log.info({ attempts: delivery.attempts }, 'alert delivered');
      return { sent: true };
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await markDeliveryFailed(db, delivery.id, describeError(error), final);
      log.warn({ err: describeError(error), attempts: delivery.attempts, final }, 'alert delivery failed');
      if (permanent) throw new UnrecoverableError(describeError(error));
      throw error;
    }
  };
}
