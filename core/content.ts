/** Text-level identity of a post: the exact-duplicate hash and the canonical URL. */
import { createHash } from 'node:crypto';

/** sha256 of the full text after Unicode and whitespace normalisation; digits are kept, case is folded. */
export function contentHash(text: string): string {
  const normalised = text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex');
}

const TRACKING_PARAMS = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|si|ref_src|_ga)$/i;

/** Drops the fragment and tracking parameters; returns null for anything that is not an http(s) URL. */
export function canonicalUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(name)) url.searchParams.delete(name);
  }
  url.searchParams.sort();
  return url.toString();
}

/**
 * The text the classifier reads: the title unless the body already starts with it, then the body, then any text
 * read from the post's images (the campaign travels as screenshots).
 */
export function textForAnalysis(
  post: { title: string | null; text: string },
  imageTexts: readonly string[] = [],
): string {
  const title = post.title?.trim();
  const own = !title || post.text.trimStart().startsWith(title) ? post.text : `${title}\n${post.text}`;
  return imageTexts.length > 0 ? [own, ...imageTexts].join('\n') : own;
}
