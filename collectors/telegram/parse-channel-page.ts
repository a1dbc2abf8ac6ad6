/**
 * One t.me/s preview page → its messages (pure, cheerio; nothing in the page runs). Per `.tgme_widget_message`:
 * id from `data-post`, own text (not the quoted reply), time, views, forwarded-from, reply link, media and
 * signature; plus the "load more" cursor to the next older page. Service messages and posts without text are
 * returned as skipped, with the reason.
 */
import * as cheerio from 'cheerio';
import { BadInputError } from '../../core/errors.ts';
import { htmlToText } from '../rss/html-to-text.ts';
import { FORWARDED_NOT_PUBLIC, type MediaLink, type PostContext, type SkippedItem } from '../source-kind.ts';
import { parseViewCount } from './parse-view-count.ts';

export interface TelegramMessage {
  id: number;
  /** `https://t.me/<channel>/<id>`. */
  url: string;
  text: string;
  /** The signature of a signed post, else the channel. */
  author: string;
  publishedAt: Date | null;
  views: number | null;
  context: PostContext;
  media: MediaLink[];
}

export interface ChannelPage {
  /** In page order (oldest first, as Telegram sends them). */
  messages: TelegramMessage[];
  skipped: SkippedItem[];
  /** Every message id on the page, skipped ones included: paging stops on these. */
  ids: number[];
  /** `?before=` value of the "load more" link; null on the channel's first page. */
  before: number | null;
}

export { FORWARDED_NOT_PUBLIC };

const POST = /^([A-Za-z0-9_]{1,64})\/(\d{1,15})$/;
const BACKGROUND_URL = /background-image\s*:\s*url\(\s*(['"]?)([^'")]+)\1\s*\)/i;

type Selection = ReturnType<cheerio.CheerioAPI>;

/** An http(s) URL resolved against the page, or null. */
function absolute(raw: string | undefined, base: string): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function backgroundUrl(style: string | undefined, base: string): string | null {
  const match = style ? BACKGROUND_URL.exec(style) : null;
  return absolute(match?.[2], base);
}

/** The message's own text element: not the quoted text of the message it replies to, not a nested double. */
function ownText($: cheerio.CheerioAPI, message: Selection): string {
  const element = message
    .find('.tgme_widget_message_text')
    .filter(
      (_, el) =>
        $(el).closest('.tgme_widget_message_reply').length === 0 &&
        $(el).parents('.tgme_widget_message_text').length === 0,
    )
    .first();
  return element.length > 0 ? htmlToText(element.html() ?? '') : '';
}

function mediaOf($: cheerio.CheerioAPI, message: Selection, base: string): MediaLink[] {
  const media: MediaLink[] = [];
  const add = (url: string | null, kind: MediaLink['kind']) => {
    if (url && !media.some((m) => m.url === url)) media.push({ url, kind });
  };
  const own = (selector: string) =>
    message.find(selector).filter((_, el) => $(el).closest('.tgme_widget_message_reply').length === 0);
  own('.tgme_widget_message_photo_wrap').each((_, el) =>
    add(backgroundUrl($(el).attr('style'), base), 'image'),
  );
  own('video[src]').each((_, el) => add(absolute($(el).attr('src'), base), 'video'));
  // The thumbnail is a still image of the video: kept as an image so its text can be read.
  own('.tgme_widget_message_video_thumb, .tgme_widget_message_roundvideo_thumb').each((_, el) =>
    add(backgroundUrl($(el).attr('style'), base), 'image'),
  );
  return media;
}

/** A public username in a forward's link (`t.me/<name>/<id>`, `t.me/s/<name>`): letters, digits, _. */
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{2,63}$/;

/**
 * The channel a forward's link names, in the form a post author has (the bare channel, as in `data-post`), so a
 * channel has one pseudonym whether it posted or was forwarded; null for a link without a public username.
 */
export function forwardedChannel(link: string): string | null {
  let parts: string[];
  try {
    parts = new URL(link).pathname.split('/').filter(Boolean);
  } catch {
    return null;
  }
  const name = parts[0] === 's' ? parts[1] : parts[0];
  // `t.me/joinchat/…` is an invite, not a username.
  return name !== undefined && name !== 'joinchat' && USERNAME.test(name) ? name : null;
}

function contextOf(message: Selection, base: string): PostContext {
  const context: PostContext = {};
  const forwarded = message.find('.tgme_widget_message_forwarded_from_name').first();
  if (forwarded.length > 0) {
    const link = absolute(forwarded.attr('href') ?? forwarded.find('a[href]').attr('href'), base);
    context.forwardedFrom = (link === null ? null : forwardedChannel(link)) ?? FORWARDED_NOT_PUBLIC;
  }
  const reply = absolute(message.find('a.tgme_widget_message_reply').first().attr('href'), base);
  if (reply) context.replyTo = reply;
  return context;
}

function timeOf(message: Selection): Date | null {
  const raw =
    message.find('.tgme_widget_message_date time[datetime]').first().attr('datetime') ??
    message.find('.tgme_widget_message_meta time[datetime]').first().attr('datetime');
  if (!raw) return null;
  const time = new Date(raw);
  return Number.isNaN(time.getTime()) ? null : time;
}

/** The older-page link; a page read with `?before=` also has a newer-page link (`data-after`), ignored here. */
function beforeCursor($: cheerio.CheerioAPI): number | null {
  for (const el of $('a.tme_messages_more').toArray()) {
    const link = $(el);
    const raw = link.attr('data-before') || /[?&]before=(\d+)/.exec(link.attr('href') ?? '')?.[1];
    if (raw && /^\d{1,15}$/.test(raw)) return Number(raw);
  }
  return null;
}

/**
 * Parses a preview page of `channel` fetched from `pageUrl` (base for relative links). Throws BadInputError
 * `not-a-channel-page` when the page is no channel preview (a landing page, an error page, garbage).
 */
export function parseChannelPage(html: string, channel: string, pageUrl: string): ChannelPage {
  const $ = cheerio.load(html);
  const blocks = $('.tgme_widget_message[data-post]');
  if (blocks.length === 0 && $('.tgme_channel_history, .tgme_channel_info').length === 0) {
    throw new BadInputError(
      'not-a-channel-page',
      `no channel preview at ${pageUrl.slice(0, 200)} (no messages and no channel header)`,
    );
  }
  const page: ChannelPage = { messages: [], skipped: [], ids: [], before: beforeCursor($) };
  const channelKey = channel.toLowerCase();
  blocks.each((_, el) => {
    const message = $(el);
    const post = POST.exec(message.attr('data-post') ?? '');
    if (!post || post[1]?.toLowerCase() !== channelKey) {
      page.skipped.push({
        externalId: (message.attr('data-post') ?? '?').slice(0, 100),
        reason: 'data-post is not a message of this channel',
      });
      return;
    }
    const id = Number(post[2]);
    const externalId = String(id);
    page.ids.push(id);
    if (message.hasClass('service_message')) {
      page.skipped.push({ externalId, reason: 'service message' });
      return;
    }
    const text = ownText($, message);
    const media = mediaOf($, message, pageUrl);
    // A photo without a caption is kept: the campaign travels as screenshots, read later by OCR.
    if (!text && !media.some((m) => m.kind === 'image')) {
      page.skipped.push({ externalId, reason: 'no text and no image (sticker, voice or empty post)' });
      return;
    }
    const signature = message.find('.tgme_widget_message_from_author').first().text().trim();
    page.messages.push({
      id,
      url: `https://t.me/${channel}/${id}`,
      text,
      author: signature || channel,
      publishedAt: timeOf(message),
      views: parseViewCount(message.find('.tgme_widget_message_views').first().text()),
      context: contextOf(message, pageUrl),
      media,
    });
  });
  return page;
}
