/**
 * The `audit_log` table: who (user, token, CLI operator) did what, when, from where. Parameters are filters and
 * ids, never passwords, secrets or post text; a failed login records the account only when it exists.
 */
import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import type { Db } from './client.ts';

export type ActorKind = 'user' | 'token' | 'cli' | 'anonymous';
export type AuditOutcome = 'ok' | 'failure' | 'denied';

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_kind: ActorKind;
  /** users.id or api_tokens.id; null for the CLI and anonymous requests. */
  actor_id: number | null;
  /** Email, token name or operator name at the time of the event. */
  actor_label: string | null;
  action: string;
  outcome: Generated<AuditOutcome>;
  route: string | null;
  params: ColumnType<Record<string, unknown>, string, string>;
  ip: string | null;
}
export type AuditEntry = Selectable<AuditLogTable>;

export interface NewAuditEntry {
  actorKind: ActorKind;
  actorId?: number | null;
  actorLabel?: string | null;
  action: string;
  outcome?: AuditOutcome;
  route?: string | null;
  params?: Record<string, unknown>;
  ip?: string | null;
}

export async function appendAudit(db: Db, entry: NewAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_kind: entry.actorKind,
      actor_id: entry.actorId ?? null,
      actor_label: entry.actorLabel ?? null,
      action: entry.action,
      outcome: entry.outcome ?? 'ok',
      route: entry.route ?? null,
      params: JSON.stringify(entry.params ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

/** Entries at or after `since`, newest first, at most `limit`. */
export async function readAudit(db: Db, options: { since?: Date; limit: number }): Promise<AuditEntry[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .$if(options.since !== undefined, (qb) => qb.where('at', '>=', options.since ?? sql<Date>`now()`))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
}

/** Entries older than `cutoff`, counted (a dry run of `deleteAuditBefore`). */
export async function countAuditBefore(db: Db, cutoff: Date): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('at', '<', cutoff)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes entries older than `cutoff`, `batch` rows per statement (oldest first); returns how many went. */
export async function deleteAuditBefore(db: Db, cutoff: Date, batch: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await db
      .deleteFrom('audit_log')
      .where('id', 'in', (eb) =>
        eb.selectFrom('audit_log').select('id').where('at', '<', cutoff).orderBy('at').limit(batch),
      )
      .executeTakeFirst();
    const n = Number(result.numDeletedRows);
    deleted += n;
    if (n < batch) return deleted;
  }
}
