/**
 * Items out of a rendered page: one `$$eval` in the page reads text, author, time and link per item element; what
 * comes back is page content (outside input), so it is validated and bounded here before it becomes items.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { leadingChars } from '../../core/text.ts';
import type { CollectedItem } from '../source-kind.ts';
import type { WebConfig } from './web-config.ts';

const MAX_TEXT = 20_000;
const MAX_FIELD = 2_000;

const rawItemSchema = z.object({
  text: z.string().nullable(),
  author: z.string().nullable(),
  time: z.string().nullable(),
  link: z.string().nullable(),
});
export type RawItem = z.infer<typeof rawItemSchema>;
const rawItemsSchema = z.array(rawItemSchema);

interface InPageArgs {
  text: string;
  author: string | null;
  time: string | null;
  link: string | null;
  max: number;
}

/**
 * Runs in the page (serialised by Playwright): no closures over Node values, and no named inner functions,
 * which tsx would wrap in a helper the page does not have.
 */
function readInPage(elements: Element[], args: InPageArgs): RawItem[] {
  return elements.slice(0, args.max).map((root) => {
    const [textEl, authorEl, timeEl, linkEl] = [args.text, args.author, args.time, args.link].map(
      (selector) => (selector ? root.querySelector(selector) : null),
    );
    const [text, author, time] = [textEl, authorEl, timeEl].map((el) =>
      el ? (el instanceof HTMLElement ? el.innerText : (el.textContent ?? '')) : null,
    );
    const href = linkEl?.getAttribute('href') ?? null;
    let link: string | null = null;
    if (href !== null) {
      try {
        link = new URL(href, document.baseURI).href;
      } catch {
        link = null;
      }
    }
    return {
      text: text ?? null,
      author: author ?? null,
      time: timeEl?.getAttribute('datetime') ?? time ?? null,
      link,
    };
  });
}

/**
 * Reads up to `config.maxItems` items from the page as it is now. No time limit of its own (`$$eval` has none, and
 * a page whose script never yields does not answer it): the caller runs it as a step (page-watch.ts).
 */
export async function readItems(page: Page, config: WebConfig): Promise<RawItem[]> {
  const raw: unknown = await page.$$eval(config.item, readInPage, {
    text: config.text,
    author: config.author ?? null,
    time: config.time ?? null,
    link: config.link ?? null,
    max: config.maxItems,
  });
  // The page's own scripts can tamper with what the DOM returns: anything off-shape is dropped as a whole.
  return rawItemsSchema.parse(raw);
}

const trimmed = (value: string | null): string | null => value?.replace(/[ \t]+\n/g, '\n').trim() || null;

/** Trimmed and cut at `max` UTF-16 units, never inside an emoji's surrogate pair. */
const clip = (value: string | null, max: number): string | null => {
  const text = trimmed(value);
  return text === null ? null : leadingChars(text, max);
};

function parseTime(raw: string | null): Date | null {
  if (!raw) return null;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? new Date(at) : null;
}

function httpLink(raw: string | null): string | null {
  if (!raw || raw.length > MAX_FIELD) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Raw page items → collected items (pure). The external id is the item's link (fragment kept: forums link posts
 * as `thread#post-17`), else a hash of author, time and text, so an unchanged post keeps its id between polls.
 */
export function toCollectedItems(raw: readonly RawItem[]): CollectedItem[] {
  return raw.map((item) => {
    const text = clip(item.text, MAX_TEXT) ?? '';
    const author = clip(item.author, MAX_FIELD);
    const time = clip(item.time, MAX_FIELD);
    // A link is never cut: a cut link names another page (an over-long one is dropped by httpLink).
    const link = httpLink(trimmed(item.link));
    const externalId =
      link ??
      `sha256:${createHash('sha256')
        .update(JSON.stringify([author, time, text]))
        .digest('hex')}`;
    return {
      externalId,
      url: link,
      title: null,
      text,
      author,
      publishedAt: parseTime(time),
    };
  });
}
