/**
 * Prints the report page to PDF with Debian's Chromium. The Express app is served for the render on its own
 * ephemeral 127.0.0.1 port (so the dashboard, the CLI and the weekly worker render alike, whatever address the
 * dashboard listens on); Chromium gets a one-time grant for the one page load and may reach nothing but that
 * server. One browser per render, closed in `finally`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumLaunchError } from '../../core/chromium.ts';
import type { Redis } from '../../core/redis.ts';
import type { Locale } from '../locale.ts';
import type { ReportQuery } from '../params.ts';
import { reportSearch } from '../views/report.ts';
import { issueRenderGrant, RENDER_HEADER, revokeRenderGrant } from './render-grants.ts';

export interface RenderPdfOptions {
  app: Express;
  redis: Redis;
  /** Redis key prefix of the app's auth settings (the grant must be where the app looks for it). */
  keyPrefix: string;
  chromiumPath: string;
  query: ReportQuery;
  locale: Locale;
  /** Who asked (audit label of the grant). */
  requester: string;
  /** Bound on the whole render; default 60 s. */
  timeoutMs?: number;
}

async function listenLoopback(app: Express): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

export async function renderReportPdf(options: RenderPdfOptions): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1_000, deadline - Date.now());
  const server = await listenLoopback(options.app);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const search = reportSearch(options.query, { lang: options.locale });
  const pageUrl = `${origin}/report?${search}`;
  const token = await issueRenderGrant(options.redis, options.keyPrefix, {
    search,
    requester: options.requester,
  });
  const release = async () => {
    await revokeRenderGrant(options.redis, options.keyPrefix, token).catch(() => undefined);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  // Without a browser there is no PDF; the server and grant must not outlive the failure (they kept the CLI alive).
  const browser = await chromium
    .launch({
      executablePath: options.chromiumPath,
      headless: true,
      timeout: left(),
      args: [...CHROMIUM_ARGS],
    })
    .catch(async (error: unknown) => {
      await release();
      throw chromiumLaunchError(options.chromiumPath, error);
    });
  try {
    const context = await browser.newContext({
      locale: options.locale === 'sv' ? 'sv-SE' : 'en-GB',
      timezoneId: 'Europe/Stockholm',
      serviceWorkers: 'block',
    });
    try {
      const page = await context.newPage();
      await page.route('**/*', async (route) => {
        const request = route.request();
        if (new URL(request.url()).origin !== origin) return route.abort('blockedbyclient');
        // Only the report document carries the grant; assets on /static and /vendor need no login.
        if (request.isNavigationRequest() && new URL(request.url()).pathname === '/report') {
          return route.continue({ headers: { ...request.headers(), [RENDER_HEADER]: token } });
        }
        return route.continue();
      });
      await page.emulateMedia({ media: 'print' });
      const response = await page.goto(pageUrl, { waitUntil: 'load', timeout: left() });
      if (!response || response.status() !== 200) {
        throw new Error(`report page answered ${response?.status() ?? 'nothing'}`);
      }
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: left() });
      const chartError = await page.getAttribute('html', 'data-chart-error');
      if (chartError) throw new Error(`report charts failed: ${chartError}`);
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        tagged: true,
        outline: true,
        margin: { top: '15mm', bottom: '18mm', left: '14mm', right: '14mm' },
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="font-size:8px;width:100%;text-align:center;color:#555">' +
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      });
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
    await release();
  }
}
