/** Bounding text without breaking it, and text Postgres can store as written. */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Whether Postgres would refuse `text` (a NUL: text and jsonb refuse it) or store it changed (a lone UTF-16
 * surrogate: the driver writes U+FFFD in its place).
 */
export function hasUnstorableText(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * `text` as Postgres can store it: NUL removed and lone surrogates replaced by U+FFFD, which is what the driver
 * already wrote for them into text columns, so repaired ids and hashes match stored ones.
 */
export function storableText(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replaceAll('\u0000', '');
}

/**
 * The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair (an emoji): how long
 * posts are cut for storing and for analysis.
 */
export function leadingChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
