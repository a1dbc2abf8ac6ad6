/** Source kind `telegram`: a public channel's web preview (t.me/s), paged backwards, with a message-id cursor. */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import { decodeBody } from '../rss/decode-body.ts';
import type { CollectedItem, SourceKindModule } from '../source-kind.ts';
import { parseChannelPage, type TelegramMessage } from './parse-channel-page.ts';
import { parseTelegramTarget } from './telegram-target.ts';
import { channelStateSchema, walkChannel } from './walk-channel.ts';
import { DEFAULT_PAGES, MAX_PAGES, parsePages } from '../page-limit.ts';

const configSchema = z
  .object({
    /** Preview pages (about 20 messages each) read per poll at most. */
    pages: z.number().int().min(1).max(MAX_PAGES).default(DEFAULT_PAGES),
  })
  .strict();
type TelegramConfig = z.infer<typeof configSchema>;

const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

function toItem(message: TelegramMessage): CollectedItem {
  return {
    externalId: String(message.id),
    url: message.url,
    title: null,
    text: message.text,
    author: message.author,
    publishedAt: message.publishedAt,
    metrics: message.views === null ? undefined : { views: message.views },
    context: message.context,
    media: message.media,
  };
}

export const telegramKind: SourceKindModule<TelegramConfig> = {
  kind: 'telegram',
  usage:
    'telegram <channel | @channel | https://t.me/s/<channel>>: a public channel preview; ' +
    `-o pages=N preview pages read per poll (1-${MAX_PAGES}, default ${DEFAULT_PAGES})`,
  configSchema,
  register(target, options) {
    const extra = Object.keys(options).filter((key) => key !== 'pages');
    if (extra.length > 0)
      throw new BadInputError('bad-option', `telegram takes only -o pages=N (got ${extra.join(', ')})`);
    const { channel, url } = parseTelegramTarget(target);
    return { url, name: `@${channel}`, config: { pages: parsePages(options['pages']) } };
  },
  async collect({ source, config, state, http, logger, signal }) {
    const { channel, url } = parseTelegramTarget(source.url);
    const cursor = channelStateSchema.safeParse(state);
    if (!cursor.success) logger.warn('stored telegram cursor is unreadable; starting from the newest page');
    const walk = await walkChannel({
      state: cursor.success ? cursor.data : {},
      maxPages: config.pages,
      signal,
      fetchPage: async (before) => {
        const pageUrl = before === undefined ? url : `${url}?before=${before}`;
        const fetched = await http.get({ url: pageUrl, accept: HTML_ACCEPT, signal });
        if (fetched.status === 'not-modified')
          throw new BadInputError('not-modified', `${pageUrl} answered 304 to an unconditional request`);
        return parseChannelPage(decodeBody(fetched.body, fetched.contentType), channel, fetched.finalUrl);
      },
    });
    logger.debug({ pages: walk.pagesRead, messages: walk.messages.length }, 'telegram channel read');
    return {
      status: 'ok',
      items: walk.messages.map(toItem),
      skipped: walk.skipped,
      state: walk.state,
      truncated: walk.truncated,
    };
  },
};
