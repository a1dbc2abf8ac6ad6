/**
 * One Chromium per process, launched on first use together with its guard proxy, and closed with the process.
 * Every request the browser makes, loopback included, goes through the proxy.
 */
import { chromium, type Browser } from 'playwright-core';
import type { Logger } from '../../core/logger.ts';
import { parseAllowlist, type Allowlist } from '../../core/net/address-guard.ts';
import { startGuardProxy, type GuardProxy } from './guard-proxy.ts';
import { CHROMIUM_ARGS, chromiumLaunchError } from '../../core/chromium.ts';

export interface WebBrowserOptions {
  chromiumPath: string;
  /** Raw FETCH_ALLOWLIST. */
  fetchAllowlist: string;
  /** Cap per response or tunnel in the proxy (the page total is capped per poll by the kind). */
  maxBytes: number;
  /** Sent with every request the browser makes. */
  userAgent: string;
  logger: Logger;
}

/** What a kind that renders pages gets: the browser and the limits its pages live under. */
export interface BrowserSession {
  browser: Browser;
  /** Bytes one page may load in all (documents, scripts, images…), after decoding. */
  maxBytes: number;
  /** The parsed FETCH_ALLOWLIST, to check a page's own host before navigating. */
  allowlist: Allowlist;
}

export interface WebBrowser {
  /** The running browser, launched (with its proxy) on the first call. */
  get(): Promise<BrowserSession>;
  close(): Promise<void>;
}

const BROWSER_ARGS = [
  ...CHROMIUM_ARGS,
  // Chromium sends loopback straight out by default; the guard must see those requests too.
  '--proxy-bypass-list=<-loopback>',
];

export function createWebBrowser(options: WebBrowserOptions): WebBrowser {
  const allowlist = parseAllowlist(options.fetchAllowlist);
  let running: Promise<{ browser: Browser; proxy: GuardProxy }> | null = null;

  async function launch(): Promise<{ browser: Browser; proxy: GuardProxy }> {
    const proxy = await startGuardProxy({
      allowlist,
      logger: options.logger,
      // A backstop for runaway streams: the kind's own count stops a page at `maxBytes` with a clear reason first.
      maxBytesPerConnection: 2 * options.maxBytes,
    });
    try {
      const browser = await chromium.launch({
        executablePath: options.chromiumPath,
        headless: true,
        timeout: 30_000,
        args: [...BROWSER_ARGS, `--user-agent=${options.userAgent}`],
        proxy: { server: proxy.url },
      });
      browser.on('disconnected', () => {
        // A crashed browser is relaunched by the next job.
        running = null;
        proxy.close().catch(() => undefined);
      });
      return { browser, proxy };
    } catch (error) {
      await proxy.close();
      throw chromiumLaunchError(options.chromiumPath, error);
    }
  }

  return {
    get: async () => {
      running ??= launch().catch((error: unknown) => {
        running = null;
        throw error;
      });
      const { browser } = await running;
      return { browser, maxBytes: options.maxBytes, allowlist };
    },
    close: async () => {
      const current = running;
      running = null;
      if (!current) return;
      const { browser, proxy } = await current.catch(() => ({ browser: null, proxy: null }));
      await browser?.close().catch(() => undefined);
      await proxy?.close();
    },
  };
}
