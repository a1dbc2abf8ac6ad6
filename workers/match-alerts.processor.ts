/**
 * Processor of `match-alerts`: loads the events and the enabled rules, plans which alerts to raise (alerts/match.ts:
 * once per rule and ongoing event, again only when its count doubles; restricted events to security owners and
 * the security route only), raises each with its deliveries in one transaction (the unique key drops repeats), and
 * enqueues the deliveries, plus any still pending for these events after a crash.
 */
import type { Job, Queue } from 'bullmq';
import { listActiveAlertRules } from '../core/db/alert-rules.ts';
import { listPendingDeliveriesOfEvents } from '../core/db/alert-deliveries.ts';
import { eventsForMatching, latestAlerts, raiseAlert, type DeliveryChannel } from '../core/db/alerts.ts';
import type { Db } from '../core/db/client.ts';
import type { Logger } from '../core/logger.ts';
import { enqueueDeliveries, type DeliverAlertPayload } from '../core/queues/deliver-alert.ts';
import { matchAlertsQueue } from '../core/queues/match-alerts.ts';
import { planAlerts } from '../alerts/match.ts';

/** Where the security route sends restricted events (ALERT_SECURITY_EMAIL / ALERT_SECURITY_WEBHOOK). */
export interface SecurityRecipient {
  email: string | undefined;
  webhook: string | undefined;
}

export interface MatchAlertsDeps {
  db: Db;
  deliverQueue: Queue<DeliverAlertPayload>;
  security: SecurityRecipient;
  logger: Logger;
}

type Target = { channel: DeliveryChannel; target: string };

function ruleTargets(rule: { webhook_url: string | null; emails: string[] }): Target[] {
  return [
    ...(rule.webhook_url ? [{ channel: 'webhook' as const, target: rule.webhook_url }] : []),
    ...rule.emails.map((email) => ({ channel: 'email' as const, target: email })),
  ];
}

export function createMatchAlertsProcessor(deps: MatchAlertsDeps) {
  const { db } = deps;
  const securityTargets: Target[] = [
    ...(deps.security.webhook ? [{ channel: 'webhook' as const, target: deps.security.webhook }] : []),
    ...(deps.security.email ? [{ channel: 'email' as const, target: deps.security.email }] : []),
  ];
  return async (job: Job): Promise<{ raised: number; deliveries: number }> => {
    const { eventIds } = matchAlertsQueue.parse(job.data);
    const [events, rules, latest] = await Promise.all([
      eventsForMatching(db, eventIds),
      listActiveAlertRules(db),
      latestAlerts(db, eventIds),
    ]);
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    const plan = planAlerts(
      events,
      rules.map((rule) => ({
        ...rule,
        ownerSecurity: rule.owner_roles.includes('security'),
        ownerDisabled: rule.owner_disabled,
      })),
      latest,
      securityTargets.length > 0,
    );
    let raised = 0;
    for (const alert of plan) {
      const rule = alert.ruleId === null ? null : byId.get(alert.ruleId);
      const targets = rule ? ruleTargets(rule) : securityTargets;
      const result = await raiseAlert(db, alert, targets);
      if (result) {
        raised += 1;
        deps.logger.info(
          { alertId: result.alertId, ruleId: alert.ruleId, eventId: alert.eventId, level: alert.level },
          'alert raised',
        );
      }
    }
    // New deliveries and any left pending by a crash between raising and enqueueing (job ids collapse repeats).
    const pending = await listPendingDeliveriesOfEvents(db, eventIds);
    await enqueueDeliveries(deps.deliverQueue, pending);
    return { raised, deliveries: pending.length };
  };
}
