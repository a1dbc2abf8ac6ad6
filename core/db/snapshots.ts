/**
 * The `snapshots` table and its links `snapshot_posts`: evidence of rendered pages (PNG + HTML) with sha256 of
 * the stored bytes, so an analyst can show what a page said even after the post was deleted. Personal data.
 */
import { createHash } from 'node:crypto';
import type { Generated, Selectable } from 'kysely';
import type { Db } from './client.ts';

export interface SnapshotsTable {
  id: Generated<number>;
  source_id: number;
  page_url: string;
  taken_at: Date;
  png: Buffer;
  png_sha256: string;
  png_bytes: number;
  html: string;
  html_sha256: string;
  /** UTF-8 bytes of the stored HTML. */
  html_bytes: number;
  html_truncated: boolean;
  created_at: Generated<Date>;
}
export type SnapshotRow = Selectable<SnapshotsTable>;

export interface SnapshotPostsTable {
  snapshot_id: number;
  post_id: number;
}

export interface NewSnapshot {
  pageUrl: string;
  takenAt: Date;
  png: Uint8Array;
  html: string;
  htmlTruncated: boolean;
}

/** A snapshot without its bodies, for lists. */
export type SnapshotSummary = Omit<SnapshotRow, 'png' | 'html'> & { posts: number };

export const sha256Hex = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

/**
 * Stores one snapshot and links it to the source's posts with these external ids (those stored), in one
 * transaction; returns its id and how many posts it links.
 */
export async function storeSnapshot(
  db: Db,
  sourceId: number,
  snapshot: NewSnapshot & { externalIds: readonly string[] },
): Promise<{ id: number; posts: number }> {
  const png = Buffer.from(snapshot.png.buffer, snapshot.png.byteOffset, snapshot.png.byteLength);
  const html = Buffer.from(snapshot.html, 'utf8');
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('snapshots')
      .values({
        source_id: sourceId,
        page_url: snapshot.pageUrl,
        taken_at: snapshot.takenAt,
        png,
        png_sha256: sha256Hex(png),
        png_bytes: png.byteLength,
        html: snapshot.html,
        html_sha256: sha256Hex(html),
        html_bytes: html.byteLength,
        html_truncated: snapshot.htmlTruncated,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const externalIds = [...new Set(snapshot.externalIds)];
    if (externalIds.length === 0) return { id, posts: 0 };
    const linked = await tx
      .insertInto('snapshot_posts')
      .columns(['snapshot_id', 'post_id'])
      .expression((eb) =>
        eb
          // Sightings, not keys: a post first seen elsewhere is linked to this page's evidence too.
          .selectFrom('post_sightings')
          .select([eb.val(id).as('snapshot_id'), 'post_id'])
          .where('source_id', '=', sourceId)
          .where('external_id', 'in', externalIds),
      )
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return { id, posts: Number(linked.numInsertedOrUpdatedRows ?? 0) };
  });
}

/** Newest first, bodies left out; `sourceId` narrows to one source. */
export async function listSnapshots(
  db: Db,
  options: { sourceId?: number; limit?: number } = {},
): Promise<SnapshotSummary[]> {
  let query = db
    .selectFrom('snapshots as s')
    .select([
      's.id',
      's.source_id',
      's.page_url',
      's.taken_at',
      's.png_sha256',
      's.png_bytes',
      's.html_sha256',
      's.html_bytes',
      's.html_truncated',
      's.created_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('snapshot_posts as sp')
        .whereRef('sp.snapshot_id', '=', 's.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('posts'),
    )
    .orderBy('s.taken_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(options.limit ?? 100);
  if (options.sourceId !== undefined) query = query.where('s.source_id', '=', options.sourceId);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, posts: Number(row.posts ?? 0) }));
}

export async function getSnapshot(db: Db, id: number): Promise<SnapshotRow | undefined> {
  return db.selectFrom('snapshots').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ids of the posts a snapshot shows. */
export async function snapshotPostIds(db: Db, snapshotId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('snapshot_posts')
    .select('post_id')
    .where('snapshot_id', '=', snapshotId)
    .orderBy('post_id')
    .execute();
  return rows.map((row) => row.post_id);
}
