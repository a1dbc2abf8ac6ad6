/**
 * Restricted posts (violence_threats) in the detectors' input: they count in the restricted theme's series only,
 * never in another theme's spike series or in new-claim candidates, whose words and counts every role sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { claimPostTexts, hourlyRumourCounts, recentRumourPosts } from '../../core/db/emerging-counts.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

const HOUR = 3_600_000;
const at = Date.UTC(2026, 11, 7, 10, 0);

describe('restricted posts in the emerging detectors', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    const { source } = await upsertSource(t.db, {
      kind: 'rss',
      name: 'Restricted fixture',
      url: 'https://example.invalid/restricted.xml',
      pollIntervalSeconds: 300,
    });
    const post = (i: number, themes: string[]) => ({
      externalId: `p${i}`,
      text: themes.includes('violence_threats')
        ? `Vi vet var handläggaren Zorkelund bor, Plommonvägen ${i}. Soc tar barnen, hämnd!`
        : `Soc tar barnen från familjer igen ${i}`,
      publishedAt: new Date(at + i * 60_000),
      lang: 'sv',
      stance: 'rumour' as const,
      themes: themes.map((id) => ({ id, evidence: ['soc tar barnen'] })),
    });
    await seedAnalysedPosts(t.db, source.id, [
      post(1, ['soc_takes_children']),
      post(2, ['soc_takes_children']),
      post(3, ['soc_takes_children', 'violence_threats']),
      post(4, ['soc_takes_children', 'violence_threats']),
      post(5, ['soc_takes_children', 'violence_threats']),
    ]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('counts a restricted post for the restricted theme only', async () => {
    const rows = await hourlyRumourCounts(t.db, MODEL_VERSION, at, at + HOUR);
    const count = (themeId: string, lang: string | null) =>
      rows
        .filter((r) => r.themeId === themeId && r.lang === lang && r.place === null)
        .reduce((n, r) => n + r.posts, 0);
    expect(count('soc_takes_children', 'sv')).toBe(2);
    expect(count('soc_takes_children', null)).toBe(2);
    expect(count('violence_threats', 'sv')).toBe(3);
    const recent = await recentRumourPosts(t.db, MODEL_VERSION, at, at + HOUR);
    expect(recent.filter((r) => r.themeId === 'soc_takes_children')).toHaveLength(2);
    expect(recent.filter((r) => r.themeId === 'violence_threats')).toHaveLength(3);
  });

  it('never reads a restricted post as a source of new claims', async () => {
    const posts = await claimPostTexts(t.db, MODEL_VERSION, at, at + HOUR, ['rumour', 'unrelated'], 100);
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => p.text).join(' ')).not.toContain('Zorkelund');
  });
});
