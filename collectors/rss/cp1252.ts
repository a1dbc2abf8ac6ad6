/**
 * windows-1252's bytes 0x80–0x9F. Node ≥ 20.18.3 decodes `windows-1252` (and its aliases `iso-8859-1`, `us-ascii`,
 * `latin1`) as plain Latin-1, so those bytes come out as C1 controls (nodejs/node#60888); this table puts them right.
 */

/** WHATWG index-windows-1252 for 0x80–0x9F; the five undefined bytes map to themselves. */
const C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
].map((code) => String.fromCodePoint(code));

/** The windows-1252 character for a byte 0x80–0x9F (itself for the five undefined bytes). */
export function cp1252C1(byte: number): string {
  return C1[byte - 0x80] ?? String.fromCharCode(byte);
}

/** True when windows-1252 leaves the byte undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
export function isUndefinedInCp1252(byte: number): boolean {
  return cp1252C1(byte) === String.fromCharCode(byte);
}

/** Replaces C1 controls U+0080–U+009F by their windows-1252 characters; a no-op on correctly decoded text. */
export function fixCp1252C1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (char) => cp1252C1(char.charCodeAt(0)));
}

/**
 * The byte a character came from when bytes were read as windows-1252 or as Latin-1 (so U+0080–U+009F count too),
 * or null when no single byte gives it; for undoing text that was decoded twice.
 */
export function cp1252Byte(char: string): number | null {
  const code = char.charCodeAt(0);
  if (char.length !== 1) return null;
  if (code <= 0xff) return code;
  const index = C1.indexOf(char);
  return index >= 0 ? 0x80 + index : null;
}
