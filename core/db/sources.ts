/** The `sources` table: what is collected, how often, and each source's health and conditional-GET state. */
import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import type { Db } from './client.ts';
import { handOverSharedPosts } from './post-sightings.ts';

export const SOURCE_KINDS = ['rss', 'web', 'telegram', 'mastodon', 'import', 'sample'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A JSON object as stored in `config` / `state`; each kind validates its own shape with a schema. */
export type JsonObject = { [key: string]: unknown };

export interface SourcesTable {
  id: Generated<number>;
  kind: SourceKind;
  name: string;
  /** http(s) URL of the feed, page, channel or timeline; `file://` path for imports. */
  url: string;
  status: Generated<'active' | 'paused'>;
  /** Why the source is paused (by an operator or after repeated failures); null when active. */
  paused_reason: string | null;
  /** The current interval; adaptive polling keeps it between the two bounds. */
  poll_interval_seconds: number;
  min_interval_seconds: number;
  max_interval_seconds: number;
  /** Kind-specific settings (selectors, column mapping, token…), validated by the kind's schema. */
  config: ColumnType<JsonObject, string, string>;
  /** Kind-specific cursor (last seen id, next page…), so a restart resumes where it stopped. */
  state: ColumnType<JsonObject, string, string>;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  consecutive_failures: Generated<number>;
  items_last_poll: number | null;
  total_items: Generated<number>;
  created_at: Generated<Date>;
}
export type Source = Selectable<SourcesTable>;

export interface NewSource {
  kind: SourceKind;
  name: string;
  url: string;
  pollIntervalSeconds: number;
  /** Adaptive polling bounds; both default to `pollIntervalSeconds` (a fixed interval). */
  minIntervalSeconds?: number;
  maxIntervalSeconds?: number;
  config?: JsonObject;
}

/**
 * Registers a source; registering the same kind + URL again returns the existing one with the name, config and
 * interval bounds given now (its cursor and health are kept).
 */
export async function upsertSource(db: Db, source: NewSource): Promise<{ source: Source; created: boolean }> {
  const min = source.minIntervalSeconds ?? source.pollIntervalSeconds;
  const max = source.maxIntervalSeconds ?? source.pollIntervalSeconds;
  const row = await db
    .insertInto('sources')
    .values({
      kind: source.kind,
      name: source.name,
      url: source.url,
      poll_interval_seconds: source.pollIntervalSeconds,
      min_interval_seconds: min,
      max_interval_seconds: max,
      config: JSON.stringify(source.config ?? {}),
      state: '{}',
      paused_reason: null,
      etag: null,
      last_modified: null,
      last_polled_at: null,
      last_success_at: null,
      last_error: null,
      last_error_at: null,
      items_last_poll: null,
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'url']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        config: eb.ref('excluded.config'),
        poll_interval_seconds: eb.ref('excluded.poll_interval_seconds'),
        min_interval_seconds: eb.ref('excluded.min_interval_seconds'),
        max_interval_seconds: eb.ref('excluded.max_interval_seconds'),
      })),
    )
    .returningAll()
    // xmax = 0 only for a freshly inserted row.
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  const { created, ...rest } = row;
  return { source: rest, created };
}

export async function getSource(db: Db, id: number): Promise<Source | undefined> {
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSources(db: Db): Promise<Source[]> {
  return db.selectFrom('sources').selectAll().orderBy('id').execute();
}

/** Active sources that are polled (every kind but the generated sample). */
export async function listPolledSources(db: Db): Promise<Source[]> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('kind', '!=', 'sample')
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** After the batch is stored: the new cursor, validators for a conditional next poll, and the next interval. */
export async function recordPollSuccess(
  db: Db,
  id: number,
  result: {
    etag?: string | null;
    lastModified?: string | null;
    state?: JsonObject;
    items: number;
    intervalSeconds: number;
  },
): Promise<void> {
  await db
    .updateTable('sources')
    .set((eb) => ({
      ...(result.etag !== undefined ? { etag: result.etag } : {}),
      ...(result.lastModified !== undefined ? { last_modified: result.lastModified } : {}),
      ...(result.state !== undefined ? { state: JSON.stringify(result.state) } : {}),
      items_last_poll: result.items,
      total_items: eb('total_items', '+', result.items),
      poll_interval_seconds: result.intervalSeconds,
      last_polled_at: sql<Date>`now()`,
      last_success_at: sql<Date>`now()`,
      consecutive_failures: 0,
    }))
    .where('id', '=', id)
    .execute();
}

/** Keeps the reason readable and bounded; returns the failures in a row, counting this one. */
export async function recordPollFailure(db: Db, id: number, reason: string): Promise<number> {
  const row = await db
    .updateTable('sources')
    .set((eb) => ({
      last_error: reason.slice(0, 1_000),
      last_error_at: sql<Date>`now()`,
      last_polled_at: sql<Date>`now()`,
      consecutive_failures: eb('consecutive_failures', '+', 1),
    }))
    .where('id', '=', id)
    .returning('consecutive_failures')
    .executeTakeFirst();
  return row?.consecutive_failures ?? 0;
}

/** Stops polling a source, with the reason shown beside it; returns false when there is no such source. */
export async function pauseSource(db: Db, id: number, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('sources')
    .set({ status: 'paused', paused_reason: reason.slice(0, 1_000) })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Polls a paused source again, with a clean failure count; returns the source, or undefined when unknown. */
export async function resumeSource(db: Db, id: number): Promise<Source | undefined> {
  return db
    .updateTable('sources')
    .set({ status: 'active', paused_reason: null, consecutive_failures: 0 })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a source with its sightings, and every post (with its analysis) that no other source saw. */
export async function deleteSource(db: Db, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Posts also seen in other sources stay; only what this source alone brought in goes.
    await handOverSharedPosts(trx, id);
    const result = await trx.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  });
}
