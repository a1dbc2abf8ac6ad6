/**
 * For the accessibility tests: a dashboard with a source, analysed posts in several languages and an admin who
 * holds every right (so every form and view is on the pages), a loopback feed to preview, and axe-core run in the
 * page with the WCAG 2.1 A/AA rules.
 */
import { addHold } from '../../core/db/legal-holds.ts';
import fs from 'node:fs';
import { UnrecoverableError, Worker } from 'bullmq';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { MODEL_VERSION } from '../../classifier/classify.ts';
import { upsertCandidate } from '../../core/db/claim-candidates.ts';
import { recordPollFailure, upsertSource } from '../../core/db/sources.ts';
import { createRedis } from '../../core/redis.ts';
import { createApp } from '../../dashboard/app.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../dashboard/auth/settings.ts';
import { NAV } from '../../dashboard/views/layout.ts';
import { seedAlert } from './alert-seed.ts';
import { addUser, TEST_PASSWORD } from './auth.ts';
import { launchBrowser } from './browser.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { listen, type Listening } from './listen.ts';
import { openTestResources, type TestResources } from './resources.ts';
import { seedAnalysedPosts } from './seed.ts';

const AXE_FILE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FEED = fs.readFileSync(new URL('../fixtures/pipeline-feed.xml', import.meta.url));
export const A11Y_ADMIN = 'admin@kommun.se';

/** Every logged-in page: the layout's navigation, the report, the statement (404s are pages not built yet). */
export const PAGES: readonly string[] = [
  ...NAV.map((item) => item.href),
  '/alerts/rules',
  // The spike seedAlert stores: the first event of the fresh database.
  '/emerging/1',
  '/report',
  '/accessibility',
];

export interface A11yApp {
  t: TestResources;
  base: string;
  feedUrl: string;
  sourceId: number;
  browser: Browser;
  close(): Promise<void>;
}

/** Puts one job in the dead-letter list, so /jobs shows its table and retry forms. */
async function failOneJob(t: TestResources): Promise<void> {
  const connection = createRedis(t.resources.config.redis.url, 'worker');
  const worker = new Worker(
    'collect-source',
    async () => {
      throw new UnrecoverableError('http-404: not found');
    },
    { connection, prefix: t.prefix },
  );
  const failed = new Promise((resolve) => worker.once('failed', resolve));
  await t.resources.queues.collect.add('collect', { sourceId: 1 }, { jobId: 'a11y-failed' });
  await failed;
  await worker.close();
  connection.disconnect();
}

export async function startA11yApp(): Promise<A11yApp> {
  const t = await openTestResources();
  const { db } = t.resources;
  const fixtures: FixtureServer = await startFixtureServer({
    '/feed.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
    },
  });
  const { source } = await upsertSource(db, {
    kind: 'rss',
    name: 'Föräldragrupp',
    url: 'https://example.org/feed.xml',
    pollIntervalSeconds: 900,
    minIntervalSeconds: 300,
    maxIntervalSeconds: 3600,
  });
  await recordPollFailure(db, source.id, 'http-500: server error');
  const now = Date.now();
  const postIds = await seedAnalysedPosts(
    db,
    source.id,
    ['sv', 'ar', 'en', 'und'].map((lang, i) => ({
      externalId: `p${i}`,
      url: `https://example.org/${i}`,
      title: `Titel ${i}`,
      text: `Soc tar barn i Angered, inlägg ${i}`,
      publishedAt: new Date(now - i * 86_400_000),
      lang,
      stance: 'rumour' as const,
      themes: [{ id: 'soc_takes_children', evidence: ['soc tar barn'] }],
    })),
  );
  const server: Listening = await listen(
    createApp({
      db,
      redis: t.resources.redis,
      logger: t.resources.logger,
      modelVersion: async () => MODEL_VERSION,
      auth: { ...DEFAULT_AUTH_SETTINGS, keyPrefix: t.prefix },
      sourceAdmin: {
        collectQueue: t.resources.queues.collect,
        collector: t.resources.config.collector,
        queuePrefix: t.prefix,
      },
    }),
  );
  await seedAlert(db, await addUser(db, A11Y_ADMIN, ['admin', 'security', 'analyst']));
  // A new-claim candidate with example posts, so /emerging shows the Dismiss and Make-a-theme forms.
  await upsertCandidate(db, {
    lang: 'sv',
    key: 'angered tar',
    terms: ['angered', 'tar barn'],
    displayTerms: ['Angered', 'tar barn'],
    examplePostIds: postIds.slice(0, 2),
    postsRecent: 4,
    score: 5.5,
  });
  // A held post, so /posts shows the hold badge and its release button too.
  await addHold(db, {
    target: { postId: postIds[0] as number },
    reason: 'polisanmält',
    caseReference: 'K-1',
    createdBy: A11Y_ADMIN,
  });
  await failOneJob(t);
  const browser = await launchBrowser();
  return {
    t,
    base: server.url,
    feedUrl: `${fixtures.url}/feed.xml`,
    sourceId: source.id,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await fixtures.close();
      await t.cleanup();
    },
  };
}

/** Logs the admin in through the form; the context bypasses CSP only when axe is to be injected. */
export async function loggedInPage(app: A11yApp, locale: string, options: { axe: boolean }): Promise<Page> {
  const context = await app.browser.newContext({ locale, bypassCSP: options.axe });
  const page = await context.newPage();
  await page.goto(`${app.base}/login`);
  await page.fill('#email', A11Y_ADMIN);
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${app.base}/`), page.press('#password', 'Enter')]);
  return page;
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/**
 * Runs axe on the page as it stands; one readable line per violation (empty: none). The script tag is refused by
 * the dashboard's CSP, so the page's context must have been made with `bypassCSP`.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_FILE });
  const result = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<AxeResult> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, WCAG_TAGS);
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`,
  );
}

/**
 * axe on the login form and the statement (anonymous), every logged-in page and a source preview's result, in one
 * language. Returns what was checked, skipped (404) and found (violations, or a page that did not answer 200).
 */
export async function auditEveryPage(
  app: A11yApp,
  lang: 'sv' | 'en',
): Promise<{ checked: string[]; skipped: string[]; found: string[] }> {
  const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
  const checked: string[] = [];
  const skipped: string[] = [];
  const found: string[] = [];
  const anonymous = await (await app.browser.newContext({ locale, bypassCSP: true })).newPage();
  for (const path of [`/login?lang=${lang}`, `/accessibility?lang=${lang}`]) {
    const status = (await anonymous.goto(`${app.base}${path}`))?.status();
    if (status !== 200) found.push(`${path} (anonymous): answered ${status}`);
    else found.push(...(await axeViolations(anonymous)).map((v) => `${path} (anonymous): ${v}`));
    checked.push(`${path} (anonymous)`);
  }
  await anonymous.context().close();

  const page = await loggedInPage(app, locale, { axe: true });
  for (const path of PAGES) {
    const url = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
    const status = (await page.goto(`${app.base}${url}`))?.status();
    if (status === 404) {
      skipped.push(path);
      continue;
    }
    if (status !== 200) {
      found.push(`${url}: answered ${status}`);
      continue;
    }
    // Charts and tables drawn from the API must be on the page before axe reads it.
    await page.waitForLoadState('networkidle');
    found.push(...(await axeViolations(page)).map((v) => `${url}: ${v}`));
    checked.push(url);
  }
  await page.goto(`${app.base}/sources?lang=${lang}`);
  await page.fill('#preview-target', app.feedUrl);
  await Promise.all([page.waitForURL(`${app.base}/sources/preview`), page.click('#preview-target ~ button')]);
  await page.waitForSelector('#preview-result');
  found.push(...(await axeViolations(page)).map((v) => `POST /sources/preview (${lang}): ${v}`));
  checked.push(`POST /sources/preview (${lang})`);
  await page.context().close();
  return { checked, skipped, found };
}
