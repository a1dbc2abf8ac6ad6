/**
 * Boosts and forwards of a data subject's posts on real Postgres: a boost carries the subject's words under the
 * booster's account, so the subject's request finds it (also when the subject's own post was never collected,
 * and when the boost is a later sighting of a post already stored), exports it without the booster's details, and
 * erases it in full unless someone else also posted the same text on their own.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSubjectPosts, subjectPostsExport } from '../../core/db/subject-posts.ts';
import { eraseSubject } from '../../core/erasure.ts';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { addSource, daysAgo, storeAuthored } from '../helpers/privacy-seed.ts';

const pseudonymise = createPseudonymiser('forwards-test-key-'.padEnd(40, 'k'));
const carol = pseudonymise('carol@social.example')!;
const dave = pseudonymise('dave')!;
const erin = pseudonymise('erin')!;

let t: TestDatabase;
const id: Record<'boostOnly' | 'boostedLater' | 'alsoErins', number> = {
  boostOnly: 0,
  boostedLater: 0,
  alsoErins: 0,
};

beforeAll(async () => {
  t = await createTestDatabase();
  const masto = await addSource(t.db, 'mastodon', 'masto');
  const feed = await addSource(t.db, 'rss', 'feed');
  // Dave boosts a post of Carol's that was never collected itself.
  [id.boostOnly] = (await storeAuthored(
    t.db,
    masto,
    [
      {
        externalId: 'd1',
        text: 'Carols inlägg som bara Dave delade',
        author: 'dave',
        forwardedFrom: '@Carol@social.example',
        publishedAt: daysAgo(2),
      },
    ],
    pseudonymise,
  )) as [number];
  // Carol's own post, stored first; Dave's boost of it is a later sighting of the same text.
  [id.boostedLater, id.alsoErins] = (await storeAuthored(
    t.db,
    masto,
    [
      {
        externalId: 'c2',
        text: 'Carols eget inlägg',
        author: 'carol@social.example',
        publishedAt: daysAgo(2),
      },
      {
        externalId: 'c3',
        text: 'En paroll som många skriver',
        author: 'carol@social.example',
        publishedAt: daysAgo(2),
      },
    ],
    pseudonymise,
  )) as [number, number];
  const boosts = await storeAuthored(
    t.db,
    feed,
    [
      {
        externalId: 'd2',
        text: 'Carols eget inlägg',
        author: 'dave',
        forwardedFrom: 'carol@social.example',
        publishedAt: daysAgo(1),
      },
      {
        externalId: 'd3',
        text: 'En paroll som många skriver',
        author: 'dave',
        forwardedFrom: 'carol@social.example',
        publishedAt: daysAgo(1),
      },
      // Erin writes the same words herself: that text is hers too and stays.
      { externalId: 'e3', text: 'En paroll som många skriver', author: 'erin', publishedAt: daysAgo(1) },
    ],
    pseudonymise,
  );
  expect(boosts).toEqual([id.boostedLater, id.alsoErins, id.alsoErins]);
}, 30_000);

afterAll(async () => {
  await t?.drop();
});

describe('boosts and forwards of a data subject', () => {
  it("finds every post that carries the subject's words, boosts included", async () => {
    const found = await findSubjectPosts(t.db, [carol]);
    const byId = new Map(found.map((p) => [p.postId, p]));
    expect([...byId.keys()].sort()).toEqual([id.boostOnly, id.boostedLater, id.alsoErins].sort());
    expect(byId.get(id.boostOnly)).toMatchObject({ forwardedFromSubject: true, sharedWithOthers: false });
    expect(byId.get(id.boostOnly)?.sightings).toEqual([]);
    // Dave's later boost does not make Carol's own text someone else's; Erin's own copy does.
    expect(byId.get(id.boostedLater)).toMatchObject({ forwardedFromSubject: true, sharedWithOthers: false });
    expect(byId.get(id.alsoErins)).toMatchObject({ forwardedFromSubject: true, sharedWithOthers: true });
    expect((await findSubjectPosts(t.db, [carol], 'rss')).map((p) => p.postId).sort()).toEqual(
      [id.boostedLater, id.alsoErins].sort(),
    );
  });

  it("exports a boost's text without the booster's source, link or context", async () => {
    const [boost] = await subjectPostsExport(t.db, [id.boostOnly], [carol]);
    expect(boost).toMatchObject({
      id: id.boostOnly,
      text: 'Carols inlägg som bara Dave delade',
      source: null,
      url: null,
      context: null,
    });
  });

  it('erases boosts in full and removes the subject as the origin of a text that stays', async () => {
    const done = await eraseSubject(t.db, await findSubjectPosts(t.db, [carol]), [carol]);
    expect(done).toMatchObject({ posts: 2, sharedPosts: [id.alsoErins] });
    const texts = await t.db.selectFrom('posts').select(['id', 'author_pseudonym', 'context']).execute();
    expect(texts.map((p) => p.id)).toEqual([id.alsoErins]);
    expect([erin, dave]).toContain(texts[0]?.author_pseudonym);
    const mentions = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM post_sightings
              WHERE author_pseudonym = ${carol} OR forwarded_from = ${carol})
           + (SELECT count(*) FROM posts
              WHERE author_pseudonym = ${carol} OR context->>'forwardedFrom' = ${carol}) AS n`.execute(t.db);
    expect(Number(mentions.rows[0]?.n)).toBe(0);
    expect(await findSubjectPosts(t.db, [carol])).toEqual([]);
    // Erin's and Dave's own sightings of the text that stays are untouched.
    const left = await t.db
      .selectFrom('post_sightings')
      .select('author_pseudonym')
      .where('post_id', '=', id.alsoErins)
      .orderBy('id')
      .execute();
    expect(left.map((s) => s.author_pseudonym)).toEqual([null, dave, erin]);
  });
});
