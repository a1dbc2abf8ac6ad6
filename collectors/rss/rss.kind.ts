/** Source kind `rss`: RSS 0.9x/1.0/2.0 and Atom feeds (also YouTube channel and podcast feeds), conditional GET. */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { parseTargetUrl } from '../http/target-url.ts';
import type { SourceKindModule } from '../source-kind.ts';
import { decodeFeedBody, type DecodedBody } from './decode-body.ts';
import { parseFeed } from './parse-feed.ts';

const configSchema = z.object({}).strict();

/** Text that came out as U+FFFD, or was read in another encoding than labelled, is worth an operator's look. */
function reportDecoding(logger: Logger, decoded: DecodedBody): void {
  const { encoding, source, ignored } = decoded;
  if (decoded.notUtf8)
    logger.warn(
      { encoding, source, ignored },
      'feed bytes are not UTF-8 as labelled or assumed; read as encoding',
    );
  if (decoded.replacedShare > 0) {
    // Rounded up, so one bad byte in a large feed still reads as more than nothing.
    const replacedShare = Math.ceil(decoded.replacedShare * 10_000) / 10_000;
    logger.warn(
      { encoding, source, ignored, replacedShare },
      'feed has bytes its charset cannot read; they are stored as U+FFFD',
    );
  }
}

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
  async collect({ source, http, logger }) {
    const fetched = await http.get({
      url: source.url,
      etag: source.etag,
      lastModified: source.last_modified,
    });
    if (fetched.status === 'not-modified') return { status: 'not-modified' };
    const decoded = decodeFeedBody(fetched.body, fetched.contentType);
    reportDecoding(logger, decoded);
    const feed = await parseFeed(decoded.text);
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
