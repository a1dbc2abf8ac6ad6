/**
 * The overview, theme page and targeting matrix over HTTP on a real database: the answered mark round trip
 * (CSRF, roles, audit, the flag cleared, before/after on the theme page), downloads by role, English rendering,
 * hostile text escaped; then in real Chromium: reach the matrix and open a theme with the keyboard alone.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { createApp } from '../../dashboard/app.ts';
import { addUser, bearer, login, type Session } from '../helpers/auth.ts';
import { PERIOD, seedAnalysisScenario, XSS } from '../helpers/analysis-seed.ts';
import { axeViolations } from '../helpers/a11y.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

const CORE = 'soc_takes_children';
const Q = `from=${PERIOD.from}&to=${PERIOD.to}`;

interface MatrixRow {
  theme: string;
  key: string;
  rumours: number;
  unanswered: boolean;
  answered: { on: string; link: string } | null;
}

describe('overview, theme page and targeting matrix', () => {
  let t: TestResources;
  let server: Listening;
  let base: string;
  let analyst: Session;
  let viewer: Session;

  const page = async (path: string, session: Session) => {
    const response = await fetch(`${base}${path}`, {
      headers: { cookie: session.cookie },
      redirect: 'manual',
    });
    return { status: response.status, body: await response.text() };
  };
  const mark = (session: Session, fields: Record<string, string>) =>
    fetch(`${base}/answered`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const matrix = async (authorization: string, by = 'lang') => {
    const response = await fetch(`${base}/api/matrix?${Q}&by=${by}`, { headers: { authorization } });
    return ((await response.json()) as { rows: MatrixRow[] }).rows;
  };

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    await seedAnalysisScenario(db);
    server = await listen(
      createApp({
        db,
        redis: t.resources.redis,
        logger: t.resources.logger,
        modelVersion: async () => MODEL_VERSION,
      }),
    );
    base = server.url;
    await addUser(db, 'analytiker@kommun.se', ['analyst']);
    await addUser(db, 'lasare@kommun.se', ['viewer']);
    analyst = await login(base, 'analytiker@kommun.se');
    viewer = await login(base, 'lasare@kommun.se');
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('renders every page in Swedish and English with hostile text escaped', async () => {
    for (const path of ['/', '/themes', `/themes/${CORE}`, '/matrix', '/matrix?by=place']) {
      for (const ui of ['sv', 'en']) {
        const sep = path.includes('?') ? '&' : '?';
        const { status, body } = await page(`${path}${sep}${Q}&lang=${ui}`, viewer);
        expect(status, `${path} ${ui}`).toBe(200);
        expect(body).toContain(`<html lang="${ui}">`);
        expect(body).not.toContain('<img src=x');
        expect(body).not.toContain('<script>window.__xss');
        expect(body).not.toMatch(/<svg onload/i);
      }
    }
    const en = await page(`/themes/${CORE}?${Q}&lang=en`, viewer);
    expect(en.body).toContain('Copy-paste clusters');
    expect(en.body).toContain('Swedish gloss');
    // The Arabic example shows its matched terms beside the theme's Swedish description.
    expect(en.body).toContain('السوسيال, خطف');
    expect(en.body).toContain('Kärnpåståendet: socialtjänsten');
    expect(en.body).toContain('&lt;img src=x onerror=');
    const sv = await page(`/themes/${CORE}?${Q}`, viewer);
    expect(sv.body).toContain('Kopiera-klistra-kluster');
    expect(sv.body).toContain('Officiella fakta och motbudskap');
    // A source from the domain brief is named by its title, never by a file path.
    expect(sv.body).not.toContain('shared/domain');
    expect(sv.body).toContain('Trollhättans stad: Socialtjänsten arbetar för barnets bästa');
    // Place filter and undetermined language work on the overview.
    const und = await page(`/?${Q}&language=und`, viewer);
    expect(und.status).toBe(200);
    expect(und.body).toContain('<option value="und" selected');
    const bad = await page(`/matrix?${Q}&by=region`, viewer);
    expect(bad.status).toBe(400);
    // A filter that matches nothing says so; "add a source" is for an install without posts.
    const none = await page(`/?${Q}&language=ti`, viewer);
    expect(none.body).toContain('Inga inlägg i perioden med de här filtren');
    expect(none.body).not.toContain('sources add rss');
  });

  it('the overview themes download keeps its columns when no cell matches', async () => {
    const header = async (extra: string) =>
      (await page(`/api/overview/themes.csv?${Q}${extra}`, analyst)).body
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0];
    const full = await header('');
    expect(full).toMatch(/^theme,key,rumours,rumoursPrevious,/);
    expect(await header('&lang=ti')).toBe(full);
  });

  it('the restricted theme is not listed, nor its page opened, for roles without security', async () => {
    const list = await page(`/themes?${Q}`, viewer);
    expect(list.status).toBe(200);
    expect(list.body).toContain(`/themes/${CORE}`);
    // Listed with 0 posts, it read as "no threats" while the database held some.
    expect(list.body).not.toContain('violence_threats');
    expect((await page(`/themes/violence_threats?${Q}`, viewer)).status).toBe(404);
    expect((await page(`/themes/violence_threats?${Q}`, analyst)).status).toBe(404);
  });

  it('the matrix flags a rising rumour without an answer, in the page and the API', async () => {
    const token = await bearer(t.resources.db, 'viewer');
    const rows = await matrix(token);
    expect(rows.find((r) => r.theme === CORE && r.key === 'ar')).toMatchObject({
      rumours: 3,
      unanswered: true,
    });
    expect(rows.find((r) => r.theme === CORE && r.key === 'sv')).toMatchObject({ unanswered: false });
    const { body } = await page(`/matrix?${Q}`, viewer);
    expect(body.match(/class="heat-\d flagged"/g)?.length).toBe(1);
    // Viewers read the data (table, API) but downloads are exports: analysts only.
    expect(body).not.toContain('/api/matrix.csv');
    expect((await fetch(`${base}/api/matrix.csv?${Q}`, { headers: { authorization: token } })).status).toBe(
      403,
    );
    const analystToken = await bearer(t.resources.db, 'analyst');
    const csv = await fetch(`${base}/api/matrix.csv?${Q}`, { headers: { authorization: analystToken } });
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('theme,label_sv,label_en,lang,name,rumours')).toBe(true);
    expect(text).toContain(
      'soc_takes_children,Soc tar/kidnappar barn,Social services kidnap children,ar,ar,3,1,4,0,0,true,true,,',
    );
  });

  it('an analyst marks a cell answered: CSRF, role and input checked, audited, flag cleared, before/after shown', async () => {
    const detail = await page(`/matrix?${Q}&by=lang&theme=${CORE}&cell=ar`, analyst);
    expect(detail.body).toContain('id="cell-detail"');
    expect(detail.body).toContain('action="/answered"');
    expect(detail.body).toContain(`name="_csrf" value="${analyst.csrfToken}"`);
    // The Arabic wording of the court-order fact is offered for the Arabic cell.
    expect(detail.body).toContain('إلا من خلال قرار صادر عن المحكمة');
    // A municipality cell's mark is for one language, which the analyst must choose (it was silently Swedish).
    const placeCell = await page(`/matrix?${Q}&by=place&theme=${CORE}&cell=1480`, analyst);
    expect(placeCell.body).toMatch(/<option value="" selected disabled>\s*Välj språket ni svarade på/);
    expect(placeCell.body).not.toMatch(/<option value="sv"\s+selected/);
    const returnTo = /name="return_to" value="([^"]+)"/.exec(detail.body)?.[1]?.replaceAll('&amp;', '&');
    expect(returnTo).toMatch(/^\/matrix\?/);
    const fields = {
      theme: CORE,
      language: 'ar',
      place: '',
      answered_on: '2026-10-25',
      link: 'https://example.org/svar-ar',
      note: `Publicerat på arabiska ${XSS}`,
      return_to: returnTo!,
    };
    expect((await mark(analyst, fields)).status).toBe(403); // no CSRF token
    expect((await mark(viewer, { ...fields, _csrf: viewer.csrfToken })).status).toBe(403); // viewer
    expect(
      (await mark(analyst, { ...fields, _csrf: analyst.csrfToken, link: 'javascript:alert(1)' })).status,
    ).toBe(400);
    // A real day, but one whose before/after windows would fall in year 0: the theme page was a 500 for everyone.
    for (const answeredOn of ['2026-02-30', '0001-01-02', '0000-01-01'])
      expect(
        (await mark(analyst, { ...fields, _csrf: analyst.csrfToken, answered_on: answeredOn })).status,
      ).toBe(400);
    expect((await mark(analyst, { ...fields, _csrf: analyst.csrfToken, note: 'a\u0000b' })).status).toBe(400);
    expect(
      (await mark(analyst, { ...fields, _csrf: analyst.csrfToken, return_to: '//evil.example/' })).status,
    ).toBe(400);
    expect(await matrix(await bearer(t.resources.db, 'viewer'))).toContainEqual(
      expect.objectContaining({ theme: CORE, key: 'ar', answered: null }),
    );

    const saved = await mark(analyst, { ...fields, _csrf: analyst.csrfToken });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(returnTo);
    const rows = await matrix(await bearer(t.resources.db, 'viewer'));
    expect(rows.find((r) => r.theme === CORE && r.key === 'ar')).toMatchObject({
      unanswered: false,
      answered: { on: '2026-10-25', link: 'https://example.org/svar-ar' },
    });
    const audit = await t.resources.db
      .selectFrom('audit_log')
      .select(['actor_label', 'params'])
      .where('action', '=', 'mark_answered')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_label: 'analytiker@kommun.se',
        params: expect.objectContaining({ theme: CORE, lang: 'ar', answered_on: '2026-10-25' }),
      }),
    ]);

    const theme = await page(`/themes/${CORE}?${Q}`, viewer);
    expect(theme.body).toContain('https://example.org/svar-ar');
    expect(theme.body).not.toContain('<img src=x');
    // Before/after: 28-day windows around 25 October; the Arabic rumours of 5, 16 and 20 October before, 27 after.
    const beforeAfter = /<table id="before-after-table">[\s\S]*?<\/table>/.exec(theme.body)?.[0] ?? '';
    expect(beforeAfter.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('2026-10-25 28 3 1');
    // The chart carries a marker at the mark's day.
    expect(theme.body).toMatch(/&quot;markers&quot;:\[\{&quot;at&quot;:&quot;2026-10-25&quot;/);
    // A viewer sees no form.
    expect(theme.body).not.toContain('action="/answered"');
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('reaches the matrix and opens a theme with the keyboard; charts drawn, hostile text inert', async () => {
      const context = await browser.newContext({ locale: 'sv-SE' });
      const [name, value] = analyst.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: base }]);
      const tab = await context.newPage();
      const problems: string[] = [];
      tab.on('pageerror', (error) => problems.push(error.message));
      tab.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      const hosts = new Set<string>();
      tab.on('request', (request) => hosts.add(new URL(request.url()).host));
      const tabTo = async (selector: string) => {
        for (let i = 0; i < 80; i += 1) {
          await tab.keyboard.press('Tab');
          if (await tab.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        }
        throw new Error(`never reached ${selector} with Tab`);
      };
      try {
        await tab.goto(`${base}/?${Q}`);
        await tab.waitForSelector('#languages-chart[data-ready="true"]');
        await tab.waitForSelector('#trend-chart[data-ready="true"]');
        await tabTo('nav.main-nav a[href^="/matrix"]');
        await Promise.all([tab.waitForURL(`${base}/matrix?${Q}`), tab.keyboard.press('Enter')]);
        expect(await tab.textContent('h1')).toBe('Målmatris');
        await tabTo(`#matrix-table a[href^="/matrix?"][href*="cell=ar"][href*="theme=${CORE}"]`);
        await Promise.all([tab.waitForURL(/cell=ar/), tab.keyboard.press('Enter')]);
        expect(await tab.textContent('#cell-detail-heading')).toContain('Soc tar/kidnappar barn × ar');
        await tabTo(`#cell-detail a[href^="/themes/${CORE}"]`);
        await Promise.all([tab.waitForURL(new RegExp(`/themes/${CORE}`)), tab.keyboard.press('Enter')]);
        expect(await tab.textContent('h1')).toBe('Soc tar/kidnappar barn');
        await tab.waitForSelector('#theme-trend-chart[data-ready="true"]');
        expect(await tab.locator('article.post').count()).toBeGreaterThan(0);
        expect(await tab.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
        expect(await tab.locator('main img, main script, main svg').count()).toBe(0);
        expect(problems).toEqual([]);
        expect([...hosts]).toEqual([new URL(base).host]);
      } finally {
        await context.close();
      }
    });

    it('axe finds no WCAG 2.1 A/AA violation on a theme page and an opened matrix cell, in both languages', async () => {
      // axe's script tag needs the CSP bypassed; the pages are otherwise as served.
      const context = await browser.newContext({ bypassCSP: true });
      const [name, value] = analyst.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: base }]);
      const tab = await context.newPage();
      const found: string[] = [];
      try {
        for (const path of [
          `/themes/${CORE}?${Q}`,
          `/themes/${CORE}?${Q}&lang=en&language=ar`,
          `/matrix?${Q}&by=lang&theme=${CORE}&cell=ar`,
          `/matrix?${Q}&by=place&theme=${CORE}&cell=1480&lang=en`,
        ]) {
          expect((await tab.goto(`${base}${path}`))?.status()).toBe(200);
          await tab.waitForLoadState('networkidle');
          found.push(...(await axeViolations(tab)).map((v) => `${path}: ${v}`));
        }
        expect(found).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
