/**
 * One page in its own browser context: navigate, check the selectors, scroll or click "load more" up to the
 * limits, read the items and take the evidence snapshot. Each step has a time limit (page-watch.ts), so a page whose
 * scripts keep the renderer busy fails the step it is in, named; the context is ended for certain (end-context.ts)
 * before this returns, whatever happened, so the host's turn is given back only once the page can load nothing
 * more. The job's signal ends the page early, and a page loading more than the byte cap is stopped as `too-large`.
 */
import type { CDPSession, Page, Response } from 'playwright-core';
import { BadInputError, TransientError } from '../../core/errors.ts';
import { forbiddenAddress } from '../../core/net/address-guard.ts';
import { readItems, type RawItem } from './extract-items.ts';
import { contextEnd } from './end-context.ts';
import { resolveChecked } from './guard-proxy.ts';
import { expandPage } from './expand-page.ts';
import { StepTimeoutError, watchPage, type PageWatch } from './page-watch.ts';
import { takeSnapshot, type Snapshot } from './take-snapshot.ts';
import type { BrowserSession } from './web-browser.ts';
import { selectorsOf, type WebConfig } from './web-config.ts';

/**
 * Longest single browser step (navigation, checking the selectors, reading the items, the snapshot), and longest
 * time the page may leave a trivial script unanswered; the job's signal bounds the whole.
 */
export const STEP_TIMEOUT_MS = 20_000;
/** How long a page that found no first item gets to answer, to tell a stuck page from one without matches. */
const ANSWER_MS = 2_000;
/** How long the first item (or `wait`) may take to appear after the document loaded. */
const FIRST_ITEM_MS = 10_000;

export interface RenderedPage {
  items: RawItem[];
  snapshot: Snapshot;
  /** More items were on the page than `maxItems`, or a "load more" was still offered. */
  truncated: boolean;
}

/** Bad CSS is only known to the browser; checked on an empty fragment so the page's content plays no part. */
async function checkSelectors(page: Page, config: WebConfig): Promise<void> {
  const bad = await page.evaluate((selectors: [string, string][]) => {
    const fragment = document.createDocumentFragment();
    return selectors.filter(([, selector]) => {
      try {
        fragment.querySelector(selector);
        return false;
      } catch {
        return true;
      }
    });
  }, selectorsOf(config));
  const [first] = bad;
  if (first)
    throw new BadInputError(
      'bad-selector',
      `-o ${first[0]}=${JSON.stringify(first[1].slice(0, 200))} is not a valid CSS selector`,
    );
}

function checkStatus(response: Response | null, url: string): void {
  if (!response) return;
  const status = response.status();
  if (response.headers()['x-ryktesradar-guard'] === 'refused')
    throw new BadInputError('forbidden-address', `the address guard refused ${new URL(url).host}`);
  if (status === 429 || status === 408 || status >= 500)
    throw new TransientError(
      status === 429 ? 'rate-limited' : `http-${status}`,
      `HTTP ${status} from ${url}`,
    );
  if (status >= 400) throw new BadInputError(`http-${status}`, `HTTP ${status} from ${url}`);
}

/** Counts every byte the page receives (CDP `Network.dataReceived`, as it streams) and calls `onOver` once. */
async function countBytes(cdp: CDPSession, maxBytes: number, onOver: () => void) {
  await cdp.send('Network.enable');
  let total = 0;
  cdp.on('Network.dataReceived', (event) => {
    total += event.dataLength;
    if (total > maxBytes) onOver();
  });
  return () => total;
}

/** Waits for `wait` (default `item`); nothing within FIRST_ITEM_MS is `no-match`, unless the page is stuck. */
async function waitForFirstItem(page: Page, config: WebConfig, watch: PageWatch, step: string) {
  const waitFor = config.wait ?? config.item;
  try {
    await page.waitForSelector(waitFor, { state: 'attached', timeout: FIRST_ITEM_MS });
  } catch (error) {
    if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
    if (!(await watch.answers(ANSWER_MS))) throw watch.stuckDuring(step, FIRST_ITEM_MS + ANSWER_MS);
    throw new BadInputError(
      'no-match',
      `nothing matched -o ${config.wait ? 'wait' : 'item'}=${JSON.stringify(waitFor.slice(0, 200))} ` +
        `within ${FIRST_ITEM_MS / 1000} s`,
    );
  }
}

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';

export async function renderPage(
  session: BrowserSession,
  url: string,
  config: WebConfig,
  signal: AbortSignal,
): Promise<RenderedPage> {
  // The page's own host is checked here for a clear reason; its subrequests are checked by the proxy.
  const host = new URL(url).hostname;
  const target = await resolveChecked(host, session.allowlist);
  if ('refused' in target) throw forbiddenAddress(host, host, target.refused);
  signal.throwIfAborted();

  const context = await session.browser.newContext({
    acceptDownloads: false,
    serviceWorkers: 'block',
    javaScriptEnabled: true,
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
  });
  const sessions: CDPSession[] = [];
  const ending = contextEnd(context, session.browser, () => sessions);
  // Aborted when the page must stop: the job's time is up, or the byte cap was passed.
  const stopped = new AbortController();
  let stop: 'too-large' | 'timeout' | null = null;
  const halt = (why: 'too-large' | 'timeout') => {
    stop ??= why;
    stopped.abort(new Error(why));
    ending.start();
  };
  const onAbort = () => halt('timeout');
  signal.addEventListener('abort', onAbort, { once: true });
  let watch: PageWatch | null = null;
  try {
    signal.throwIfAborted();
    await context.routeWebSocket(/.*/, (ws) => ws.close({ code: 1008, reason: 'blocked' }));
    await context.route(
      (u) => u.protocol !== 'http:' && u.protocol !== 'https:',
      (route) => route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    const cdp = await context.newCDPSession(page);
    sessions.push(cdp);
    const loaded = await countBytes(cdp, session.maxBytes, () => halt('too-large'));

    checkStatus(await page.goto(url, { waitUntil: 'domcontentloaded' }), url);
    const steps = watchPage(page, STEP_TIMEOUT_MS, stopped.signal);
    watch = steps;
    await steps.step('checking the selectors', () => checkSelectors(page, config));
    const first = 'waiting for the first item';
    await steps.step(first, () => waitForFirstItem(page, config, steps, first));
    // Rounds are bounded by `scrolls` and each wait in them; a stuck page by the watchdog.
    const truncated = await steps.step('loading more items', () => expandPage(page, config), null);
    const items = await steps.step('reading the items', () => readItems(page, config));
    const snapshot = await steps.step('taking the snapshot', () => takeSnapshot(page));
    if (loaded() > session.maxBytes) halt('too-large');
    if (stop) throw new Error(stop);
    return { items, snapshot, truncated };
  } catch (error) {
    if (stop === 'too-large')
      throw new BadInputError('too-large', `the page loaded more than the cap of ${session.maxBytes} bytes`);
    if (stop === 'timeout' || signal.aborted)
      throw new TransientError('timeout', `the page did not finish within the job's time (${url})`);
    if (error instanceof StepTimeoutError)
      throw new TransientError('timeout', `${error.message} (${url})`, { cause: error });
    if (error instanceof BadInputError || error instanceof TransientError) throw error;
    const message = firstLine(error);
    if (/ERR_TUNNEL_CONNECTION_FAILED|ERR_PROXY/.test(message))
      throw new BadInputError('forbidden-address', `the browser's proxy refused or could not reach ${url}`);
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new TransientError('timeout', message, { cause: error });
    throw new TransientError('browser', message, { cause: error });
  } finally {
    watch?.stop();
    signal.removeEventListener('abort', onAbort);
    // Awaited: the caller gives the host's turn back when this settles, so the page must be gone by then.
    await ending.finish();
  }
}
