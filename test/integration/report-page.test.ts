/**
 * The trend report: the page (analysts only, hostile text inert, restricted posts left out) and its PDF printed by
 * real Chromium through the one-time render grant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../dashboard/auth/settings.ts';
import { issueRenderGrant, RENDER_HEADER } from '../../dashboard/report/render-grants.ts';
import { addUser, login, type Session } from '../helpers/auth.ts';
import { CHROMIUM_PATH, launchBrowser } from '../helpers/browser.ts';
import { listen, type Listening } from '../helpers/listen.ts';
import { readPdfText } from '../helpers/pdf-text.ts';
import { REPORT_PERIOD, RESTRICTED_TEXT, seedReportPosts, XSS } from '../helpers/report-seed.ts';
import { openTestResources, type TestResources } from '../helpers/resources.ts';

const QUERY = `from=${REPORT_PERIOD.from}&to=${REPORT_PERIOD.to}`;

describe('trend report', () => {
  let t: TestResources;
  let server: Listening;
  let analyst: Session;
  let viewer: Session;
  const keyPrefix = () => `${t.prefix}:auth`;

  beforeAll(async () => {
    t = await openTestResources();
    const { db } = t.resources;
    await seedReportPosts(db);
    const app = createApp({
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
      auth: { ...DEFAULT_AUTH_SETTINGS, keyPrefix: keyPrefix() },
      chromiumPath: CHROMIUM_PATH,
    });
    server = await listen(app);
    await addUser(db, 'analytiker@kommun.se', ['analyst']);
    await addUser(db, 'lasare@kommun.se', ['viewer']);
    analyst = await login(server.url, 'analytiker@kommun.se');
    viewer = await login(server.url, 'lasare@kommun.se');
  });

  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('shows analysts the report with escaped text and without restricted posts; viewers get 403', async () => {
    const response = await fetch(`${server.url}/report?${QUERY}`, { headers: { cookie: analyst.cookie } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Lägesrapport: rykten om socialtjänsten');
    expect(page).toContain('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('javascript:alert');
    expect(page).not.toContain(RESTRICTED_TEXT);
    expect(page).toContain('id="matrix-table"');
    expect(page).toContain('id="top-themes-table"');

    const english = await (
      await fetch(`${server.url}/report?${QUERY}&lang=en`, { headers: { cookie: analyst.cookie } })
    ).text();
    expect(english).toContain('Situation report: rumours about Swedish social services');

    expect(
      (await fetch(`${server.url}/report?${QUERY}`, { headers: { cookie: viewer.cookie } })).status,
    ).toBe(403);
    const anonymous = await fetch(`${server.url}/report?${QUERY}`, {
      redirect: 'manual',
      headers: { accept: 'text/html' },
    });
    expect(anonymous.status).toBe(303);
  });

  it('refuses a restricted theme, an unknown language or municipality and an unknown chart with 400', async () => {
    const status = async (path: string) =>
      (await fetch(`${server.url}${path}`, { headers: { cookie: analyst.cookie } })).status;
    // The report stated "0 posts" for violence_threats while the CLI refused it.
    expect(await status(`/report?${QUERY}&theme=violence_threats`)).toBe(400);
    expect(await status(`/report/data.json?${QUERY}&theme=violence_threats`)).toBe(400);
    expect(await status(`/report?${QUERY}&language=xx`)).toBe(400);
    expect(await status(`/report?${QUERY}&place=9999`)).toBe(400);
    expect(await status(`/report/data.csv?${QUERY}&chart=foo`)).toBe(400);
    expect(await status(`/report/data.csv?${QUERY}&chart=stances`)).toBe(200);
    expect(await status(`/report?${QUERY}&language=ar&place=1480`)).toBe(200);
  });

  it('refuses a forged, reused or mismatched render grant', async () => {
    const forged = await fetch(`${server.url}/report?${QUERY}`, {
      headers: { [RENDER_HEADER]: 'x'.repeat(43) },
    });
    expect(forged.status).toBe(401);
    const token = await issueRenderGrant(t.resources.redis, keyPrefix(), {
      search: QUERY,
      requester: 'test',
    });
    const other = await fetch(`${server.url}/report?from=2026-01-01&to=2026-01-31`, {
      headers: { [RENDER_HEADER]: token },
    });
    expect(other.status).toBe(401);
    // The mismatched attempt used the grant up: it cannot be tried again with the right query.
    expect(
      (await fetch(`${server.url}/report?${QUERY}`, { headers: { [RENDER_HEADER]: token } })).status,
    ).toBe(401);
  });

  it('draws the charts in Chromium with no script from the posts running', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const [name, value] = analyst.cookie.split('=');
      await context.addCookies([{ name: name!, value: value!, url: server.url }]);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('dialog', (dialog) => problems.push(`dialog ${dialog.message()}`));
      await page.goto(`${server.url}/report?${QUERY}`);
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 10_000 });
      expect(await page.getAttribute('html', 'data-chart-error')).toBeNull();
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('.report-post .text', { hasText: XSS }).count()).toBe(1);
      expect(
        await page.locator('#theme-trend-chart').evaluate((c: HTMLCanvasElement) => c.width),
      ).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('prints the report to PDF: title, literal hostile text, no restricted post, audited', async () => {
    const response = await fetch(`${server.url}/report.pdf?${QUERY}`, {
      headers: { cookie: analyst.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { title, text } = readPdfText(pdf);
    expect(title).toContain('Lägesrapport: rykten om socialtjänsten');
    expect(text).toContain('Lägesrapport: rykten om socialtjänsten');
    expect(text.replace(/\s/g, '')).toContain(XSS.replace(/\s/g, ''));
    expect(text).not.toContain(RESTRICTED_TEXT);

    const audit = await t.resources.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'params'])
      .where('action', '=', 'export_report')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_label: 'analytiker@kommun.se', params: { format: 'pdf' } });
    // The grant was used and is gone.
    expect(await t.resources.redis.keys(`${keyPrefix()}:report-render:*`)).toEqual([]);
    expect(
      (await fetch(`${server.url}/report.pdf?${QUERY}`, { headers: { cookie: viewer.cookie } })).status,
    ).toBe(403);
  });
});
