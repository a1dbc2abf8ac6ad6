/**
 * One batch of 30,000 posts with their own URLs (an import poll reads up to 50,000 rows): stored in one go. A lock
 * per URL ran Postgres out of lock memory (about 6,400 slots by default, more while other sessions hold none), and
 * the batch failed at every retry, so the import never got past it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contentHash } from '../../core/content.ts';
import { storePosts } from '../../core/db/posts.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const COUNT = 30_000;
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 30_000);

afterAll(async () => {
  await t?.drop();
});

it(`stores ${COUNT} posts with distinct URLs in one batch`, { timeout: 180_000 }, async () => {
  const { source } = await upsertSource(t.db, {
    kind: 'import',
    name: 'Large export',
    url: 'file:///tmp/large-export.jsonl',
    pollIntervalSeconds: 300,
  });
  const posts = Array.from({ length: COUNT }, (_, i) => {
    // Texts of their own (no near-duplicates to cluster): this batch is about its size, not its likeness.
    const words = Array.from({ length: 8 }, (_, w) =>
      (((i * 8 + w) * 2_654_435_761) % 4_294_967_296).toString(36),
    );
    const text = `Inlägg ${words.join(' ')}`;
    return {
      externalId: `row-${i}`,
      url: `https://example.org/export/${i}`,
      title: null,
      text,
      authorPseudonym: null,
      publishedAt: new Date(Date.UTC(2026, 11, 6, 12, 0, i % 3600)),
      contentHash: contentHash(text),
    };
  });
  const stored = await storePosts(t.db, source.id, posts);
  expect(stored.inserted).toBe(COUNT);
});
