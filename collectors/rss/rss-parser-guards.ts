/**
 * Guards around rss-parser 3.13 internals that throw on input a feed reader should survive: an Atom date that
 * `new Date()` cannot read (RangeError, whole feed lost), `<link>`s without attributes (TypeError), `<rss>` without
 * `<channel>` (TypeError; items right under `<rss>` are salvaged); text elements with child elements or base64 content
 * are made readable first (xml-text.ts). Each guard checks the method exists, so a future version without it just runs unguarded.
 */
import type Parser from 'rss-parser';
import { withTextElements } from './xml-text.ts';

type XmlObject = Record<string, unknown>;

/** Key under which the guarded Atom entry keeps its raw date (published, updated or Atom 0.3's issued/modified). */
export const RAW_ATOM_DATE = 'ryktesradar:rawDate';

function isObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasAttributes(link: unknown): boolean {
  return isObject(link) && isObject(link.$);
}

/** The first string of an xml2js element array (`['2026-…']` or `[{ _: '2026-…', $: {…} }]`). */
function firstString(value: unknown): string | null {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  if (typeof first === 'string') return first;
  if (isObject(first) && typeof first._ === 'string') return first._;
  return null;
}

/** True when rss-parser would call `new Date(x).toISOString()` on this element and that would throw. */
function breaksRssParserDate(value: unknown): boolean {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  return typeof first === 'string' && first.length > 0 && Number.isNaN(new Date(first).getTime());
}

/** Links as rss-parser can read them: `<link>http://…</link>` becomes `{ $: { href } }`, empty ones go. */
function withUsableLinks(element: XmlObject): XmlObject {
  if (!Array.isArray(element.link)) return element;
  const links = element.link.map((link: unknown) =>
    typeof link === 'string' && link.trim() ? { $: { href: link.trim() } } : link,
  );
  return { ...element, link: links.filter(hasAttributes) };
}

/** A `<channel>` element, possibly empty (xml2js gives `''` for `<channel/>`, which rss-parser reads fine). */
function hasChannel(root: XmlObject): boolean {
  const channel: unknown = Array.isArray(root.channel) ? root.channel[0] : undefined;
  return isObject(channel) || typeof channel === 'string';
}

/** `<rss>` or `<rdf:RDF>` with the text elements of its channel and items made readable (see xml-text.ts). */
function withReadableText(root: XmlObject): XmlObject {
  const items = (list: unknown) =>
    Array.isArray(list)
      ? list.map((item: unknown) => (isObject(item) ? withTextElements(item) : item))
      : list;
  const out: XmlObject = { ...root, item: items(root.item) };
  if (Array.isArray(root.channel)) {
    out.channel = root.channel.map((channel: unknown) =>
      isObject(channel) ? { ...withTextElements(channel), item: items(channel.item) } : channel,
    );
  }
  if (root.item === undefined) delete out.item;
  return out;
}

type Method = (this: Parser, arg: XmlObject) => XmlObject;

type Step = (arg: XmlObject) => XmlObject;

function wrap(parser: Parser, name: string, around: (original: Step, arg: XmlObject) => XmlObject): void {
  const target = parser as unknown as Record<string, unknown>;
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = (arg: XmlObject) => around((value) => (original as Method).call(parser, value), arg);
}

/** Installs the guards on one parser instance (never on the prototype, so nothing global changes). */
export function guardParser(parser: Parser): void {
  wrap(parser, 'parseItemAtom', (original, entry) => {
    const rawDate = ['published', 'updated', 'issued', 'modified', 'created']
      .map((key) => firstString(entry[key]))
      .find((value) => value?.trim());
    const safe = { ...withUsableLinks(withTextElements(entry)) };
    for (const key of ['published', 'updated']) if (breaksRssParserDate(safe[key])) delete safe[key];
    const item = original(safe);
    if (rawDate) item[RAW_ATOM_DATE] = rawDate;
    return item;
  });
  wrap(parser, 'buildAtomFeed', (original, document) =>
    isObject(document.feed)
      ? original({ ...document, feed: withUsableLinks(withTextElements(document.feed)) })
      : original(document),
  );
  for (const name of ['buildRSS2', 'buildRSS0_9']) {
    wrap(parser, name, (original, document) => {
      const rss = isObject(document.rss) ? withReadableText(document.rss) : document.rss;
      if (isObject(rss) && hasChannel(rss)) return original({ ...document, rss });
      // Items straight under <rss> (no <channel>) are read as a channel's; an <rss> with neither is refused.
      if (isObject(rss) && Array.isArray(rss.item))
        return original({ ...document, rss: { ...rss, channel: [rss] } });
      throw new Error('<rss> has no <channel>');
    });
  }
  wrap(parser, 'buildRSS1', (original, document) => {
    const rdf = document['rdf:RDF'];
    if (!isObject(rdf) || !hasChannel(rdf)) {
      throw new Error('<rdf:RDF> has no <channel>');
    }
    return original({ ...document, 'rdf:RDF': withReadableText(rdf) });
  });
}
