/**
 * Data-subject requests and erasure on real Postgres: a handle is found through the same keyed HMAC as at
 * collection, exported (through the real CLI) without any raw handle, erased (labels and snapshots showing only
 * them too, held posts kept, shared texts only unlinked); one post and one source erased; the dashboard's post
 * exports carry pseudonyms only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { itemsToPosts } from '../../collectors/to-posts.ts';
import { addHold, releaseHold } from '../../core/db/legal-holds.ts';
import { insertLabel } from '../../core/db/post-labels.ts';
import { storePosts } from '../../core/db/posts.ts';
import { storeSnapshot } from '../../core/db/snapshots.ts';
import { findSubjectPosts } from '../../core/db/subject-posts.ts';
import { deleteSource, erasePost, eraseSubject } from '../../core/erasure.ts';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import { streamPostsCsv, streamPostsJson } from '../../dashboard/exports/posts-export.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addSource, daysAgo, storeAuthored } from '../helpers/privacy-seed.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';

const KEY = 'subject-test-key-'.padEnd(40, 'k');
const pseudonymise = createPseudonymiser(KEY);
const alice = pseudonymise('alice')!;
const bob = pseudonymise('bob')!;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9]);

let t: TestDatabase;
let masto = 0;
let blog = 0;
const id: Record<string, number> = {};
const snap: Record<string, number> = {};

const postIds = async () =>
  (await t.db.selectFrom('posts').select('id').orderBy('id').execute()).map((r) => r.id);

beforeAll(async () => {
  t = await createTestDatabase();
  masto = await addSource(t.db, 'mastodon', 'masto');
  blog = await addSource(t.db, 'rss', 'blog');
  const onMasto = await storeAuthored(
    t.db,
    masto,
    [
      { externalId: 'a1', text: 'första inlägget om LVU', author: '@Alice', publishedAt: daysAgo(3) },
      { externalId: 'a3', text: 'samma text från två konton', author: 'alice', publishedAt: daysAgo(2) },
      { externalId: 'a4', text: 'ett hot som polisanmälts', author: 'ALICE', publishedAt: daysAgo(2) },
      { externalId: 'a5', text: 'gammalt inlägg redan gallrat', author: 'alice', publishedAt: daysAgo(200) },
    ],
    pseudonymise,
  );
  [id['a1'], id['shared'], id['a4'], id['a5']] = onMasto as [number, number, number, number];
  const onBlog = await storeAuthored(
    t.db,
    blog,
    [
      {
        externalId: 'a2',
        text: 'andra inlägget, märkt av analytiker',
        author: 'alice',
        publishedAt: daysAgo(1),
      },
      { externalId: 'b3', text: 'samma text från två konton', author: 'bob', publishedAt: daysAgo(1) },
      { externalId: 'b1', text: 'bobs eget inlägg', author: 'bob', publishedAt: daysAgo(1) },
    ],
    pseudonymise,
  );
  [id['a2'], , id['b1']] = onBlog as [number, number, number];
  expect(onBlog[1]).toBe(id['shared']);

  // a5's post row is gone while its sighting still names the author: found, listed as "text already removed".
  await sql`DELETE FROM posts WHERE id = ${id['a5']}`.execute(t.db);
  await insertLabel(t.db, {
    postId: id['a2']!,
    stance: 'rumour',
    themes: [],
    about: [],
    labelledBy: 'analyst@example.se',
    note: null,
  });
  await addHold(t.db, {
    target: { postId: id['a4']! },
    reason: 'hot',
    caseReference: 'K-1',
    createdBy: 'security@example.se',
  });
  const shot = async (sourceId: number, externalIds: string[]) =>
    (
      await storeSnapshot(t.db, sourceId, {
        pageUrl: 'https://page.example/',
        takenAt: daysAgo(1),
        png: PNG,
        html: '<p>x</p>',
        htmlTruncated: false,
        externalIds,
      })
    ).id;
  snap['onlyAlice'] = await shot(masto, ['a1']);
  snap['aliceAndBob'] = await shot(blog, ['a2', 'b1']);
}, 30_000);

afterAll(async () => {
  await t?.drop();
});

describe('subject requests', () => {
  it('finds a handle in any spelling, and only on the given platform', async () => {
    const all = await findSubjectPosts(t.db, [pseudonymise('@ALICE')!]);
    expect(all.map((p) => p.postId).sort()).toEqual(
      [id['a1'], id['a2'], id['shared'], id['a4'], id['a5']].sort(),
    );
    expect(all.find((p) => p.postId === id['a5'])).toMatchObject({ stored: false });
    expect(all.find((p) => p.postId === id['shared'])).toMatchObject({ sharedWithOthers: true });
    expect(all.find((p) => p.postId === id['a1'])).toMatchObject({ sharedWithOthers: false, stored: true });
    const rss = await findSubjectPosts(t.db, [alice], 'rss');
    expect(rss.map((p) => p.postId)).toEqual([id['a2']]);
    expect(await findSubjectPosts(t.db, [pseudonymise('nobody')!])).toEqual([]);
  });

  it('exports their posts as JSON through the CLI, audited, with no raw handle in the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-subject-'));
    const out = path.join(dir, 'export.json');
    const prefix = uniquePrefix();
    try {
      const run = await runCli(
        ['subject', 'export', '@Alice', '--out', out, '--actor', 'DPO@kommun.se', '--case', 'DSR-2026-7'],
        { DATABASE_URL: t.url, AUTHOR_HMAC_KEY: KEY, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix },
      );
      expect(run.stderr).toContain('Wrote 4 posts');
      expect(run.code).toBe(0);
      expect(fs.statSync(out).mode & 0o777).toBe(0o600);
      const text = fs.readFileSync(out, 'utf8');
      expect(text.toLowerCase()).not.toContain('alice');
      const document = JSON.parse(text) as {
        posts: { id: number; text: string; labels: unknown[] }[];
        sightings: { post_id: number }[];
      };
      expect(document.posts.map((p) => p.id).sort()).toEqual(
        [id['a1'], id['a2'], id['shared'], id['a4']].sort(),
      );
      expect(document.posts.find((p) => p.id === id['a2'])?.labels).toHaveLength(1);
      expect(text).not.toContain('analyst@example.se');
      expect(document.sightings.map((s) => s.post_id)).toContain(id['a5']);
      const audit = await t.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'subject_export')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_kind: 'cli', actor_label: 'dpo@kommun.se' });
      expect(audit[0]?.params).toMatchObject({ case: 'DSR-2026-7', posts: 5, exported: 4 });
      expect(JSON.stringify(audit[0]?.params)).not.toContain(alice);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await deletePrefix(prefix);
    }
  });

  it("leaves another author's source and link out of a shared post in the export", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-subject-'));
    const out = path.join(dir, 'bob.json');
    const prefix = uniquePrefix();
    try {
      // Bob posted the shared text after Alice: the post row (source, link, context) is Alice's sighting.
      const run = await runCli(['subject', 'export', 'bob', '--out', out], {
        DATABASE_URL: t.url,
        AUTHOR_HMAC_KEY: KEY,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
      });
      expect(run.code).toBe(0);
      const document = JSON.parse(fs.readFileSync(out, 'utf8')) as {
        posts: { id: number; source: { id: number } | null; url: string | null }[];
        sightings: { post_id: number; source: { id: number } }[];
      };
      const byId = new Map(document.posts.map((p) => [p.id, p]));
      expect(byId.get(id['shared']!)).toMatchObject({ source: null, url: null });
      expect(byId.get(id['b1']!)?.source?.id).toBe(blog);
      expect(document.sightings.filter((s) => s.post_id === id['shared']).map((s) => s.source.id)).toEqual([
        blog,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await deletePrefix(prefix);
    }
  });

  it('erases their posts, labels and snapshots showing only them; keeps held posts and unlinks shared texts', async () => {
    const keysBefore = await t.db.selectFrom('post_keys').select('post_id').orderBy('post_id').execute();
    const done = await eraseSubject(t.db, await findSubjectPosts(t.db, [alice]), [alice]);
    expect(done).toMatchObject({
      posts: 2,
      labels: 1,
      sharedPosts: [id['shared']],
      sightingsUnlinked: 1,
      heldPosts: [id['a4']],
      snapshots: 1,
      snapshotsShared: [snap['aliceAndBob']],
      snapshotsHeld: [],
    });
    const remaining = await postIds();
    expect(remaining).not.toContain(id['a1']);
    expect(remaining).not.toContain(id['a2']);
    expect(remaining).toEqual(expect.arrayContaining([id['shared'], id['a4'], id['b1']]));
    expect(await t.db.selectFrom('post_labels').selectAll().execute()).toEqual([]);
    expect((await t.db.selectFrom('snapshots').select('id').execute()).map((r) => r.id)).toEqual([
      snap['aliceAndBob'],
    ]);
    // The shared text stays, now under the other author; identities stay so nothing is collected again.
    const shared = await t.db
      .selectFrom('posts')
      .select(['author_pseudonym', 'url'])
      .where('id', '=', id['shared']!)
      .executeTakeFirstOrThrow();
    expect(shared).toEqual({ author_pseudonym: bob, url: 'https://social.example/p/b3' });
    expect(await t.db.selectFrom('post_keys').select('post_id').orderBy('post_id').execute()).toEqual(
      keysBefore,
    );
    const left = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM post_sightings WHERE author_pseudonym = ${alice}`.execute(t.db);
    expect(left.rows[0]?.n).toBe(1); // the held post's sighting
    expect((await findSubjectPosts(t.db, [alice])).map((p) => p.postId)).toEqual([id['a4']]);
  });

  it('erases one post, refusing a held one', async () => {
    await expect(erasePost(t.db, id['a4']!)).rejects.toThrow(/legal hold/);
    await expect(erasePost(t.db, 999_999)).rejects.toThrow(/no post/);
    const done = await erasePost(t.db, id['b1']!);
    expect(done).toMatchObject({ posts: 1, snapshots: 0, snapshotsShared: [snap['aliceAndBob']] });
    expect(await postIds()).not.toContain(id['b1']);
  });

  it('deletes a source with its posts, sightings and snapshots; refuses one under a hold', async () => {
    await expect(deleteSource(t.db, masto)).rejects.toThrow(/legal hold/);
    const done = await deleteSource(t.db, blog);
    expect(done).toMatchObject({ handedOver: 0, identities: 2, sightings: 1, snapshots: 1 });
    expect(await t.db.selectFrom('sources').select('id').execute()).toEqual([{ id: masto }]);
    // The shared text was first seen on masto: it stays, without the deleted source's author.
    const shared = await t.db
      .selectFrom('posts')
      .select(['author_pseudonym', 'source_id'])
      .where('id', '=', id['shared']!)
      .executeTakeFirstOrThrow();
    expect(shared).toEqual({ author_pseudonym: null, source_id: masto });
    const bobLeft = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM post_sightings WHERE author_pseudonym = ${bob})
           + (SELECT count(*) FROM posts WHERE author_pseudonym = ${bob}) AS n`.execute(t.db);
    expect(Number(bobLeft.rows[0]?.n)).toBe(0);
  });

  it('keeps a released hold as history when the source it held is deleted', async () => {
    const other = await addSource(t.db, 'rss', 'held once');
    const hold = await addHold(t.db, {
      target: { sourceId: other },
      reason: 'utredning',
      caseReference: 'K-2',
      createdBy: 'security@example.se',
    });
    await expect(deleteSource(t.db, other)).rejects.toThrow(/legal hold/);
    await releaseHold(t.db, hold.id, 'security@example.se');
    await deleteSource(t.db, other);
    const kept = await t.db
      .selectFrom('legal_holds')
      .select(['source_id', 'reason', 'released_by'])
      .where('id', '=', hold.id)
      .executeTakeFirst();
    expect(kept).toEqual({ source_id: other, reason: 'utredning', released_by: 'security@example.se' });
  });
});

describe('dashboard exports', () => {
  it('carry the author pseudonym, never the handle, also for a boost that names its original author', async () => {
    const { posts } = itemsToPosts(
      [
        {
          externalId: 'x1',
          url: 'https://social.example/statuses/1',
          title: null,
          text: 'en uppgift om socialtjänsten som sprids',
          author: 'Granskare_Handle',
          publishedAt: daysAgo(1),
          context: { forwardedFrom: 'https://annan.example/@ursprungs_konto' },
        },
      ],
      { pseudonymise, collectedAt: new Date() },
    );
    await storePosts(t.db, masto, posts);
    const read = async (stream: typeof streamPostsCsv) => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      await stream(t.db, MODEL_VERSION, {}, out);
      out.end();
      return Buffer.concat(chunks).toString('utf8').toLowerCase();
    };
    for (const text of [await read(streamPostsCsv), await read(streamPostsJson)]) {
      expect(text).toContain(pseudonymise('granskare_handle'));
      expect(text).not.toContain('granskare_handle');
      expect(text).not.toContain('ursprungs_konto');
    }
  });
});
