/**
 * The `legal_holds` table (rättsligt bevarande): a post, or every post and snapshot of a source, kept from
 * retention and erasure while the hold is active, e.g. a threat reported to the police. Released holds stay as
 * history; who placed and released each is recorded here and in the audit log.
 */
import { sql, type Expression, type Generated, type Selectable, type SqlBool } from 'kysely';
import type { Db } from './client.ts';

export interface LegalHoldsTable {
  id: Generated<number>;
  /** post_keys.post_id: the post's identity, which retention keeps. */
  post_id: number | null;
  source_id: number | null;
  reason: string;
  case_reference: string | null;
  created_by: string;
  created_at: Generated<Date>;
  released_by: string | null;
  released_at: Date | null;
}
export type LegalHold = Selectable<LegalHoldsTable>;

export type HoldTarget = { postId: number } | { sourceId: number };

export interface NewLegalHold {
  target: HoldTarget;
  reason: string;
  caseReference: string | null;
  createdBy: string;
}

export async function addHold(db: Db, hold: NewLegalHold): Promise<LegalHold> {
  return db
    .insertInto('legal_holds')
    .values({
      post_id: 'postId' in hold.target ? hold.target.postId : null,
      source_id: 'sourceId' in hold.target ? hold.target.sourceId : null,
      reason: hold.reason,
      case_reference: hold.caseReference,
      created_by: hold.createdBy,
      released_by: null,
      released_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Releases an active hold; undefined when there is no such hold or it was already released. */
export async function releaseHold(db: Db, id: number, releasedBy: string): Promise<LegalHold | undefined> {
  return db
    .updateTable('legal_holds')
    .set({ released_by: releasedBy, released_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function getHold(db: Db, id: number): Promise<LegalHold | undefined> {
  return db.selectFrom('legal_holds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Active holds (or all with `includeReleased`), newest first. */
export async function listHolds(db: Db, options: { includeReleased?: boolean } = {}): Promise<LegalHold[]> {
  return db
    .selectFrom('legal_holds')
    .selectAll()
    .$if(!options.includeReleased, (qb) => qb.where('released_at', 'is', null))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * SQL condition "the post with this id is under an active hold" (its own, or its first-sighting source's, or a
 * source that saw it), for use inside retention and erasure queries.
 */
export function postIsHeld(postId: Expression<unknown>): Expression<SqlBool> {
  return sql<SqlBool>`EXISTS (
    SELECT 1 FROM legal_holds h
    WHERE h.released_at IS NULL
      AND (h.post_id = ${postId}
           OR h.source_id IN (SELECT s.source_id FROM post_sightings s WHERE s.post_id = ${postId})
           OR h.source_id = (SELECT k.source_id FROM post_keys k WHERE k.post_id = ${postId})))`;
}

/**
 * SQL condition "this snapshot is under an active hold": its source is held, or a post it shows is held in any of
 * the ways `postIsHeld` knows (also through another source that saw the post: the snapshot is evidence of it).
 */
export function snapshotIsHeld(
  snapshotId: Expression<unknown>,
  sourceId: Expression<unknown>,
): Expression<SqlBool> {
  return sql<SqlBool>`(
    EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.source_id = ${sourceId})
    OR EXISTS (SELECT 1 FROM snapshot_posts sp WHERE sp.snapshot_id = ${snapshotId}
               AND ${postIsHeld(sql`sp.post_id`)}))`;
}

/** Of `postIds`, those under an active hold. */
export async function heldPostIds(db: Db, postIds: readonly number[]): Promise<number[]> {
  if (postIds.length === 0) return [];
  const { rows } = await sql<{ id: number }>`
    SELECT id FROM unnest(${[...postIds]}::bigint[]) AS t(id)
    WHERE ${postIsHeld(sql`t.id`)}
    ORDER BY id`.execute(db);
  return rows.map((row) => Number(row.id));
}

/** Active holds that keep anything of this source: on the source itself or on posts it saw. */
export async function activeHoldsOnSource(db: Db, sourceId: number): Promise<LegalHold[]> {
  return db
    .selectFrom('legal_holds as h')
    .selectAll('h')
    .where('h.released_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('h.source_id', '=', sourceId),
        eb(
          'h.post_id',
          'in',
          eb.selectFrom('post_sightings as s').select('s.post_id').where('s.source_id', '=', sourceId),
        ),
      ]),
    )
    .orderBy('h.id')
    .execute();
}

/** Active holds placed on these posts themselves (not through their sources), oldest first. */
export async function activePostHolds(db: Db, postIds: readonly number[]): Promise<LegalHold[]> {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('legal_holds')
    .selectAll()
    .where('post_id', 'in', [...postIds])
    .where('released_at', 'is', null)
    .orderBy('id')
    .execute();
}
