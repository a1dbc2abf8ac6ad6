/**
 * The `emerging_events` table: spikes, new claims and copy-paste waves with the times they were first and last
 * seen. One ongoing row per event key (a partial unique index): detection updates it while it lasts, ends it a
 * full window after its window was last over the expected level, and a later rise opens a new row.
 */
import { sql, type Generated, type Selectable } from 'kysely';
import type { EventKind, EventReason, OngoingEvent, Signal } from '../../emerging/types.ts';
import type { Db } from './client.ts';

export interface EmergingEventsTable {
  id: Generated<number>;
  kind: EventKind;
  event_key: string;
  model_version: string | null;
  theme_id: string | null;
  lang: string | null;
  place: string | null;
  cluster_id: number | null;
  candidate_id: number | null;
  status: Generated<'ongoing' | 'ended'>;
  started_at: Date;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  ended_at: Date | null;
  window_hours: number;
  observed: number;
  expected: number;
  spread: number;
  score: number;
  peak_observed: number;
  restricted: Generated<boolean>;
  reason: EventReason;
  last_over_at: Date;
  example_post_ids: Generated<number[]>;
}
export type EmergingEvent = Selectable<EmergingEventsTable>;

/** The ongoing events of the given kinds (all kinds when omitted). */
export async function listOngoingEvents(db: Db, kinds?: readonly EventKind[]): Promise<OngoingEvent[]> {
  let query = db
    .selectFrom('emerging_events')
    .select(['id', 'event_key', 'started_at', 'last_over_at', 'window_hours', 'peak_observed'])
    .where('status', '=', 'ongoing');
  if (kinds !== undefined) query = query.where('kind', 'in', [...kinds]);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    eventKey: row.event_key,
    startedAt: row.started_at,
    lastOverAt: row.last_over_at,
    windowHours: row.window_hours,
    peakObserved: row.peak_observed,
  }));
}

/**
 * Opens the event of `signal` at event time `at`, or updates the ongoing one with the same key (the unique index
 * makes two concurrent runs converge on one row). `startedAt` is used only when the row is new.
 */
export async function upsertEvent(
  db: Db,
  signal: Signal,
  context: { modelVersion: string | null; at: Date; startedAt: Date },
): Promise<{ id: number; created: boolean }> {
  const row = await sql<{ id: number; created: boolean }>`
    INSERT INTO emerging_events (
      kind, event_key, model_version, theme_id, lang, place, cluster_id, candidate_id, started_at,
      window_hours, observed, expected, spread, score, peak_observed, restricted, reason, last_over_at,
      example_post_ids)
    VALUES (
      ${signal.kind}, ${signal.eventKey}, ${context.modelVersion}, ${signal.themeId}, ${signal.lang},
      ${signal.place}, ${signal.clusterId}, ${signal.candidateId}, ${context.startedAt},
      ${signal.windowHours}, ${signal.observed}, ${signal.expected}, ${signal.spread}, ${signal.score},
      ${signal.observed}, ${signal.restricted}, ${JSON.stringify(signal.reason)}::jsonb, ${context.at},
      ${signal.examplePostIds}::bigint[])
    ON CONFLICT (event_key) WHERE status = 'ongoing' DO UPDATE SET
      observed = excluded.observed,
      expected = excluded.expected,
      spread = excluded.spread,
      score = excluded.score,
      peak_observed = greatest(emerging_events.peak_observed, excluded.observed),
      restricted = emerging_events.restricted OR excluded.restricted,
      reason = excluded.reason,
      last_seen_at = now(),
      last_over_at = CASE WHEN ${signal.overExpected} THEN excluded.last_over_at ELSE emerging_events.last_over_at END,
      example_post_ids = CASE WHEN cardinality(excluded.example_post_ids) > 0
        THEN excluded.example_post_ids ELSE emerging_events.example_post_ids END
    RETURNING id, (xmax = 0) AS created
  `.execute(db);
  const first = row.rows[0];
  if (first === undefined) throw new Error('upsertEvent returned no row');
  return first;
}

/** Ends ongoing events; `endedAt` is the event time the window had been under the expected level for a full window. */
export async function endEvents(db: Db, ids: readonly number[], endedAt: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('emerging_events')
    .set({ status: 'ended', ended_at: endedAt })
    .where('id', 'in', [...ids])
    .where('status', '=', 'ongoing')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface EventListFilter {
  /** Events of violence_threats are for the security role only. */
  includeRestricted: boolean;
  kind?: EventKind;
  limit: number;
}

/** Ongoing events first, then the most recently seen; at most `limit`. */
export async function listRecentEvents(db: Db, filter: EventListFilter): Promise<EmergingEvent[]> {
  let query = db.selectFrom('emerging_events').selectAll();
  if (!filter.includeRestricted) query = query.where('restricted', '=', false);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  return query
    .orderBy(sql`status = 'ongoing'`, 'desc')
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
}

export async function getEvent(db: Db, id: number): Promise<EmergingEvent | undefined> {
  return db.selectFrom('emerging_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getEvents(db: Db, ids: readonly number[]): Promise<EmergingEvent[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('emerging_events')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

export interface EmergingRun {
  eventTime: Date;
  modelVersion: string | null;
  eventsOpen: number;
  eventsEnded: number;
  candidates: number;
  durationMs: number;
}

/** Records one detection run (when it ran, for which event time and model, what it found). */
export async function recordRun(db: Db, run: EmergingRun): Promise<void> {
  await sql`
    INSERT INTO emerging_runs (event_time, model_version, events_open, events_ended, candidates, duration_ms)
    VALUES (${run.eventTime}, ${run.modelVersion}, ${run.eventsOpen}, ${run.eventsEnded}, ${run.candidates},
            ${Math.round(run.durationMs)})
  `.execute(db);
}
