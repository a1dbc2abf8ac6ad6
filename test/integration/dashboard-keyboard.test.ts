/**
 * The dashboard with the keyboard alone, in real Chromium with the real CSP: log in, the skip link, the main menu
 * with a visible focus on every link, and an admin flow (pausing a source with a reason).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSource } from '../../core/db/sources.ts';
import { NAV } from '../../dashboard/views/layout.ts';
import { TEST_PASSWORD } from '../helpers/auth.ts';
import { A11Y_ADMIN, startA11yApp, type A11yApp } from '../helpers/a11y.ts';

describe('keyboard only', () => {
  let app: A11yApp;
  beforeAll(async () => {
    app = await startA11yApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('logs in, skips to the content, reaches every menu link with visible focus, pauses a source', async () => {
    const { base, sourceId } = app;
    const context = await app.browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        const box = el?.getBoundingClientRect();
        return {
          tag: el?.tagName.toLowerCase() ?? '',
          id: el?.id ?? '',
          cls: el?.className ?? '',
          href: el?.getAttribute('href') ?? '',
          text: el?.textContent?.trim() ?? '',
          outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
          visible: box ? box.top >= 0 && box.height > 0 : false,
          inNav: el ? el.closest('nav.main-nav') !== null : false,
        };
      });
    try {
      // The login form puts focus in the email field; Tab to the password, Enter submits.
      await page.goto(`${base}/sources`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect((await focused()).id).toBe('email');
      await page.keyboard.type(A11Y_ADMIN);
      await page.keyboard.press('Tab');
      expect((await focused()).id).toBe('password');
      await page.keyboard.type(TEST_PASSWORD);
      await Promise.all([page.waitForURL(`${base}/sources`), page.keyboard.press('Enter')]);

      // First Tab: the skip link, shown on focus with a visible outline; Enter moves focus to the main content.
      await page.keyboard.press('Tab');
      const skip = await focused();
      expect(skip).toMatchObject({ cls: 'skip-link', href: '#main', visible: true });
      expect(skip.outline).not.toMatch(/^none/);
      await page.keyboard.press('Enter');
      expect((await focused()).id).toBe('main');

      // From the top again: Tab reaches every menu link, each with a visible focus outline.
      await page.goto(`${base}/sources`);
      const navLinks: string[] = [];
      for (let i = 0; i < 30 && navLinks.length < NAV.length; i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        if (now.inNav && now.tag === 'a') {
          expect(now.outline, now.href).not.toMatch(/^none/);
          expect(now.visible, now.href).toBe(true);
          navLinks.push(now.href);
        }
      }
      expect(navLinks).toEqual(NAV.map((item) => item.href));

      // Pause the source: Tab to its reason field, type, Tab to its button, Enter.
      let reached = false;
      for (let i = 0; i < 80 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = (await focused()).id === `reason-${sourceId}`;
      }
      expect(reached).toBe(true);
      await page.keyboard.type('byter adress');
      await page.keyboard.press('Tab');
      expect((await focused()).text).toContain('Pausa');
      await Promise.all([page.waitForURL(/\/sources\?done=paused:/), page.keyboard.press('Enter')]);
      expect(await page.textContent('[role="status"]')).toContain('är pausad');
      expect(await getSource(app.t.resources.db, sourceId)).toMatchObject({
        status: 'paused',
        paused_reason: 'byter adress',
      });
    } finally {
      await context.close();
    }
  });
});
