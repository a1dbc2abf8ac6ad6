/**
 * The `alert_deliveries` table: one row per alert × channel × target (a webhook URL or an email address), with
 * its state (pending, sending, sent, failed), attempts and last error. `claimDelivery` is the guard that sends it
 * at most once: only a pending delivery, or one whose sender's lease ran out, is claimed; `sent` is final. Each
 * claim counts one attempt (the only count of sends), and that count fences the claimer's later writes.
 */
import { sql, type Generated, type Selectable } from 'kysely';
import type { DeliveryChannel } from './alerts.ts';
import type { Db } from './client.ts';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface AlertDeliveriesTable {
  id: Generated<number>;
  alert_id: number;
  channel: DeliveryChannel;
  target: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  lease_until: Date | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}
export type AlertDelivery = Selectable<AlertDeliveriesTable>;

export type DeliveryClaim =
  | { claimed: true; delivery: AlertDelivery }
  | { claimed: false; status: DeliveryStatus | 'missing'; leaseUntil: Date | null };

/**
 * Claims a delivery for sending for `leaseMs` and counts the attempt; says why not otherwise (for one being sent,
 * until when its sender holds it). The lease must outlast the sender's bounded send, so a take-over after it
 * never overlaps a send still in flight.
 */
export async function claimDelivery(db: Db, id: number, leaseMs: number): Promise<DeliveryClaim> {
  const claimed = await db
    .updateTable('alert_deliveries')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      lease_until: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'`,
    }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'pending'),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', sql<Date>`now()`)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  if (claimed) return { claimed: true, delivery: claimed };
  const row = await db
    .selectFrom('alert_deliveries')
    .select(['status', 'lease_until'])
    .where('id', '=', id)
    .executeTakeFirst();
  return { claimed: false, status: row?.status ?? 'missing', leaseUntil: row?.lease_until ?? null };
}

/** A failed delivery made pending again with its tries reset (an operator's retry); false when it is not failed. */
export async function reopenDelivery(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('alert_deliveries')
    .set({ status: 'pending', attempts: 0, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markDeliverySent(db: Db, id: number): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set({ status: 'sent', sent_at: sql<Date>`now()`, lease_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/**
 * Records failed attempt number `attempt`: back to pending for the next retry, or `failed` for good when `final`.
 * Only the claim that made that attempt can write it (a sender that overran its lease changes nothing); says
 * whether it did.
 */
export async function markDeliveryFailed(
  db: Db,
  id: number,
  attempt: number,
  error: string,
  final: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('alert_deliveries')
    .set({ status: final ? 'failed' : 'pending', lease_until: null, last_error: error.slice(0, 1_000) })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deliveries still pending (or stuck sending past their lease) created before `olderThanMs` ago. */
export async function listStaleDeliveries(db: Db, olderThanMs: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('status', '=', 'pending'),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', sql<Date>`now()`)]),
      ]),
    )
    .where('created_at', '<', sql<Date>`now() - ${olderThanMs} * interval '1 millisecond'`)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Pending deliveries of the given alerts (to enqueue again after a crash between raising and enqueueing). */
export async function listPendingDeliveriesOfEvents(db: Db, eventIds: readonly number[]): Promise<number[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('alert_deliveries as d')
    .innerJoin('alerts as a', 'a.id', 'd.alert_id')
    .select('d.id')
    .where('a.event_id', 'in', [...eventIds])
    .where('d.status', '=', 'pending')
    .execute();
  return rows.map((r) => r.id);
}
