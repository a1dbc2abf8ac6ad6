/**
 * Feed bytes → string. Charset precedence: BOM > HTTP `charset` > XML declaration (or UTF-16/32 sniffed from the NUL
 * pattern of `<?xml`) > UTF-8. Bytes chosen as UTF-8 that plainly are not (Arabic windows-1256 served as
 * `charset=utf-8`) are read with the XML declaration's encoding, else a guessed single-byte one (legacy-charset.ts).
 * Invalid bytes become U+FFFD, counted; the BOM is stripped; a declaration naming a non-UTF-8 encoding loses its
 * `encoding=` so nothing re-reads the string as those bytes.
 */
import { fixCp1252C1 } from './cp1252.ts';
import { guessSingleByteEncoding, looksLikeOtherEncoding } from './legacy-charset.ts';

/** `guess`: the bytes were not UTF-8 as labelled or assumed, and the encoding was guessed from them. */
export type CharsetSource = 'bom' | 'http' | 'xml' | 'sniff' | 'default' | 'guess';

export interface Charset {
  /** WHATWG name (`utf-8`, `windows-1252`, `big5`, `utf-16be` …) or `utf-32le`/`utf-32be`, which we decode ourselves. */
  encoding: string;
  source: CharsetSource;
  /** Labels that were named but not used: unknown to the decoder, or contradicted by the bytes. */
  ignored: string[];
}

export interface DecodedBody extends Charset {
  text: string;
  /** Share of the text's characters that are U+FFFD put in for bytes the encoding could not read (0: none). */
  replacedShare: number;
  /** True when the bytes were taken for UTF-8, were not, and were read with `encoding` instead. */
  notUtf8: boolean;
}

type Wide = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, i) => bytes[i] === byte);
}

function sniffBom(bytes: Uint8Array): string | null {
  // UTF-32LE first: its BOM begins with UTF-16LE's.
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return 'utf-32le';
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return 'utf-32be';
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return null;
}

/** XML spec appendix F: an ASCII first character (`<`, or white space) spread over 2 or 4 bytes with NULs. */
function sniffWide(bytes: Uint8Array): Wide | null {
  if (bytes.length < 4) return null;
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  const ascii = (byte: number | undefined) => byte !== undefined && byte > 0 && byte < 0x80;
  if (b0 === 0 && b1 === 0 && b2 === 0 && ascii(b3)) return 'utf-32be';
  if (ascii(b0) && b1 === 0 && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && ascii(b1) && b2 === 0 && ascii(b3)) return 'utf-16be';
  if (ascii(b0) && b1 === 0 && ascii(b2) && b3 === 0) return 'utf-16le';
  return null;
}

/** The `charset` parameter of a Content-Type, unquoted; tolerates `charset = "x"` and `charset='x'`. */
export function charsetParam(contentType: string | null): string | null {
  if (!contentType) return null;
  for (const part of contentType.split(';').slice(1)) {
    const match = /^\s*charset\s*=\s*(.*)$/i.exec(part);
    if (!match) continue;
    const value = (match[1] ?? '')
      .trim()
      .replace(/^(["'])(.*)\1$/, '$2')
      .trim();
    return value || null;
  }
  return null;
}

const DECLARATION = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"'<>]{1,40})\1/;

/** The `encoding` of an XML declaration, read from the first bytes in the sniffed wide encoding or as ASCII. */
function declaredEncoding(bytes: Uint8Array, wide: Wide | null): string | null {
  const head = bytes.subarray(0, wide ? 1024 : 512);
  const text = wide ? decodeWith(head, wide) : String.fromCharCode(...head);
  return DECLARATION.exec(text)?.[2] ?? null;
}

/** Python-style spellings (`utf_8`, `u16`, `utf32`) that feeds copy from their generators, mapped to WHATWG labels. */
function normaliseLabel(label: string): string {
  const lower = label.trim().toLowerCase().replace(/_/g, '-');
  const compact = lower.replace(/-/g, '');
  if (compact === 'u8' || compact === 'utf8') return 'utf-8';
  if (compact === 'u16' || compact === 'utf16') return 'utf-16';
  if (compact === 'u32' || compact === 'utf32' || compact === 'ucs4') return 'utf-32';
  if (compact === 'utf32le' || compact === 'utf32be') return `utf-32${compact.slice(5)}`;
  return lower;
}

type Resolved = { family: 'utf-16' | 'utf-32'; endian: 'le' | 'be' | null } | { encoding: string } | null;

/** A label as something we can decode, or null if no decoder knows it. */
function resolveLabel(label: string): Resolved {
  const normal = normaliseLabel(label);
  if (normal === 'utf-32') return { family: 'utf-32', endian: null };
  if (normal === 'utf-32le' || normal === 'utf-32be')
    return { family: 'utf-32', endian: normal === 'utf-32le' ? 'le' : 'be' };
  let encoding: string;
  try {
    encoding = new TextDecoder(normal).encoding;
  } catch {
    return null;
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // `utf-16` (and `unicode`, `ucs-2`) say nothing about byte order; the bytes do.
    const explicit = /(le|be)$/.test(normal);
    return { family: 'utf-16', endian: explicit ? (encoding === 'utf-16le' ? 'le' : 'be') : null };
  }
  return { encoding };
}

/** Picks the charset of a feed body; never throws. */
export function detectCharset(bytes: Uint8Array, contentType: string | null): Charset {
  const bom = sniffBom(bytes);
  if (bom) return { encoding: bom, source: 'bom', ignored: [] };
  const wide = sniffWide(bytes);
  const ignored: string[] = [];
  const candidates: [string | null, CharsetSource][] = [
    [charsetParam(contentType), 'http'],
    [declaredEncoding(bytes, wide), 'xml'],
  ];
  for (const [label, source] of candidates) {
    if (!label) continue;
    const resolved = resolveLabel(label);
    if (resolved && 'encoding' in resolved && !wide) return { encoding: resolved.encoding, source, ignored };
    // A UTF-16/32 label is believed only when the NUL pattern agrees; the pattern then decides the byte order.
    if (resolved && 'family' in resolved && wide?.startsWith(resolved.family))
      return { encoding: wide, source, ignored };
    ignored.push(label);
  }
  if (wide) return { encoding: wide, source: 'sniff', ignored };
  return { encoding: 'utf-8', source: 'default', ignored };
}

/** UTF-32 by hand (no TextDecoder supports it): invalid code points and a ragged tail become U+FFFD. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let codes: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    codes.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    if (codes.length === 8192) {
      parts.push(String.fromCodePoint(...codes));
      codes = [];
    }
  }
  if (bytes.length % 4 !== 0) codes.push(0xfffd);
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return decodeUtf32(bytes, encoding === 'utf-32le');
  const text = new TextDecoder(encoding).decode(bytes);
  return encoding === 'windows-1252' ? fixCp1252C1(text) : text;
}

/** Removes `encoding="…"` from a leading XML declaration when it names anything but UTF-8. */
function neutraliseDeclaration(text: string): string {
  return text.replace(
    /^(\s*<\?xml\s[^>]*?)\s+encoding\s*=\s*(["'])([^"'<>]{0,40})\2/,
    (whole, before: string, _quote: string, label: string) => {
      const resolved = resolveLabel(label);
      return resolved && 'encoding' in resolved && resolved.encoding === 'utf-8' ? whole : before;
    },
  );
}

/**
 * Bytes → text with the number of U+FFFD the decoder put in for bytes it could not read (not those the bytes spell
 * out): a strict decode first, which is all a well-formed feed costs, and the lenient one only when it fails.
 */
function decodeCounting(bytes: Uint8Array, encoding: string): { text: string; replaced: number } {
  if (!encoding.startsWith('utf-32')) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return { text: encoding === 'windows-1252' ? fixCp1252C1(text) : text, replaced: 0 };
    } catch {
      // Some bytes were not valid: decode leniently and count below.
    }
  }
  const text = decodeWith(bytes, encoding);
  let replaced = 0;
  for (const char of text) if (char === '\ufffd') replaced += 1;
  return { text, replaced };
}

/** The encoding to read bytes with that were taken for UTF-8 but are not, with how it was chosen; or null. */
function otherThanUtf8(bytes: Uint8Array): { encoding: string; source: CharsetSource } | null {
  const declared = declaredEncoding(bytes, null);
  const resolved = declared ? resolveLabel(declared) : null;
  if (resolved && 'encoding' in resolved && resolved.encoding !== 'utf-8')
    return { encoding: resolved.encoding, source: 'xml' };
  const guessed = guessSingleByteEncoding(bytes);
  return guessed ? { encoding: guessed, source: 'guess' } : null;
}

/** Bytes → text with the charset that was used, how it was chosen, and how much could not be read. */
export function decodeFeedBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  let charset = detectCharset(bytes, contentType);
  let { text, replaced } = decodeCounting(bytes, charset.encoding);
  let notUtf8 = false;
  // A BOM is deliberate; a label or the default is often copied from a template and wrong.
  if (charset.encoding === 'utf-8' && charset.source !== 'bom' && looksLikeOtherEncoding(text, replaced)) {
    const other = otherThanUtf8(bytes);
    if (other) {
      const ignored = charset.source === 'default' ? charset.ignored : [...charset.ignored, 'utf-8'];
      charset = { ...other, ignored };
      ({ text, replaced } = decodeCounting(bytes, other.encoding));
      notUtf8 = true;
    }
  }
  text = text.replace(/^\uFEFF/, '');
  return {
    ...charset,
    text: neutraliseDeclaration(text),
    replacedShare: text.length === 0 ? 0 : replaced / text.length,
    notUtf8,
  };
}

/** Feed bytes → string; see the file header for the charset rules. Never throws on bad bytes. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  return decodeFeedBody(bytes, contentType).text;
}
