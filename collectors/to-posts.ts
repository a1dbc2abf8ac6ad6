/** Items as a kind read them → posts ready to store (pure): cleaned (clean-items.ts), canonical URL, hash, pseudonym. */
import { canonicalUrl, contentHash } from '../core/content.ts';
import type { NewPost } from '../core/db/posts.ts';
import type { AuthorPseudonymiser } from '../core/pseudonym.ts';
import { cleanItems, type RepairedItem } from './clean-items.ts';
import {
  FORWARDED_NOT_PUBLIC,
  type CollectedItem,
  type MediaLink,
  type PostContext,
  type PostMetrics,
  type SkippedItem,
} from './source-kind.ts';

export interface ToPostsResult {
  posts: NewPost[];
  /** Items dropped, each with the reason (logged by the caller). */
  skipped: SkippedItem[];
  /** Items kept with a change, each with the reason (logged by the caller). */
  repaired: RepairedItem[];
}

/** Longest canonical URL kept (characters): `posts.url` is indexed, and a btree entry holds at most 2,704 bytes. */
export const MAX_URL_CHARS = 2_600;
/** Media links kept per post: enough for a screenshot thread, not a whole gallery page. */
const MAX_MEDIA = 20;
const METRIC_KEYS = ['views', 'forwards', 'reactions', 'replies'] as const;

/** Only finite, non-negative whole counts; null when the source gave none. */
function cleanMetrics(metrics: PostMetrics | undefined): PostMetrics | null {
  if (!metrics) return null;
  const out: PostMetrics = {};
  for (const key of METRIC_KEYS) {
    const value = metrics[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) out[key] = Math.round(value);
  }
  return Object.keys(out).length > 0 ? out : null;
}

function cleanMedia(
  media: readonly MediaLink[] | undefined,
  baseUrl: string | undefined,
): MediaLink[] | null {
  if (!media) return null;
  const out: MediaLink[] = [];
  for (const link of media) {
    const url = canonicalUrl(link.url, baseUrl);
    if (url && !out.some((m) => m.url === url)) out.push({ url, kind: link.kind });
    if (out.length >= MAX_MEDIA) break;
  }
  return out.length > 0 ? out : null;
}

/**
 * Where a forward or boost came from names another account: it is stored as that account's pseudonym (the account
 * is the link's host and first path segment, so forwards of one channel share one pseudonym), never in clear.
 */
export function forwardedAccount(value: string): string {
  try {
    const url = new URL(value);
    const first = url.pathname.split('/').find((segment) => segment !== '');
    return first ? `${url.host}/${first}` : url.host;
  } catch {
    return value;
  }
}

function pseudonymiseContext(
  context: PostContext | undefined,
  pseudonymise: AuthorPseudonymiser,
): PostContext | null {
  if (!context || Object.keys(context).length === 0) return null;
  const { forwardedFrom, ...rest } = context;
  if (forwardedFrom === undefined) return rest;
  const from =
    forwardedFrom === FORWARDED_NOT_PUBLIC ? forwardedFrom : pseudonymise(forwardedAccount(forwardedFrom));
  return from === null ? rest : { ...rest, forwardedFrom: from };
}

/** The canonical URL, or null when there is none or it is too long to index. */
function postUrl(raw: string | null, baseUrl: string | undefined): { url: string | null; tooLong: boolean } {
  const url = canonicalUrl(raw, baseUrl);
  return url !== null && url.length > MAX_URL_CHARS ? { url: null, tooLong: true } : { url, tooLong: false };
}

/** One poll's items → posts; see clean-items.ts for what is repaired or skipped before. */
export function itemsToPosts(
  items: readonly CollectedItem[],
  options: { pseudonymise: AuthorPseudonymiser; baseUrl?: string; collectedAt: Date },
): ToPostsResult {
  const cleaned = cleanItems(items, { collectedAt: options.collectedAt });
  const result: ToPostsResult = { posts: [], skipped: cleaned.skipped, repaired: cleaned.repaired };
  for (const item of cleaned.items) {
    const text = item.text.trim() || item.title?.trim() || '';
    const media = cleanMedia(item.media, options.baseUrl);
    const images = media?.filter((m) => m.kind === 'image') ?? [];
    if (!text && images.length === 0) {
      result.skipped.push({ externalId: item.externalId, reason: 'no text, title or image' });
      continue;
    }
    const { url, tooLong } = postUrl(item.url, options.baseUrl);
    if (tooLong)
      result.repaired.push({
        externalId: item.externalId,
        reason: `link longer than ${MAX_URL_CHARS} characters; dropped`,
      });
    const context = pseudonymiseContext(item.context, options.pseudonymise);
    result.posts.push({
      externalId: item.externalId,
      url,
      title: item.title?.trim() || null,
      text,
      authorPseudonym: options.pseudonymise(item.author),
      publishedAt: item.publishedAt ?? options.collectedAt,
      // An image-only post is identified by its images: two such posts are not one empty text.
      contentHash: contentHash(text || images.map((m) => `image:${m.url}`).join('\n')),
      metrics: cleanMetrics(item.metrics),
      context,
      media,
    });
  }
  return result;
}
