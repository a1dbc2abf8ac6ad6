/**
 * A snapshot is evidence of the posts it shows: on real Postgres, a snapshot of a post that is held only because
 * another, held source also saw it is kept by retention and by erasure, as the post itself is.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addHold, heldPostIds } from '../../core/db/legal-holds.ts';
import { snapshotsOfPosts } from '../../core/db/erase-posts.ts';
import { storeSnapshot } from '../../core/db/snapshots.ts';
import { createLogger } from '../../core/logger.ts';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import { runRetention } from '../../core/retention.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addSource, daysAgo, storeAuthored } from '../helpers/privacy-seed.ts';

const pseudonymise = createPseudonymiser('held-snapshot-key-'.padEnd(40, 'x'));
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 30_000);

afterAll(async () => {
  await t?.drop();
});

it('keeps the snapshot of a post held through another source', async () => {
  const forum = await addSource(t.db, 'web', 'forum');
  const investigated = await addSource(t.db, 'rss', 'investigated');
  const text = 'ett gammalt hot som också finns i en utredd källa';
  const [postId] = await storeAuthored(
    t.db,
    forum,
    [{ externalId: 'f1', text, author: 'anna', publishedAt: daysAgo(150) }],
    pseudonymise,
  );
  await storeAuthored(
    t.db,
    investigated,
    [{ externalId: 'i1', text, author: 'anna', publishedAt: daysAgo(149) }],
    pseudonymise,
  );
  const { id: snapshotId } = await storeSnapshot(t.db, forum, {
    pageUrl: 'https://forum.example/t/1',
    takenAt: daysAgo(150),
    png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    html: '<p>tråden</p>',
    htmlTruncated: false,
    externalIds: ['f1'],
  });
  await addHold(t.db, {
    target: { sourceId: investigated },
    reason: 'förundersökning',
    caseReference: null,
    createdBy: 'security@example.se',
  });
  expect(await heldPostIds(t.db, [postId!])).toEqual([postId]);
  expect(await snapshotsOfPosts(t.db, [postId!])).toEqual({ only: [], shared: [], held: [snapshotId] });

  const report = await runRetention(t.db, {
    retentionDays: 90,
    trigger: 'cli',
    dryRun: false,
    logger: createLogger('silent'),
  });
  expect(report.counts).toMatchObject({ posts: 0, snapshots: 0, kept_held_posts: 1, kept_held_snapshots: 1 });
  const kept = await t.db.selectFrom('snapshots').select('id').execute();
  expect(kept).toEqual([{ id: snapshotId }]);
});
