/**
 * The `alerts` table: one row per rule × emerging event × escalation level (rule null: the security route),
 * unique, so matching the same event again raises nothing new. The row is the inbox entry, with its triage state
 * (new, seen, answered, dismissed) and who set it when.
 */
import { sql, type Generated, type Selectable } from 'kysely';
import type { EventKind, EventReason } from '../../emerging/types.ts';
import type { Db } from './client.ts';

export const TRIAGE_STATES = ['new', 'seen', 'answered', 'dismissed'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];
export const DELIVERY_CHANNELS = ['webhook', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export interface AlertsTable {
  id: Generated<number>;
  rule_id: number | null;
  event_id: number;
  level: number;
  observed: number;
  score: number;
  restricted: boolean;
  created_at: Generated<Date>;
  triage: Generated<TriageState>;
  triaged_by: string | null;
  triaged_at: Date | null;
}
export type Alert = Selectable<AlertsTable>;

/** The latest alert level (and its count) of each rule (null: security route) for the given events. */
export async function latestAlerts(
  db: Db,
  eventIds: readonly number[],
): Promise<{ rule_id: number | null; event_id: number; level: number; observed: number }[]> {
  if (eventIds.length === 0) return [];
  return db
    .selectFrom('alerts')
    .distinctOn(['rule_id', 'event_id'])
    .select(['rule_id', 'event_id', 'level', 'observed'])
    .where('event_id', 'in', [...eventIds])
    .orderBy('rule_id')
    .orderBy('event_id')
    .orderBy('level', 'desc')
    .execute();
}

export interface NewAlert {
  ruleId: number | null;
  eventId: number;
  level: number;
  observed: number;
  score: number;
  restricted: boolean;
}

/**
 * Raises an alert with its deliveries in one transaction; null when this rule, event and level was raised already
 * (the unique key decides, so concurrent matchers raise it once). Returns the new delivery ids.
 */
export async function raiseAlert(
  db: Db,
  alert: NewAlert,
  targets: readonly { channel: DeliveryChannel; target: string }[],
): Promise<{ alertId: number; deliveryIds: number[] } | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('alerts')
      .values({
        rule_id: alert.ruleId,
        event_id: alert.eventId,
        level: alert.level,
        observed: alert.observed,
        score: alert.score,
        restricted: alert.restricted,
      })
      .onConflict((oc) => oc.constraint('alerts_once').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    if (targets.length === 0) return { alertId: row.id, deliveryIds: [] };
    const deliveries = await trx
      .insertInto('alert_deliveries')
      .values(targets.map((t) => ({ alert_id: row.id, channel: t.channel, target: t.target })))
      .onConflict((oc) => oc.constraint('alert_deliveries_once').doNothing())
      .returning('id')
      .execute();
    return { alertId: row.id, deliveryIds: deliveries.map((d) => d.id) };
  });
}

/** An inbox row: the alert, its rule, its event and the state of its sends. */
export interface InboxAlert {
  id: number;
  rule_id: number | null;
  rule_name: string | null;
  level: number;
  observed: number;
  score: number;
  restricted: boolean;
  created_at: Date;
  triage: TriageState;
  triaged_by: string | null;
  triaged_at: Date | null;
  event_id: number;
  kind: EventKind;
  theme_id: string | null;
  label_sv: string | null;
  label_en: string | null;
  lang: string | null;
  place: string | null;
  event_status: 'ongoing' | 'ended';
  event_observed: number;
  reason: EventReason;
  deliveries: { channel: DeliveryChannel; status: string; attempts: number }[];
}

export interface InboxScope {
  userId: number;
  /** Security users also see the security route's alerts and restricted events. */
  security: boolean;
  triage?: TriageState;
  limit: number;
}

/** The alerts of the user's rules (and, for security users, the security route's), newest first. */
export async function listInbox(db: Db, scope: InboxScope): Promise<InboxAlert[]> {
  let query = db
    .selectFrom('alerts as a')
    .innerJoin('emerging_events as e', 'e.id', 'a.event_id')
    .leftJoin('alert_rules as r', 'r.id', 'a.rule_id')
    .leftJoin('themes as t', 't.id', 'e.theme_id')
    .select([
      'a.id',
      'a.rule_id',
      'r.name as rule_name',
      'a.level',
      'a.observed',
      'a.score',
      'a.restricted',
      'a.created_at',
      'a.triage',
      'a.triaged_by',
      'a.triaged_at',
      'a.event_id',
      'e.kind',
      'e.theme_id',
      't.label_sv',
      't.label_en',
      'e.lang',
      'e.place',
      'e.status as event_status',
      'e.observed as event_observed',
      'e.reason',
      sql<InboxAlert['deliveries']>`coalesce((
        SELECT json_agg(json_build_object('channel', d.channel, 'status', d.status, 'attempts', d.attempts)
                        ORDER BY d.id)
        FROM alert_deliveries d WHERE d.alert_id = a.id), '[]'::json)`.as('deliveries'),
    ])
    .where((eb) =>
      scope.security
        ? eb.or([eb('r.owner_id', '=', scope.userId), eb('a.rule_id', 'is', null)])
        : eb('r.owner_id', '=', scope.userId),
    );
  // An event can turn restricted while it goes on (a wave reaching violence_threats): the event's flag counts too.
  if (!scope.security) query = query.where('a.restricted', '=', false).where('e.restricted', '=', false);
  if (scope.triage) query = query.where('a.triage', '=', scope.triage);
  return query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(scope.limit).execute();
}

/** Sets the triage state of an alert in the user's inbox; false when it is not there. */
export async function setAlertTriage(
  db: Db,
  scope: Pick<InboxScope, 'userId' | 'security'>,
  alertId: number,
  state: TriageState,
  by: string,
): Promise<boolean> {
  const result = await db
    .updateTable('alerts as a')
    .set({ triage: state, triaged_by: by, triaged_at: sql<Date>`now()` })
    .where('a.id', '=', alertId)
    .where((eb) => {
      const own = eb.exists(
        eb
          .selectFrom('alert_rules as r')
          .select('r.id')
          .whereRef('r.id', '=', 'a.rule_id')
          .where('r.owner_id', '=', scope.userId),
      );
      return scope.security
        ? eb.or([own, eb('a.rule_id', 'is', null)])
        : eb.and([own, eb('a.restricted', '=', false)]);
    })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The events matching needs, by id (missing ids are left out). */
export async function eventsForMatching(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('emerging_events')
    .select(['id', 'kind', 'theme_id', 'lang', 'place', 'score', 'observed', 'restricted', 'status'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

/** What the sender of one delivery needs: the alert, its rule (null: security route), the event and its theme. */
export async function loadAlertForDelivery(db: Db, alertId: number) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('emerging_events as e', 'e.id', 'a.event_id')
    .leftJoin('alert_rules as r', 'r.id', 'a.rule_id')
    .leftJoin('users as u', 'u.id', 'r.owner_id')
    .leftJoin('themes as t', 't.id', 'e.theme_id')
    .select([
      'u.roles as owner_roles',
      'a.id as alert_id',
      'a.level',
      'a.observed as alert_observed',
      'a.created_at',
      'a.rule_id',
      'r.name as rule_name',
      'r.locale as rule_locale',
      'e.id as event_id',
      'e.kind',
      'e.theme_id',
      't.label_sv',
      't.label_en',
      'e.lang',
      'e.place',
      'e.observed',
      'e.expected',
      'e.spread',
      'e.score',
      'e.peak_observed',
      'e.window_hours',
      'e.started_at',
      'e.first_seen_at',
      'e.restricted',
      'e.reason',
    ])
    .where('a.id', '=', alertId)
    .executeTakeFirst();
}
