/**
 * Media links and reach counts of one feed item (pure): RSS enclosures (podcast audio, images), Atom
 * `rel="enclosure"` links, Media RSS `media:content`/`media:thumbnail`/`media:group` (YouTube channel feeds),
 * `itunes:image`, and images/video/audio in the item's HTML. Kind by Media RSS `medium`, MIME type or extension.
 */
import type { MediaLink, PostMetrics } from '../source-kind.ts';
import { decodeEntities } from './html-entities.ts';

type Raw = Record<string, unknown>;

/** Where rss-parser copies the raw elements media are read from (custom item fields, arrays kept). */
const ENCLOSURES = 'ryktesradar:enclosures';
const LINKS = 'ryktesradar:links';
const CONTENTS = 'ryktesradar:media:content';
const THUMBNAILS = 'ryktesradar:media:thumbnail';
const GROUPS = 'ryktesradar:media:group';
const COMMUNITIES = 'ryktesradar:media:community';
const ITUNES_IMAGES = 'ryktesradar:itunes:image';

/** Custom item fields for rss-parser: the raw media elements, every occurrence kept. */
export const MEDIA_ITEM_FIELDS: [string, string, { keepArray: boolean }][] = [
  ['enclosure', ENCLOSURES],
  ['link', LINKS],
  ['media:content', CONTENTS],
  ['media:thumbnail', THUMBNAILS],
  ['media:group', GROUPS],
  ['media:community', COMMUNITIES],
  ['itunes:image', ITUNES_IMAGES],
].map(([from = '', to = '']) => [from, to, { keepArray: true }]);

/** Links kept per item before storage caps them again: a gallery page is not a post's media. */
export const MAX_MEDIA_PER_ITEM = 20;
const MAX_URL_CHARS = 2_048;
/** HTML scanned for `<img>` and friends per item; the text cap drops the rest anyway. */
const MAX_HTML_SCANNED = 1_000_000;

const EXTENSIONS: [RegExp, MediaLink['kind']][] = [
  [/^(jpe?g|png|gif|webp|avif|bmp|svg|heic|tiff?)$/, 'image'],
  [/^(mp4|m4v|mov|webm|mkv|avi|wmv|mpe?g|3gp|m3u8)$/, 'video'],
  [/^(mp3|m4a|aac|ogg|oga|opus|wav|flac|wma)$/, 'audio'],
];

/** image/video/audio/other from a Media RSS `medium`, a MIME type, or else the URL's file extension. */
export function mediaKind(
  type?: string | null,
  url?: string | null,
  medium?: string | null,
): MediaLink['kind'] {
  const declared = medium?.trim().toLowerCase();
  if (declared === 'image' || declared === 'video' || declared === 'audio') return declared;
  const mime = type?.split(';')[0]?.trim().toLowerCase() ?? '';
  const family = /^(image|video|audio)\//.exec(mime)?.[1];
  if (family === 'image' || family === 'video' || family === 'audio') return family;
  // Podcast feeds send Ogg Vorbis/Opus episodes as application/ogg.
  if (mime === 'application/ogg') return 'audio';
  const path = (url ?? '').split(/[?#]/)[0] ?? '';
  const extension = /\.([a-z0-9]{2,5})$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return EXTENSIONS.find(([pattern]) => pattern.test(extension))?.[1] ?? 'other';
}

const isObject = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** The string attributes of an xml2js element (`$`). */
function attrs(element: unknown): Record<string, string> {
  if (!isObject(element) || !isObject(element.$)) return {};
  return Object.fromEntries(
    Object.entries(element.$).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Inline data and script URLs are not links to media (and a data: URL can be megabytes). */
const usable = (url: string) => url.length <= MAX_URL_CHARS && !/^(data|javascript):/i.test(url);

const TAG = /<(img|video|audio|source)\b[^>]*>/gi;
const ATTRIBUTE = (name: string) =>
  new RegExp(String.raw`(?:^|\s)${name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`, 'i');
const SRC = ATTRIBUTE('src');
const TYPE = ATTRIBUTE('type');

/** `<img src>`, `<video src>`, `<audio src>` and `<source src type>` in an HTML fragment, in order. */
export function htmlMedia(html: string, max = MAX_MEDIA_PER_ITEM): MediaLink[] {
  const out: MediaLink[] = [];
  for (const match of html.slice(0, MAX_HTML_SCANNED).matchAll(TAG)) {
    const [tag, name = ''] = match;
    const src = SRC.exec(tag);
    const url = decodeEntities(src?.[1] ?? src?.[2] ?? src?.[3] ?? '').trim();
    if (!url || !usable(url)) continue;
    const lower = name.toLowerCase();
    const typeMatch = TYPE.exec(tag);
    const kind =
      lower === 'img'
        ? 'image'
        : lower === 'source'
          ? mediaKind(typeMatch?.[1] ?? typeMatch?.[2], url)
          : lower;
    out.push({ url, kind: kind as MediaLink['kind'] });
    if (out.length >= max) break;
  }
  return out;
}

/** media:content and media:thumbnail of an item or a media:group (thumbnails nested in media:content too). */
function mediaRss(contents: unknown[], thumbnails: unknown[], youtube: boolean): MediaLink[] {
  const out: MediaLink[] = [];
  for (const content of contents) {
    const { url, type, medium } = attrs(content);
    // YouTube's media:content is its retired Flash player; the watch page (the item's link) is the video.
    if (url && !(youtube && type === 'application/x-shockwave-flash'))
      out.push({ url, kind: mediaKind(type, url, medium) });
    if (isObject(content)) thumbnails = [...thumbnails, ...list(content['media:thumbnail'])];
  }
  for (const thumbnail of thumbnails) {
    const { url } = attrs(thumbnail);
    if (url) out.push({ url, kind: 'image' });
  }
  return out;
}

/**
 * Media links of a raw rss-parser item, deduplicated, at most MAX_MEDIA_PER_ITEM. `videoUrl`: the item's link when
 * the item is a YouTube video (it has a `yt:videoId`); `html`: the item's HTML bodies.
 */
export function itemMedia(raw: Raw, options: { videoUrl: string | null; html: string[] }): MediaLink[] {
  const found: MediaLink[] = [];
  const youtube = options.videoUrl !== null;
  if (options.videoUrl) found.push({ url: options.videoUrl, kind: 'video' });
  for (const enclosure of list(raw[ENCLOSURES])) {
    const { url, type } = attrs(enclosure);
    if (url) found.push({ url, kind: mediaKind(type, url) });
  }
  for (const link of list(raw[LINKS])) {
    const { rel, href, type } = attrs(link);
    if (rel === 'enclosure' && href) found.push({ url: href, kind: mediaKind(type, href) });
  }
  found.push(...mediaRss(list(raw[CONTENTS]), list(raw[THUMBNAILS]), youtube));
  for (const group of list(raw[GROUPS])) {
    if (isObject(group))
      found.push(...mediaRss(list(group['media:content']), list(group['media:thumbnail']), youtube));
  }
  for (const image of list(raw[ITUNES_IMAGES])) {
    const { href } = attrs(image);
    if (href) found.push({ url: href, kind: 'image' });
  }
  for (const html of options.html) found.push(...htmlMedia(html));
  const out: MediaLink[] = [];
  for (const link of found) {
    const url = link.url.trim();
    if (usable(url) && !out.some((m) => m.url === url)) out.push({ url, kind: link.kind });
    if (out.length >= MAX_MEDIA_PER_ITEM) break;
  }
  return out;
}

/** A non-negative whole count from an attribute, else undefined. */
function count(value: string | undefined): number | undefined {
  if (!value || !/^\s*\d{1,15}\s*$/.test(value)) return undefined;
  return Number(value);
}

/** Views and ratings of Media RSS `media:community` (YouTube: views, and the like count as starRating count). */
export function itemMetrics(raw: Raw): PostMetrics | undefined {
  const communities = [
    ...list(raw[COMMUNITIES]),
    ...list(raw[GROUPS]).flatMap((group) => (isObject(group) ? list(group['media:community']) : [])),
  ];
  const metrics: PostMetrics = {};
  for (const community of communities) {
    if (!isObject(community)) continue;
    const views = count(attrs(list(community['media:statistics'])[0]).views);
    const reactions = count(attrs(list(community['media:starRating'])[0]).count);
    if (views !== undefined) metrics.views = views;
    if (reactions !== undefined) metrics.reactions = reactions;
  }
  return Object.keys(metrics).length > 0 ? metrics : undefined;
}

/** The `media:description` (or title) of an item's first media:group, read when the item has no other text. */
export function groupText(raw: Raw, name: 'media:description' | 'media:title'): unknown {
  const group = list(raw[GROUPS]).find(isObject);
  return group ? list(group[name])[0] : undefined;
}
