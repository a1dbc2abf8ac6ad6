/** Source kind `rss`: RSS 0.9x/1.0/2.0 and Atom feeds (also YouTube channel and podcast feeds), conditional GET. */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import { parseTargetUrl } from '../http/target-url.ts';
import type { SourceKindModule } from '../source-kind.ts';
import { decodeBody } from './decode-body.ts';
import { parseFeed } from './parse-feed.ts';

const configSchema = z.object({}).strict();

export const rssKind: SourceKindModule<z.infer<typeof configSchema>> = {
  kind: 'rss',
  usage: 'rss <feed URL>: an RSS or Atom feed (no options)',
  configSchema,
  register(target, options) {
    const extra = Object.keys(options);
    if (extra.length > 0)
      throw new BadInputError('bad-option', `rss takes no -o options (got ${extra.join(', ')})`);
    const url = parseTargetUrl(target);
    return { url: url.href, name: url.hostname, config: {} };
  },
  async collect({ source, http }) {
    const fetched = await http.get({
      url: source.url,
      etag: source.etag,
      lastModified: source.last_modified,
    });
    if (fetched.status === 'not-modified') return { status: 'not-modified' };
    const feed = await parseFeed(decodeBody(fetched.body, fetched.contentType));
    return {
      status: 'ok',
      items: feed.items,
      skipped: [],
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      baseUrl: fetched.finalUrl,
      truncated: feed.truncated,
    };
  },
};
