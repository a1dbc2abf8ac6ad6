/**
 * Post content that is one unbroken run or carries a right-to-left override, on real pages in headless Chromium
 * (real Postgres and Redis): the pages keep their width (a 2,000-letter title made /posts 22,000 px wide), a
 * source name with U+202E is isolated so it cannot reverse the rest of its line, and an excerpt never ends in
 * half an emoji.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { addUser, login } from '../helpers/auth.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

describe('hostile post content keeps pages readable', () => {
  let t: TestResources;
  let server: Listening;
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: 'Källa \u202egnp.exe',
      url: 'https://example.org/feed',
      pollIntervalSeconds: 900,
    });
    await seedAnalysedPosts(db, source.id, [
      {
        externalId: 'long',
        title: 'T'.repeat(2_000),
        // Emoji whose first half is the 600th and the 800th UTF-16 unit, where the theme page's and the posts
        // page's excerpts end: a plain cut would leave half of one.
        text: `${'a'.repeat(599)}😀${'b'.repeat(198)}😀${'c'.repeat(1_000)}`,
        lang: 'sv',
        publishedAt: new Date(Date.now() - 3_600_000),
        stance: 'rumour',
        themes: [{ id: 'soc_takes_children', evidence: ['tar barn'] }],
      },
    ]);
    server = await listen(
      createApp({
        db,
        redis: t.resources.redis,
        logger: t.resources.logger,
        modelVersion: async () => MODEL_VERSION,
      }),
    );
    await addUser(db, 'analytiker@kommun.se', ['analyst']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it.each(['/posts', '/themes/soc_takes_children'])(
    '%s keeps its width and isolates the source name',
    async (path) => {
      const session = await login(server.url, 'analytiker@kommun.se');
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const [name, value] = session.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(1280);
      expect(await page.locator('.source bdi').first().textContent()).toBe('Källa \u202egnp.exe');
      const text = (await page.locator('.post .text').first().textContent()) ?? '';
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      await context.close();
    },
  );
});
