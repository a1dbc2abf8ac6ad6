/**
 * The posts explorer in real headless Chromium, driven with the keyboard: filter by free text, open a post's
 * correction form, correct its themes (stored through the label API); hostile post text stays inert; Swedish
 * gloss beside a non-Swedish post's evidence; English on request; no correction form for a viewer.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { upsertSource } from '../../core/db/sources.ts';
import { createApp } from '../../dashboard/app.ts';
import { addUser, login } from '../helpers/auth.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';
import { seedAnalysedPosts } from '../helpers/seed.ts';

const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'><svg onload="window.__xss=3">`;

/** Presses Tab until the focused element matches the CSS `selector` (at most 80 presses). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((css) => document.activeElement?.matches(css) ?? false, selector)) return;
  }
  throw new Error(`focus never reached ${selector}`);
}

describe('posts explorer in Chromium', () => {
  let t: TestResources;
  let server: Listening;
  let base: string;
  let browser: Browser;
  let ids: number[];

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    const { source } = await upsertSource(db, {
      kind: 'rss',
      name: `Källa ${XSS}`,
      url: 'https://example.org/feed',
      pollIntervalSeconds: 900,
    });
    const now = Date.now();
    ids = await seedAnalysedPosts(db, source.id, [
      {
        externalId: 'sv',
        title: XSS,
        text: `Socialtjänsten tar barnen ${XSS}`,
        url: 'javascript:alert(1)',
        lang: 'sv',
        publishedAt: new Date(now - 3_600_000),
        stance: 'rumour',
        themes: [{ id: 'soc_takes_children', evidence: [XSS] }],
      },
      {
        externalId: 'ar',
        text: 'السوسيال يخطف الأطفال',
        url: 'https://example.org/ar',
        lang: 'ar',
        publishedAt: new Date(now - 7_200_000),
        stance: 'rumour',
        themes: [{ id: 'soc_takes_children', evidence: ['يخطف الأطفال'] }],
      },
    ]);
    await db
      .updateTable('posts')
      .set({ metrics: JSON.stringify({ views: 1200, forwards: 33 }) })
      .where('id', '=', ids[1]!)
      .execute();
    const app = createApp({
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
    });
    server = await listen(app);
    base = server.url;
    await addUser(db, 'analytiker@kommun.se', ['analyst']);
    await addUser(db, 'lasare@kommun.se', ['viewer']);
    await addUser(db, 'sakerhet@kommun.se', ['security']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  async function openAs(email: string, locale = 'sv-SE') {
    const session = await login(base, email);
    const context = await browser.newContext({ locale });
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    return { context, page, problems };
  }

  it('filters with the keyboard, corrects a post’s themes, keeps hostile text inert', async () => {
    const { context, page, problems } = await openAs('analytiker@kommun.se');
    try {
      const response = await page.goto(`${base}/posts`);
      expect(response?.status()).toBe(200);
      expect(await page.textContent('h1')).toBe('Inlägg');
      expect(await page.getAttribute('nav a[aria-current="page"]', 'href')).toBe('/posts');
      expect(await page.locator('article.post').count()).toBe(2);
      // Hostile text shown as text, nowhere executed; a javascript: URL never becomes a link.
      expect(await page.locator('article.post .text').first().textContent()).toContain('<img src=x onerror=');
      expect(await page.locator('article.post img, article.post svg, article.post script').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      // The Arabic post: its theme's Swedish label and description beside the matched terms, and its reach.
      const arabic = page.locator('article.post').nth(1);
      expect(await arabic.locator('.gloss').textContent()).toContain('På svenska');
      expect(await arabic.locator('.evidence').textContent()).toContain('يخطف الأطفال');
      expect(await arabic.locator('.reach').textContent()).toMatch(/visningar 1\s?200 · delningar 33/);
      expect(await page.locator('article.post').first().locator('.gloss').count()).toBe(0);

      // Filter: Tab to the free-text field, type, Enter.
      await tabTo(page, '#q');
      await page.keyboard.type('barn');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('barn');
      expect(await page.locator('article.post').count()).toBe(1);

      // Open the correction form and tick one more theme, all with the keyboard.
      await tabTo(page, 'details.label-box > summary');
      await page.keyboard.press('Enter');
      expect(await page.locator('details.label-box').getAttribute('open')).not.toBeNull();
      await tabTo(page, 'input[name="themes"][value="foster_abuse"]');
      await page.keyboard.press('Space');
      await tabTo(page, 'form.label-form button[type="submit"]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('form.label-form[data-state="saved"]', { timeout: 10_000 });
      expect(await page.textContent('.label-status')).toContain('Sparat');

      const label = await t.resources.db
        .selectFrom('post_labels')
        .select(['post_id', 'stance', 'themes', 'labelled_by'])
        .executeTakeFirstOrThrow();
      expect({ ...label, themes: [...label.themes].sort() }).toEqual({
        post_id: ids[0],
        stance: 'rumour',
        themes: ['foster_abuse', 'soc_takes_children'],
        labelled_by: 'analytiker@kommun.se',
      });
      // The page shows the correction after a reload.
      await page.reload();
      expect(await page.textContent('.labelled')).toContain('Rättat av analytiker');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets the security role place a legal hold from the form and release it', async () => {
    const { context, page, problems } = await openAs('sakerhet@kommun.se');
    try {
      await page.goto(`${base}/posts`);
      const card = page.locator('article.post').first();
      await card.locator('.hold-box summary').click();
      await card.locator('input[name="reason"]').fill('Hotet är polisanmält');
      await card.locator('input[name="case"]').fill('K-2026-77');
      await card.locator('form.hold-form button[type="submit"]').click();
      await card.locator('form.hold-form[data-state="saved"]').waitFor({ timeout: 10_000 });
      expect(await card.locator('form.hold-form .hold-status').textContent()).toContain('Bevarat');
      const [stored] = await t.resources.db.selectFrom('legal_holds').selectAll().execute();
      expect(stored).toMatchObject({ case_reference: 'K-2026-77', created_by: 'sakerhet@kommun.se' });

      // After a reload the post shows its hold, with a button to release it.
      await page.reload();
      const held = page.locator(`.hold[data-hold-id="${stored?.id}"]`);
      expect(await page.locator('.badge.held').count()).toBe(1);
      await held.locator('button.hold-release').click();
      await page.locator('.hold[data-state="released"]').waitFor({ timeout: 10_000 });
      const after = await t.resources.db.selectFrom('legal_holds').select('released_by').execute();
      expect(after).toEqual([{ released_by: 'sakerhet@kommun.se' }]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('renders in English on request; a viewer gets no correction form and no export links', async () => {
    const { context, page, problems } = await openAs('lasare@kommun.se', 'en-GB');
    try {
      await page.goto(`${base}/posts?lang=en&language=ar`);
      expect(await page.textContent('h1')).toBe('Posts');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('article.post').count()).toBe(1);
      expect(await page.locator('article.post .gloss').textContent()).toContain('In Swedish');
      expect(await page.locator('form.label-form').count()).toBe(0);
      expect(await page.locator('form.hold-form').count()).toBe(0);
      expect(await page.locator('.exports').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
