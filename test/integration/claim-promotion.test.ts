/** Two analysts making themes of two candidates that share example posts at the same moment: both labels stay. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promoteCandidate, upsertCandidate } from '../../core/db/claim-candidates.ts';
import { sql } from 'kysely';
import { insertLabel, insertLabelIn, labelsOfPost } from '../../core/db/post-labels.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

describe('promoting claim candidates', () => {
  let t: TestDatabase;
  let ids: number[];

  beforeAll(async () => {
    t = await createTestDatabase();
    const { source } = await upsertSource(t.db, {
      kind: 'rss',
      name: 'Claims',
      url: 'https://example.invalid/claims.xml',
      pollIntervalSeconds: 300,
    });
    ids = await seedAnalysedPosts(
      t.db,
      source.id,
      [0, 1, 2, 3].map((i) => ({
        externalId: `c${i}`,
        text: `Soc sätter chip i barnen och säljer deras data ${i}`,
        publishedAt: new Date(Date.UTC(2026, 11, 7, 9, i)),
        lang: 'sv',
        stance: 'unrelated' as const,
        themes: [],
      })),
    );
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('labels only the posts shown, and two promotions at once both add their theme', async () => {
    const candidate = (key: string) =>
      upsertCandidate(t.db, {
        lang: 'sv',
        key,
        terms: [key],
        displayTerms: [key],
        examplePostIds: ids,
        postsRecent: 4,
        score: 5,
      });
    const [a, b] = [await candidate('chip'), await candidate('data')];
    const shown = ids.slice(0, 3);
    const fields = (themeId: string) => ({ themeId, labelSv: themeId, labelEn: themeId });
    const [first, second] = await Promise.all([
      promoteCandidate(t.db, a.id, fields('chip_claim'), 'ana1@kommun.se', shown),
      promoteCandidate(t.db, b.id, fields('data_claim'), 'ana2@kommun.se', shown),
    ]);
    expect(first?.labelledPostIds).toEqual(shown);
    expect(second?.labelledPostIds).toEqual(shown);
    for (const id of shown) {
      const [latest] = await labelsOfPost(t.db, id);
      expect([...(latest?.themes ?? [])].sort()).toEqual(['chip_claim', 'data_claim']);
    }
    expect(await labelsOfPost(t.db, ids[3]!)).toEqual([]);
  });

  it('a label written later counts as the latest even when its transaction began first', async () => {
    const label = (themes: string[]) => ({
      postId: ids[3]!,
      stance: 'rumour' as const,
      themes,
      about: [],
      labelledBy: 'ana@kommun.se',
      note: null,
    });
    await t.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx); // the transaction has begun: now() is fixed from here
      await insertLabel(t.db, label(['chip_claim']));
      await insertLabelIn(trx, label(['chip_claim', 'data_claim']));
    });
    const [latest] = await labelsOfPost(t.db, ids[3]!);
    expect(latest?.themes).toEqual(['chip_claim', 'data_claim']);
  });
});
