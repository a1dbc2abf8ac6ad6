/**
 * Which single-byte encoding a body labelled UTF-8 (or labelled nothing) is really in, when its bytes are plainly
 * not UTF-8 (pure). Guesses only where the bytes leave little doubt; otherwise the caller keeps U+FFFD and says so.
 */

/** Non-ASCII characters UTF-8 did read, per character it could not, above which the body is UTF-8 with damage. */
const VALID_PER_INVALID = 0.05;
/** High bytes needed before a text is taken to be Arabic: a stray pair of bytes proves nothing. */
const MIN_ARABIC_HIGH_BYTES = 20;
const MIN_ARABIC_SHARE = 0.9;
/** Latin text in windows-1252 has its accented letters alone between ASCII letters ("Socialtjänsten"). */
const MAX_LATIN_CLUSTERED = 0.2;
/** Arabic script (letters, marks, presentation forms) and the joiners written between its letters. */
const ARABIC = /[\u0600-\u06ff\u200c-\u200f\ufb50-\ufdff\ufe70-\ufeff]/;

/**
 * Whether UTF-8 decoding (`text`, with U+FFFD for bad bytes) shows bytes in another encoding rather than a UTF-8
 * body with a few damaged characters: nearly every non-ASCII character is a replacement.
 */
export function looksLikeOtherEncoding(text: string, replaced: number): boolean {
  if (replaced === 0) return false;
  let valid = 0;
  for (const char of text) if (char > '\u007f' && char !== '\ufffd') valid += 1;
  return valid <= replaced * VALID_PER_INVALID;
}

/** Share of bytes ≥ 0x80 that stand next to another such byte, and how many there are. */
function highByteClustering(bytes: Uint8Array): { high: number; clustered: number } {
  let high = 0;
  let clustered = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    if ((bytes[i] ?? 0) < 0x80) continue;
    high += 1;
    if ((bytes[i - 1] ?? 0) >= 0x80 || (bytes[i + 1] ?? 0) >= 0x80) clustered += 1;
  }
  return { high, clustered: high === 0 ? 0 : clustered / high };
}

function arabicShare(text: string): number {
  let high = 0;
  let arabic = 0;
  for (const char of text) {
    if (char <= '\u007f') continue;
    high += 1;
    if (ARABIC.test(char)) arabic += 1;
  }
  return high === 0 ? 0 : arabic / high;
}

/**
 * windows-1256 when the high bytes come in words and read as Arabic script (Cyrillic or Greek bytes read so are
 * a mix of Arabic and Latin letters); windows-1252 when they stand alone between ASCII, as accented Latin letters
 * do; else null. Only for bytes that are not UTF-8 (looksLikeOtherEncoding).
 */
export function guessSingleByteEncoding(bytes: Uint8Array): 'windows-1256' | 'windows-1252' | null {
  const { high, clustered } = highByteClustering(bytes);
  if (high === 0) return null;
  if (clustered <= MAX_LATIN_CLUSTERED) return 'windows-1252';
  if (high < MIN_ARABIC_HIGH_BYTES) return null;
  const asArabic = new TextDecoder('windows-1256').decode(bytes);
  return arabicShare(asArabic) >= MIN_ARABIC_SHARE ? 'windows-1256' : null;
}
