/**
 * Items as a kind read them → posts ready to store (pure): cleaned (clean-items.ts), canonical URL, hash, pseudonyms;
 * and which of them a data subject's objection leaves out.
 */
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
 * Where a forward or boost came from names another person: the kind gives that account in the form it gives a post
 * author (Mastodon `acct`, a Telegram channel), and it is pseudonymised exactly as an author is, so one person has
 * one pseudonym whether they posted or were boosted, and a data subject's handle finds and suppresses both.
 */
function pseudonymiseContext(
  context: PostContext | undefined,
  pseudonymise: AuthorPseudonymiser,
): PostContext | null {
  if (!context || Object.keys(context).length === 0) return null;
  const { forwardedFrom, ...rest } = context;
  if (forwardedFrom === undefined) return rest;
  const from = forwardedFrom === FORWARDED_NOT_PUBLIC ? forwardedFrom : pseudonymise(forwardedFrom);
  return from === null ? rest : { ...rest, forwardedFrom: from };
}

/** The pseudonyms a post is about: its author and, for a boost or forward, the original author. */
export function postPseudonyms(post: NewPost): string[] {
  const from = post.context?.forwardedFrom;
  return [
    ...(post.authorPseudonym === null ? [] : [post.authorPseudonym]),
    ...(from === undefined || from === FORWARDED_NOT_PUBLIC ? [] : [from]),
  ];
}

export const SUPPRESSED_AUTHOR = 'author suppressed (data-subject request)';
export const SUPPRESSED_FORWARDED = 'forwarded-from author suppressed (data-subject request)';

/**
 * Leaves out posts whose author or forwarded-from author is in `suppressed` (from `suppressedAmong` over
 * `postPseudonyms`): a boost carries the original author's text, so their objection covers it too.
 */
export function withoutSuppressed(
  posts: readonly NewPost[],
  suppressed: ReadonlySet<string>,
): { posts: NewPost[]; skipped: SkippedItem[] } {
  const result: { posts: NewPost[]; skipped: SkippedItem[] } = { posts: [], skipped: [] };
  for (const post of posts) {
    const from = post.context?.forwardedFrom;
    if (post.authorPseudonym !== null && suppressed.has(post.authorPseudonym))
      result.skipped.push({ externalId: post.externalId, reason: SUPPRESSED_AUTHOR });
    else if (from !== undefined && suppressed.has(from))
      result.skipped.push({ externalId: post.externalId, reason: SUPPRESSED_FORWARDED });
    else result.posts.push(post);
  }
  return result;
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
