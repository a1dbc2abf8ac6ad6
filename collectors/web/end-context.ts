/**
 * Ending a page's browser context for certain, so no renderer of a poll outlives it: the context is closed; a
 * renderer stuck so hard that the close does not complete is crashed from the browser's side (`Page.crash`); as a
 * last resort the whole browser is closed (web-browser.ts launches a new one for the next poll).
 */
import type { Browser, BrowserContext, CDPSession } from 'playwright-core';

/** Longest wait for each way of ending the context before the next, harder one is tried. */
export const END_STAGE_MS = 5_000;

/** How the context ended: closed as asked, after its renderers were crashed, with the browser, or not known. */
export type Ending = 'closed' | 'crashed' | 'browser-closed' | 'gave-up';

export interface ContextEnd {
  /** Starts closing the context (at most once); returns at once. */
  start(): void;
  /** Closes the context, harder as needed, and settles (never rejects) once it is gone or nothing more can be done. */
  finish(): Promise<Ending>;
}

/** True when `promise` settles within `ms` (either way); never rejects. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const settled = () => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(settled, settled);
  });
}

/**
 * Ends `context` of `browser`. `sessions` gives the CDP sessions already open on its pages (a stuck renderer may
 * not let a new one attach). Playwright's `context.close()` returns at once when a close is already under way, so
 * the first close is kept and waited for here.
 */
export function contextEnd(
  context: BrowserContext,
  browser: Browser,
  sessions: () => readonly CDPSession[],
  stageMs = END_STAGE_MS,
): ContextEnd {
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= context.close());
  let finished: Promise<Ending> | null = null;

  async function end(): Promise<Ending> {
    const closed = close();
    if (await settlesWithin(closed, stageMs)) return 'closed';
    // A crashed renderer answers nothing: the crash is sent, not awaited; the close then completes. Every page
    // (popups the page opened included) also gets a new session for it, in case the open ones are gone.
    const crash = (session: CDPSession) => session.send('Page.crash').catch(() => undefined);
    for (const session of sessions()) void crash(session);
    for (const page of context.pages()) context.newCDPSession(page).then(crash, () => undefined);
    if (await settlesWithin(closed, stageMs)) return 'crashed';
    if (await settlesWithin(browser.close(), stageMs)) return 'browser-closed';
    return 'gave-up';
  }

  return {
    start() {
      close().catch(() => undefined);
    },
    finish: () => (finished ??= end()),
  };
}
