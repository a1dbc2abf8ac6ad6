/**
 * Text normalisation shared by language detection and lexicon matching (pure, no I/O).
 *
 * Two stages:
 * - `cleanText`: what a reader would call "the words of the post". NFKC; HTML tags and basic entities,
 *   URLs, e-mail addresses, @handles, emoji and bidi/format controls removed; hashtags keep their words
 *   (`#أوقفوا_خطف_أطفالنا` → `أوقفوا خطف أطفالنا`, `#StopKidnapping` → `Stop Kidnapping`). Case and
 *   letters are untouched, so language detection and evidence strings still see the text as written.
 * - `foldText`: the matching form. Lower case; Turkish İ/ı folded to i (lower-casing cannot know the
 *   language, and `KAÇIRDI` must meet `kaçırdı`); Arabic script: tashkeel, Quranic marks and tatweel
 *   removed, أ إ آ ٱ → ا, ة/ۀ → ه, and ONE canonical yeh/kaf for Arabic and Persian alike:
 *   ي ى → ی (Farsi yeh, U+06CC) and ك → ک (keheh, U+06A9). Arabic-Indic and Persian digits → 0-9.
 *   Swedish å/ä/ö and Turkish ç/ş/ğ/ö/ü stay letters. ZWNJ (U+200C) stays: Persian writes it inside words.
 *
 * `normaliseText = foldText ∘ cleanText`. The lexicon is compiled through the same functions, so its
 * files are written in ordinary spelling and the canonical forms above only matter inside this module.
 */

const HTML_TAG_RE = /<\/?[a-zA-Z][^>]*>|<!--[\s\S]*?-->/g;
const ENTITY_RE = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
const URL_RE = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"]*/giu;
// Starts only where a run of address characters starts, and a local part is at most 64 of them: without both, a
// 100,000-letter word with no "@" was tried from every position (quadratic: 5 s for one such post).
const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const HANDLE_RE = /(^|[^\p{L}\p{M}\p{N}_])@[\p{L}\p{M}\p{N}_.]+/gu;
const HASHTAG_RE = /(^|[^\p{L}\p{M}\p{N}_&])#([\p{L}\p{M}\p{N}_\u200c]+)/gu;
const CAMEL_RE = /(\p{Ll})(\p{Lu})/gu;
/** Pictographs, skin tones, flags, keycaps, variation selectors and the emoji joiner. */
const EMOJI_RE =
  /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;
/** Bidi controls, zero-width space/no-break, soft hyphen, BOM: invisible, and they would split tokens. */
const FORMAT_RE = /[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const SPACE_RE = /\s+/g;

/** Arabic tashkeel (064B–065F), superscript alef (0670), Quranic annotation marks, tatweel (0640). */
const ARABIC_MARKS_RE = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;
const ARABIC_SCRIPT_RE = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]/;
const LETTER_FOLDS: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ة: 'ه',
  ۀ: 'ه',
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
  ı: 'i',
};
const LETTER_FOLD_RE = /[أإآٱةۀيىكı]/g;
const DIGIT_RE = /[\u0660-\u0669\u06f0-\u06f9]/g;

function decodeEntity(whole: string, dec?: string, hex?: string, name?: string): string {
  if (name) return NAMED_ENTITIES[name] ?? whole;
  const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
  if (!Number.isFinite(code) || code < 0x20 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
    return ' ';
  return String.fromCodePoint(code);
}

/**
 * The words of a post as written: NFKC, without HTML, URLs, e-mails, @handles, emoji and format controls;
 * hashtags lose their `#`, underscores and camelCase humps become spaces. Whitespace is collapsed.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(HTML_TAG_RE, ' ')
    .replace(ENTITY_RE, decodeEntity)
    .replace(URL_RE, ' ')
    .replace(EMAIL_RE, ' ')
    .replace(HANDLE_RE, '$1 ')
    .replace(
      HASHTAG_RE,
      (_m, before: string, tag: string) => `${before} ${tag.replace(CAMEL_RE, '$1 $2').replace(/_+/g, ' ')} `,
    )
    .replace(EMOJI_RE, ' ')
    .replace(FORMAT_RE, '')
    .replace(SPACE_RE, ' ')
    .trim();
}

/** The matching form of already cleaned text (or of one token): see the module header. */
export function foldText(text: string): string {
  let out = text.replace(/İ/g, 'i').toLowerCase();
  if (out.includes('\u0307')) out = out.replace(/i\u0307/g, 'i');
  if (ARABIC_SCRIPT_RE.test(out)) {
    out = out
      .replace(ARABIC_MARKS_RE, '')
      .replace(DIGIT_RE, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
  }
  return out.replace(LETTER_FOLD_RE, (c) => LETTER_FOLDS[c] ?? c);
}

/** Full normalisation for matching: `foldText(cleanText(text))`. */
export function normaliseText(text: string): string {
  return foldText(cleanText(text));
}

/** One token of a text with its UTF-16 offsets in that text. */
export interface TokenSpan {
  text: string;
  start: number;
  end: number;
}

const TOKEN_RE = /[\p{L}\p{M}\p{N}\u200c]+/gu;
const EDGE_ZWNJ_RE = /^\u200c+|\u200c+$/g;

/** Tokens with offsets: runs of letters, marks, digits and ZWNJ (ZWNJ trimmed at token edges). */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    let value = m[0];
    let start = m.index;
    if (value.includes('\u200c')) {
      const lead = value.length - value.replace(/^\u200c+/, '').length;
      value = value.replace(EDGE_ZWNJ_RE, '');
      start += lead;
      if (value === '') continue;
    }
    spans.push({ text: value, start, end: start + value.length });
  }
  return spans;
}

/** Unicode tokens `[\p{L}\p{M}\p{N}\u200c]+` of a (normalised) text. */
export function tokenise(text: string): string[] {
  return tokenSpans(text).map((t) => t.text);
}
