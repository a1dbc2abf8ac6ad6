/** Posts with authors, links and reach stored through the real storing path, for the data-protection tests. */
import { contentHash } from '../../core/content.ts';
import type { Db } from '../../core/db/client.ts';
import { setLanguages, storePosts } from '../../core/db/posts.ts';
import { upsertSource, type SourceKind } from '../../core/db/sources.ts';
import type { AuthorPseudonymiser } from '../../core/pseudonym.ts';

export interface AuthoredPost {
  externalId: string;
  text: string;
  /** The handle in clear, as a collector would see it (pseudonymised before storing). */
  author: string | null;
  publishedAt: Date;
  url?: string | null;
  /** Record a language (and so `analysed_at`); default true. */
  analysed?: boolean;
  /** A boost or forward: the original author's handle in clear (pseudonymised as the collectors do). */
  forwardedFrom?: string;
}

export async function addSource(db: Db, kind: SourceKind, name: string): Promise<number> {
  const { source } = await upsertSource(db, {
    kind,
    name,
    url: `https://${name}.example/feed`,
    pollIntervalSeconds: 3_600,
  });
  return source.id;
}

/** Stores the posts under `sourceId`; returns their post ids in input order. */
export async function storeAuthored(
  db: Db,
  sourceId: number,
  posts: readonly AuthoredPost[],
  pseudonymise: AuthorPseudonymiser,
): Promise<number[]> {
  const { ids } = await storePosts(
    db,
    sourceId,
    posts.map((post) => ({
      externalId: post.externalId,
      url: post.url ?? `https://social.example/p/${post.externalId}`,
      title: null,
      text: post.text,
      authorPseudonym: pseudonymise(post.author),
      publishedAt: post.publishedAt,
      contentHash: contentHash(post.text),
      metrics: { views: 100 },
      context:
        post.forwardedFrom === undefined ? null : { forwardedFrom: pseudonymise(post.forwardedFrom) ?? '' },
    })),
  );
  const analysed = ids.filter((_, i) => posts[i]?.analysed ?? true);
  await setLanguages(
    db,
    analysed.map((id) => ({ id, lang: 'sv', confidence: 0.9 })),
  );
  return ids;
}

export const daysAgo = (days: number, now = Date.now()): Date => new Date(now - days * 86_400_000);
