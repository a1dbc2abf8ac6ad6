/**
 * The `alert_rules` table: a user's alert rule (which emerging events: kinds, theme, language, place, minimum
 * score; where to: webhook URL, email addresses; the inbox always). Rules are changed by their owner only.
 */
import { sql, type Generated, type Selectable } from 'kysely';
import type { EventKind } from '../../emerging/types.ts';
import type { Db } from './client.ts';
import type { Role } from './users.ts';

export interface AlertRulesTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  theme_id: string | null;
  lang: string | null;
  place: string | null;
  kinds: EventKind[];
  min_score: number;
  webhook_url: string | null;
  emails: Generated<string[]>;
  locale: Generated<'sv' | 'en'>;
  enabled: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type AlertRule = Selectable<AlertRulesTable>;

/** What a rule is made of, as the form or the command line gives it (validated by alerts/rule-input.ts). */
export interface AlertRuleInput {
  name: string;
  themeId: string | null;
  lang: string | null;
  place: string | null;
  kinds: EventKind[];
  minScore: number;
  webhookUrl: string | null;
  emails: string[];
  locale: 'sv' | 'en';
}

const values = (input: AlertRuleInput) => ({
  name: input.name,
  theme_id: input.themeId,
  lang: input.lang,
  place: input.place,
  kinds: input.kinds,
  min_score: input.minScore,
  webhook_url: input.webhookUrl,
  emails: input.emails,
  locale: input.locale,
});

export async function insertAlertRule(db: Db, ownerId: number, input: AlertRuleInput): Promise<AlertRule> {
  return db
    .insertInto('alert_rules')
    .values({ owner_id: ownerId, ...values(input) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a rule of `ownerId`; undefined when the rule does not exist or is someone else's. */
export async function updateAlertRule(
  db: Db,
  ownerId: number,
  id: number,
  input: AlertRuleInput,
): Promise<AlertRule | undefined> {
  return db
    .updateTable('alert_rules')
    .set({ ...values(input), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .returningAll()
    .executeTakeFirst();
}

/** Turns a rule of `ownerId` on or off (any owner when null, for the command line); false when none matched. */
export async function setAlertRuleEnabled(
  db: Db,
  ownerId: number | null,
  id: number,
  enabled: boolean,
): Promise<boolean> {
  let query = db
    .updateTable('alert_rules')
    .set({ enabled, updated_at: sql<Date>`now()` })
    .where('id', '=', id);
  if (ownerId !== null) query = query.where('owner_id', '=', ownerId);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function getAlertRule(db: Db, ownerId: number, id: number): Promise<AlertRule | undefined> {
  return db
    .selectFrom('alert_rules')
    .selectAll()
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}

/** Rules of one owner (every owner when null), oldest first, with the owner's email. */
export async function listAlertRules(
  db: Db,
  ownerId: number | null,
): Promise<(AlertRule & { owner_email: string })[]> {
  let query = db
    .selectFrom('alert_rules as r')
    .innerJoin('users as u', 'u.id', 'r.owner_id')
    .selectAll('r')
    .select('u.email as owner_email');
  if (ownerId !== null) query = query.where('r.owner_id', '=', ownerId);
  return query.orderBy('r.id').execute();
}

/** Enabled rules with what matching needs to know about their owner. */
export async function listActiveAlertRules(
  db: Db,
): Promise<(AlertRule & { owner_roles: Role[]; owner_disabled: boolean })[]> {
  return db
    .selectFrom('alert_rules as r')
    .innerJoin('users as u', 'u.id', 'r.owner_id')
    .selectAll('r')
    .select(['u.roles as owner_roles', sql<boolean>`u.disabled_at IS NOT NULL`.as('owner_disabled')])
    .where('r.enabled', '=', true)
    .orderBy('r.id')
    .execute();
}
