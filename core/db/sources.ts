/** The `sources` table: what is collected, how often, and each source's health and conditional-GET state. */
import { sql, type Generated, type Selectable } from 'kysely';
import type { Db } from './client.ts';

export const SOURCE_KINDS = ['rss', 'sample'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface SourcesTable {
  id: Generated<number>;
  kind: SourceKind;
  name: string;
  url: string;
  status: Generated<'active' | 'paused'>;
  poll_interval_seconds: number;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  consecutive_failures: Generated<number>;
  items_last_poll: number | null;
  created_at: Generated<Date>;
}
export type Source = Selectable<SourcesTable>;

export interface NewSource {
  kind: SourceKind;
  name: string;
  url: string;
  pollIntervalSeconds: number;
}

/** Registers a source; registering the same kind + URL again returns the existing one (renamed if asked). */
export async function upsertSource(db: Db, source: NewSource): Promise<{ source: Source; created: boolean }> {
  const row = await db
    .insertInto('sources')
    .values({
      kind: source.kind,
      name: source.name,
      url: source.url,
      poll_interval_seconds: source.pollIntervalSeconds,
      etag: null,
      last_modified: null,
      last_polled_at: null,
      last_success_at: null,
      last_error: null,
      last_error_at: null,
      items_last_poll: null,
    })
    .onConflict((oc) => oc.columns(['kind', 'url']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
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

export async function listActiveSources(db: Db, kind: SourceKind): Promise<Source[]> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('kind', '=', kind)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** After the batch is stored: remember the validators so the next poll can be conditional. */
export async function recordPollSuccess(
  db: Db,
  id: number,
  result: { etag: string | null; lastModified: string | null; items: number },
): Promise<void> {
  await db
    .updateTable('sources')
    .set({
      etag: result.etag,
      last_modified: result.lastModified,
      items_last_poll: result.items,
      last_polled_at: sql<Date>`now()`,
      last_success_at: sql<Date>`now()`,
      consecutive_failures: 0,
    })
    .where('id', '=', id)
    .execute();
}

export async function recordNotModified(db: Db, id: number): Promise<void> {
  await db
    .updateTable('sources')
    .set({
      items_last_poll: 0,
      last_polled_at: sql<Date>`now()`,
      last_success_at: sql<Date>`now()`,
      consecutive_failures: 0,
    })
    .where('id', '=', id)
    .execute();
}

/** Keeps the reason readable and bounded; the source's other state is left as it was. */
export async function recordPollFailure(db: Db, id: number, reason: string): Promise<void> {
  await db
    .updateTable('sources')
    .set((eb) => ({
      last_error: reason.slice(0, 1_000),
      last_error_at: sql<Date>`now()`,
      last_polled_at: sql<Date>`now()`,
      consecutive_failures: eb('consecutive_failures', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

/** Deletes a source and, through the foreign keys, every post and classification that came from it. */
export async function deleteSource(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
