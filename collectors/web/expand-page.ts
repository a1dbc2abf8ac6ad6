/**
 * Brings more items onto the page: clicks "load more" while it is offered, else scrolls to the bottom, up to
 * `scrolls` rounds, and stops early once `maxItems` are there or a round adds nothing.
 */
import type { Page } from 'playwright-core';
import type { WebConfig } from './web-config.ts';

/** How long one round may take to show new items. */
const ROUND_MS = 3_000;

const countItems = (page: Page, selector: string) => page.$$eval(selector, (elements) => elements.length);

async function moreButton(page: Page, selector: string | undefined) {
  if (!selector) return null;
  const button = page.locator(selector).first();
  return (await button.isVisible()) ? button : null;
}

/** Returns true when items were left behind (more than `maxItems`, or "load more" still offered). */
export async function expandPage(page: Page, config: WebConfig): Promise<boolean> {
  let count = await countItems(page, config.item);
  for (let round = 0; round < config.scrolls && count < config.maxItems; round += 1) {
    const button = await moreButton(page, config.more);
    if (button) await button.click({ timeout: ROUND_MS });
    else await page.mouse.wheel(0, 100_000);
    const grew = await page
      .waitForFunction(
        ([selector, before]) => document.querySelectorAll(selector).length > before,
        [config.item, count] as const,
        { timeout: ROUND_MS, polling: 100 },
      )
      .then(() => true)
      .catch(() => false);
    if (!grew) break;
    count = await countItems(page, config.item);
  }
  return count > config.maxItems || (await moreButton(page, config.more)) !== null;
}
