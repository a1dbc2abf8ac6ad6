/** Repairs common encoding damage in decoded feed text: UTF-8 read as windows-1252 ("SocialtjÃ¤nsten"), stray C1 controls. */
import { cp1252Byte, cp1252C1, isUndefinedInCp1252 } from './cp1252.ts';

/** A UTF-8 lead byte (as windows-1252 text) followed by a continuation byte: the mark of double-decoded UTF-8. */
const MOJIBAKE_HINT =
  /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Longer texts are left alone: the check is linear, but there is no need to redo work on 100 kB bodies twice. */
const MAX_REPAIR_CHARS = 200_000;

/**
 * Undoes UTF-8 that was decoded as windows-1252/Latin-1 somewhere upstream, but only when the whole text maps back
 * to bytes that form valid UTF-8: genuine Latin-1 text ("Hallå”") almost never does, so it is left as it is.
 */
export function undoDoubleDecoding(text: string): string {
  if (text.length > MAX_REPAIR_CHARS || !MOJIBAKE_HINT.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const byte = cp1252Byte(text.charAt(i));
    if (byte === null) return text;
    bytes[i] = byte;
  }
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return text;
  }
}

/** C0/C1 controls other than tab and newline, and stray BOMs: never meaningful in feed text. */
function dropControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080-\u009f\ufeff]/g, (char) => {
    const code = char.charCodeAt(0);
    if (code >= 0x80 && code <= 0x9f && !isUndefinedInCp1252(code)) return cp1252C1(code);
    return '';
  });
}

/** Double-decoded UTF-8 undone, then C1 controls read as windows-1252 (the "don\x92t" of old CMSes) or dropped. */
export function repairText(text: string): string {
  return dropControls(undoDoubleDecoding(text));
}
