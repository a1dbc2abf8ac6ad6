/**
 * The evidence snapshot of a page as it was read: a full-page PNG (height capped) and the rendered HTML (length
 * capped), with the time. Hashes are computed where it is stored, over the stored bytes.
 */
import type { Page } from 'playwright-core';
import type { PageSnapshot } from '../source-kind.ts';

/** Tallest screenshot in CSS pixels: an endless feed would otherwise make a PNG of tens of megabytes. */
export const MAX_SHOT_HEIGHT = 12_000;
/** Longest HTML kept, in UTF-16 code units (about 2 MB of text). */
export const MAX_HTML_CHARS = 2_000_000;

export type Snapshot = Omit<PageSnapshot, 'externalIds'>;

const dimension = (value: unknown, cap: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.max(1, Math.min(Math.round(value), cap)) : cap;

export async function takeSnapshot(page: Page): Promise<Snapshot> {
  const takenAt = new Date();
  const html = await page.content();
  const size = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const png = await page.screenshot({
    fullPage: true,
    animations: 'disabled',
    clip: {
      x: 0,
      y: 0,
      // The page reports its own size: a hostile one could say anything, so both sides are bounded.
      width: dimension(size.width, viewport.width),
      height: dimension(size.height, MAX_SHOT_HEIGHT),
    },
  });
  return {
    pageUrl: page.url(),
    takenAt,
    png: new Uint8Array(png),
    html: html.slice(0, MAX_HTML_CHARS),
    htmlTruncated: html.length > MAX_HTML_CHARS,
  };
}
