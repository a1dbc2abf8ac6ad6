/**
 * Text elements as xml2js hands them over → the one HTML string parseFeed reads. rss-parser keeps only an element's
 * own text (`_`) when it also has child elements, so naked inline markup (`Example <b>Atom</b>`) lost its children,
 * and xhtml titles arrived as objects whose escaped text (`&lt;blink&gt;`) became markup once flattened. Children
 * are serialised back to markup with their text escaped; Atom's base64 content (0.3 `mode="base64"`, 1.0 content
 * of a non-text type) is decoded.
 */

type Raw = Record<string, unknown>;

/** Elements read as titles or text, in Atom, RSS and their modules. */
export const TEXT_ELEMENTS = [
  'title',
  'summary',
  'content',
  'subtitle',
  'tagline',
  'description',
  'content:encoded',
  'dc:description',
  'itunes:summary',
  'media:title',
  'media:description',
  'xhtml:body',
  'body',
  'fullitem',
];

/** Nesting kept when serialising; deeper markup is dropped (no feed nests text this deep). */
const MAX_DEPTH = 64;

const isObject = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const isChildKey = (key: string) => key !== '$' && key !== '_' && key !== '$ns';

function attributes(element: Raw): string {
  if (!isObject(element.$)) return '';
  return Object.entries(element.$)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => ` ${name}="${escapeText(value).replace(/"/g, '&quot;')}"`)
    .join('');
}

/**
 * An element's content as markup: its own text first (xml2js does not keep the order of mixed content), then
 * children. `html`: the element was declared HTML, so its text is markup already (TypePad wrapped escaped HTML in a
 * stray xhtml div) and is not escaped again.
 */
function serialiseContent(element: Raw, depth: number, html: boolean): string {
  if (depth > MAX_DEPTH) return '';
  const text = html ? (value: string) => value : escapeText;
  const parts = typeof element._ === 'string' ? [text(element._)] : [];
  for (const [name, value] of Object.entries(element)) {
    if (!isChildKey(name)) continue;
    for (const child of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof child === 'string' || typeof child === 'number')
        parts.push(`<${name}>${text(String(child))}</${name}>`);
      else if (isObject(child))
        parts.push(`<${name}${attributes(child)}>${serialiseContent(child, depth + 1, html)}</${name}>`);
    }
  }
  return parts.join('');
}

/** Base64 that decodes to UTF-8 text, or null (binary content is not text a post can carry). */
function decodeBase64Text(text: string): string | null {
  const bytes = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

/**
 * RFC 4287 4.1.3.3: content whose type is neither text, html, xhtml, XML nor text/* is base64-encoded. Only
 * `content` may have such a type, but feeds put it on titles and summaries too, and feed readers decode those alike.
 */
function isBase64Type(type: unknown): boolean {
  if (typeof type !== 'string' || !type.includes('/')) return false;
  return !/^text\/|[+/]xml(;|$)/i.test(type.trim());
}

function prepareElement(element: unknown): unknown {
  if (!isObject(element)) return element;
  const attrs = isObject(element.$) ? element.$ : {};
  if (typeof element._ === 'string' && (attrs.mode === 'base64' || isBase64Type(attrs.type))) {
    return { $: attrs, _: decodeBase64Text(element._) ?? '' };
  }
  if (!Object.keys(element).some(isChildKey)) return element;
  const html =
    attrs.mode === 'escaped' || (typeof attrs.type === 'string' && /^(text\/)?html$/i.test(attrs.type));
  return { $: attrs, _: serialiseContent(element, 0, html) };
}

/** A copy of an xml2js element whose text elements (TEXT_ELEMENTS) are each one HTML string in `_`. */
export function withTextElements(element: Raw): Raw {
  const out: Raw = { ...element };
  for (const name of TEXT_ELEMENTS) {
    const value = out[name];
    if (Array.isArray(value)) out[name] = value.map(prepareElement);
  }
  return out;
}
