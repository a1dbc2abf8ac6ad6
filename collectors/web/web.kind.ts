/**
 * Source kind `web`: a JavaScript-rendered public page read in Chromium with per-source CSS selectors, scrolled or
 * "load more"-clicked up to a limit, with an evidence snapshot (PNG + HTML) of the page as it was read.
 */
import { BadInputError } from '../../core/errors.ts';
import { parseTargetUrl } from '../http/target-url.ts';
import type { SourceKindModule } from '../source-kind.ts';
import { toCollectedItems } from './extract-items.ts';
import { renderPage } from './render-page.ts';
import { parseWebOptions, webConfigSchema, type WebConfig } from './web-config.ts';

export const webKind: SourceKindModule<WebConfig> = {
  kind: 'web',
  usage:
    'web <page URL> -o item=<css> -o text=<css> [-o author= time= link= more= wait=<css>] ' +
    '[-o scrolls=N (0-50, default 3)] [-o maxItems=N (1-1000, default 100)]: a rendered page',
  configSchema: webConfigSchema,
  register(target, options) {
    const url = parseTargetUrl(target);
    return { url: url.href, name: url.hostname, config: parseWebOptions(options) };
  },
  async collect({ source, config, browser, signal, http }) {
    if (!browser)
      throw new BadInputError('no-browser', 'web sources need a browser, which this process does not have');
    const session = await browser();
    // robots.txt and the host's turn hold for the page load as for any GET.
    const page = await http.visit(source.url, signal, () => renderPage(session, source.url, config, signal));
    const items = toCollectedItems(page.items);
    return {
      status: 'ok',
      items,
      skipped: [],
      baseUrl: page.snapshot.pageUrl,
      truncated: page.truncated,
      snapshots: [{ ...page.snapshot, externalIds: items.map((item) => item.externalId) }],
    };
  },
};
