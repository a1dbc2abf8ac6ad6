/** Bounding text without breaking it. */

/**
 * The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair (an emoji): how long
 * posts are cut for storing and for analysis.
 */
export function leadingChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
