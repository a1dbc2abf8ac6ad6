import type { Browser, BrowserContext, CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contextEnd } from './end-context.ts';

/**
 * A context whose close completes normally, only after its renderer is crashed, or never; counts the closes,
 * the crashes sent and whether the browser was closed.
 */
function fakes(closes: 'at once' | 'after a crash' | 'never') {
  const calls = { closes: 0, crashes: 0, browserClosed: false };
  let closed = () => undefined as void;
  const closing = new Promise<void>((resolve) => (closed = resolve));
  const context = {
    close: () => {
      calls.closes += 1;
      if (closes === 'at once') closed();
      return closing;
    },
    pages: () => [],
    newCDPSession: () => Promise.reject(new Error('not used')),
  } as unknown as BrowserContext;
  const session = {
    send: (method: string) => {
      if (method === 'Page.crash') {
        calls.crashes += 1;
        if (closes === 'after a crash') closed();
      }
      // A crashed renderer never answers.
      return new Promise<never>(() => undefined);
    },
  } as unknown as CDPSession;
  const browser = {
    close: async () => {
      calls.browserClosed = true;
    },
  } as unknown as Browser;
  return { context, session, browser, calls };
}

describe('contextEnd', () => {
  it('closes the context once, however often it is started', async () => {
    const { context, session, browser, calls } = fakes('at once');
    const end = contextEnd(context, browser, () => [session], 50);
    end.start();
    end.start();
    await expect(end.finish()).resolves.toBe('closed');
    expect(calls).toEqual({ closes: 1, crashes: 0, browserClosed: false });
  });

  it('waits for a close already under way instead of taking a second close as done', async () => {
    const { context, session, browser, calls } = fakes('after a crash');
    const end = contextEnd(context, browser, () => [session], 50);
    end.start();
    await expect(end.finish()).resolves.toBe('crashed');
    expect(calls).toEqual({ closes: 1, crashes: 1, browserClosed: false });
  });

  it('closes the browser when neither the close nor the crash ends the context', async () => {
    const { context, session, browser, calls } = fakes('never');
    const started = Date.now();
    await expect(contextEnd(context, browser, () => [session], 50).finish()).resolves.toBe('browser-closed');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toEqual({ closes: 1, crashes: 1, browserClosed: true });
  });
});
