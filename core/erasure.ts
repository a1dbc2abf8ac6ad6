/**
 * Erasure on request (radering, GDPR art. 17): a data subject's posts, one post, or a whole source. Anything under
 * a legal hold is left alone and reported (art. 17(3)(e): kept for legal claims). The SQL is in
 * core/db/erase-posts.ts, shared with retention; the commands that call this audit it.
 */
import type { Db } from './db/client.ts';
import {
  clearForwardedFrom,
  deleteSnapshots,
  deleteSourceData,
  erasePosts,
  scrubSightings,
  snapshotsOfPosts,
  type DeletedSource,
  type ErasedPosts,
} from './db/erase-posts.ts';
import { activeHoldsOnSource, heldPostIds } from './db/legal-holds.ts';
import type { SubjectPost } from './db/subject-posts.ts';
import { BadInputError } from './errors.ts';

export interface SubjectErasure extends ErasedPosts {
  /** Posts the same text of which someone else also posted: only the subject's sightings were unlinked. */
  sharedPosts: number[];
  sightingsUnlinked: number;
  /** Left alone: under a legal hold. */
  heldPosts: number[];
  snapshots: number;
  /** Snapshots that also show other people's posts: kept (listed so an operator can judge them). */
  snapshotsShared: number[];
  snapshotsHeld: number[];
}

/**
 * Erases what `findSubjectPosts` found for `pseudonyms`: posts only the subject posted (or others only boosted)
 * in full, shared ones by unlinking the subject's sightings and their mention as a boost's origin.
 */
export async function eraseSubject(
  db: Db,
  posts: readonly SubjectPost[],
  pseudonyms: readonly string[],
): Promise<SubjectErasure> {
  const held = new Set(
    await heldPostIds(
      db,
      posts.map((p) => p.postId),
    ),
  );
  const free = posts.filter((p) => !held.has(p.postId));
  const own = free.filter((p) => !p.sharedWithOthers).map((p) => p.postId);
  const shared = free.filter((p) => p.sharedWithOthers);
  const snapshots = await snapshotsOfPosts(db, own);
  const deleted = await deleteSnapshots(db, snapshots.only);
  const erased = await erasePosts(db, own);
  const sightingsUnlinked =
    (await scrubSightings(
      db,
      shared.flatMap((p) => p.sightings.map((s) => s.sightingId)),
    )) +
    (await clearForwardedFrom(
      db,
      shared.map((p) => p.postId),
      pseudonyms,
    ));
  return {
    ...erased,
    sharedPosts: shared.map((p) => p.postId),
    sightingsUnlinked,
    heldPosts: [...held].sort((a, b) => a - b),
    snapshots: deleted,
    snapshotsShared: snapshots.shared,
    snapshotsHeld: snapshots.held,
  };
}

export interface PostErasure extends ErasedPosts {
  snapshots: number;
  snapshotsShared: number[];
}

/** Erases one post and the snapshots that show only it; refuses a post under a legal hold. */
export async function erasePost(db: Db, postId: number): Promise<PostErasure> {
  const exists = await db
    .selectFrom('post_keys')
    .select('post_id')
    .where('post_id', '=', postId)
    .executeTakeFirst();
  if (!exists) throw new BadInputError('not-found', `no post ${postId}`);
  if ((await heldPostIds(db, [postId])).length > 0)
    throw new BadInputError(
      'held',
      `post ${postId} is under a legal hold (see holds list); release it first`,
    );
  const snapshots = await snapshotsOfPosts(db, [postId]);
  const deleted = await deleteSnapshots(db, snapshots.only);
  return { ...(await erasePosts(db, [postId])), snapshots: deleted, snapshotsShared: snapshots.shared };
}

/** Deletes a source and its personal data; refuses while a hold covers the source or one of its posts. */
export async function deleteSource(db: Db, sourceId: number): Promise<DeletedSource> {
  const exists = await db.selectFrom('sources').select('id').where('id', '=', sourceId).executeTakeFirst();
  if (!exists) throw new BadInputError('not-found', `no source ${sourceId}`);
  const holds = await activeHoldsOnSource(db, sourceId);
  if (holds.length > 0)
    throw new BadInputError(
      'held',
      `source ${sourceId} has active legal holds (${holds.map((h) => h.id).join(', ')}); release them first`,
    );
  return deleteSourceData(db, sourceId);
}
