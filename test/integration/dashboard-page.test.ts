/**
 * The overview page in real headless Chromium, reached by logging in through the real form with the keyboard:
 * chart drawn from the API, posts listed, hostile text inert.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { todayInAnalystZone } from '../../dashboard/params.ts';
import { addUser, TEST_PASSWORD } from '../helpers/auth.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'><svg onload="window.__xss=3">`;

describe('overview page in Chromium', () => {
  let t: TestResources;
  let server: Listening;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'sample',
      name: `Källa ${XSS}`,
      url: 'sample:test',
      pollIntervalSeconds: 900,
    });
    const now = Date.now();
    await seedAnalysedPosts(
      db,
      source.id,
      [0, 1, 2].map((i) => ({
        externalId: `p${i}`,
        url: i === 0 ? 'javascript:alert(1)' : `https://example.org/${i}`,
        title: i === 0 ? XSS : `Titel ${i}`,
        text: i === 0 ? `Soc kidnappar barn ${XSS}` : `Soc tar barn, inlägg ${i}`,
        publishedAt: new Date(now - i * 86_400_000),
        lang: 'sv',
        stance: 'rumour' as const,
        themes: [{ id: 'soc_takes_children', evidence: [XSS] }],
      })),
      { isSample: true },
    );
    const app = createApp({
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
    });
    server = await listen(app);
    base = server.url;
    await addUser(db, 'analytiker@kommun.se', ['analyst']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('draws the trend chart and its data table, lists posts, and keeps hostile text inert', async () => {
    // A Swedish user's browser: the login form answers in Swedish (English browsers get English).
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${message.text()} ${message.location().url}`);
    });
    // Only the dashboard itself may be asked for anything.
    const hosts = new Set<string>();
    page.on('request', (request) => hosts.add(new URL(request.url()).host));
    try {
      // Not logged in: the overview sends us to the Swedish login form, which takes focus in the email field.
      const loginPage = await page.goto(`${base}/`);
      expect(loginPage?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.getAttribute('html', 'lang')).toBe('sv');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
      await page.keyboard.type('analytiker@kommun.se');
      await page.keyboard.press('Tab');
      await page.keyboard.type('fel-lösenord-123');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#login-error');
      expect(await page.textContent('[role="alert"]')).toContain('Fel e-postadress eller lösenord');
      // After a failure the address is kept and the password field has focus.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
      // The failed attempt answered 401 on purpose; Chromium logs that as a console error. Nothing else may fail.
      expect(problems).toEqual([expect.stringMatching(/status of 401 .*\/login$/)]);
      problems.length = 0;
      await page.keyboard.type(TEST_PASSWORD);
      const [response] = await Promise.all([
        page.waitForNavigation({ url: `${base}/` }),
        page.keyboard.press('Enter'),
      ]);
      expect(response?.status()).toBe(200);
      expect(await page.textContent('.account')).toContain('analytiker@kommun.se');
      await page.waitForSelector('#trend-chart[data-ready="true"]', { timeout: 10_000 });
      await expect.poll(() => page.textContent('#trend-status')).toMatch(/^3 temaomnämnanden i ryktesinlägg/);

      const headerCells = await page.$$eval('#trend-table thead th', (cells) =>
        cells.map((c) => c.textContent),
      );
      expect(headerCells).toContain('Soc tar/kidnappar barn');
      const today = todayInAnalystZone();
      const todayRow = await page.$$eval(
        '#trend-table tbody tr',
        (rows, day) => rows.find((row) => row.firstElementChild?.textContent === day)?.textContent ?? null,
        today,
      );
      expect(todayRow).toContain('1');

      expect(await page.locator('article.post').count()).toBe(3);
      expect(await page.locator('.sample-banner').textContent()).toContain('Exempeldata');
      // Aggregates say they hold sample data too: the trend JSON and the report's method note.
      const trend = (await page.evaluate(() => fetch('/api/trends').then((r) => r.json()))) as {
        samplePosts: number;
      };
      expect(trend.samplePosts).toBe(3);
      const firstText = await page.locator('article.post .text').first().textContent();
      expect(firstText).toContain('<img src=x onerror=');
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('article.post img, article.post svg, article.post script').count()).toBe(0);
      // Only http(s) URLs become links, whatever reached the database.
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(problems).toEqual([]);
      expect([...hosts]).toEqual([new URL(base).host]);
    } finally {
      await context.close();
    }
  });
});
