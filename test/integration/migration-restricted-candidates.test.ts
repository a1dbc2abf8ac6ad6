/**
 * Migration 0022 on real Postgres: an undecided claim candidate whose example posts include a restricted post is
 * dismissed and its new_claim event restricted; other candidates and events are left alone.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { getCandidate, upsertCandidate } from '../../core/db/claim-candidates.ts';
import { upsertSource } from '../../core/db/sources.ts';
import * as migration from '../../migrations/20261207-0022-restricted-candidates.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 30_000);

afterAll(async () => {
  await t?.drop();
});

it('dismisses candidates built from restricted posts and restricts their events', async () => {
  const { source } = await upsertSource(t.db, {
    kind: 'rss',
    name: 'Claims',
    url: 'https://example.invalid/claims.xml',
    pollIntervalSeconds: 300,
  });
  const [threat, plain] = (await seedAnalysedPosts(t.db, source.id, [
    {
      externalId: 'threat',
      text: 'Handläggaren Zorkelund bor på Plommonvägen 3, hämnd!',
      publishedAt: new Date(Date.UTC(2026, 11, 7, 9)),
      lang: 'sv',
      stance: 'rumour',
      themes: [{ id: 'violence_threats', evidence: ['hämnd'] }],
    },
    {
      externalId: 'plain',
      text: 'Soc sätter chip i barnen',
      publishedAt: new Date(Date.UTC(2026, 11, 7, 9, 5)),
      lang: 'sv',
      stance: 'unrelated',
      themes: [],
    },
  ])) as [number, number];
  const candidate = (key: string, ids: number[]) =>
    upsertCandidate(t.db, {
      lang: 'sv',
      key,
      terms: [key],
      displayTerms: [key],
      examplePostIds: ids,
      postsRecent: 5,
      score: 5,
    });
  const leaked = await candidate('zorkelund', [plain, threat]);
  const clean = await candidate('chip', [plain]);
  const event = (candidateId: number) =>
    sql<{ id: number }>`
    INSERT INTO emerging_events (kind, event_key, model_version, lang, candidate_id, observed, expected, spread,
                                 score, peak_observed, window_hours, reason, example_post_ids, restricted, status,
                                 first_seen_at, last_seen_at, last_over_at, started_at)
    VALUES ('new_claim', ${`claim:${candidateId}`}, ${MODEL_VERSION}, 'sv', ${candidateId}, 5, 0, 1, 5, 5, 12,
            '{}'::jsonb, '{}', false, 'ongoing', now(), now(), now(), now())
    RETURNING id`.execute(t.db);
  await event(leaked.id);
  await event(clean.id);

  await migration.up(t.db);

  expect(await getCandidate(t.db, leaked.id)).toMatchObject({
    status: 'dismissed',
    decided_by: 'ryktesradar: built from restricted posts',
  });
  expect(await getCandidate(t.db, clean.id)).toMatchObject({ status: 'new' });
  const events = await sql<{ candidate_id: number; restricted: boolean }>`
    SELECT candidate_id, restricted FROM emerging_events ORDER BY candidate_id`.execute(t.db);
  expect(events.rows).toEqual([
    { candidate_id: leaked.id, restricted: true },
    { candidate_id: clean.id, restricted: false },
  ]);
});
