/** Normalises parsed feed items into posts ready to store (pure): canonical URL, hash, pseudonym, sane time. */
import { canonicalUrl, contentHash } from '../../core/content.ts';
import type { NewPost } from '../../core/db/posts.ts';
import type { AuthorPseudonymiser } from '../../core/pseudonym.ts';
import type { FeedItem } from './parse-feed.ts';

export interface ToPostsResult {
  posts: NewPost[];
  /** Items dropped, each with the reason (logged by the caller). */
  skipped: { externalId: string; reason: string }[];
}

/** A date more than an hour ahead of collection time is a feed's mistake; it would sit atop every list. */
const MAX_FUTURE_MS = 3_600_000;

export function feedItemsToPosts(
  items: readonly FeedItem[],
  options: { pseudonymise: AuthorPseudonymiser; baseUrl: string; collectedAt: Date },
): ToPostsResult {
  const result: ToPostsResult = { posts: [], skipped: [] };
  for (const item of items) {
    const text = item.text.trim() || item.title?.trim() || '';
    if (!text) {
      result.skipped.push({ externalId: item.externalId, reason: 'no text or title' });
      continue;
    }
    const published = item.publishedAt;
    const publishedAt =
      published && published.getTime() - options.collectedAt.getTime() <= MAX_FUTURE_MS
        ? published
        : options.collectedAt;
    result.posts.push({
      externalId: item.externalId,
      url: canonicalUrl(item.url, options.baseUrl),
      title: item.title?.trim() || null,
      text,
      authorPseudonym: options.pseudonymise(item.author),
      publishedAt,
      contentHash: contentHash(text),
    });
  }
  return result;
}
