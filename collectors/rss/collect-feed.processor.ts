/**
 * Processor of `collect-source` for RSS/Atom sources: fetch (conditional, capped) → decode → parse → store →
 * move the source's ETag → enqueue analysis. Store comes before the ETag moves, so a crash re-fetches instead
 * of losing posts; Redis only ever receives post ids.
 */
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Db } from '../../core/db/client.ts';
import { filterUnanalysed, storePosts } from '../../core/db/posts.ts';
import { getSource, recordNotModified, recordPollFailure, recordPollSuccess } from '../../core/db/sources.ts';
import { BadInputError, describeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { AuthorPseudonymiser } from '../../core/pseudonym.ts';
import { enqueueAnalysis, type AnalysePostsPayload } from '../../core/queues/analyse-posts.ts';
import { collectSourceQueue } from '../../core/queues/collect-source.ts';
import { decodeBody } from './decode-body.ts';
import { fetchFeed } from './fetch-feed.ts';
import { parseFeed } from './parse-feed.ts';
import { feedItemsToPosts } from './to-posts.ts';

export interface CollectFeedDeps {
  db: Db;
  analyseQueue: Queue<AnalysePostsPayload>;
  pseudonymise: AuthorPseudonymiser;
  fetch: { userAgent: string; timeoutMs: number; maxBytes: number };
  logger: Logger;
}

export type CollectResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'not-modified' }
  | { outcome: 'stored'; items: number; inserted: number; skipped: number; enqueuedJobs: number };

export function createCollectFeedProcessor(deps: CollectFeedDeps) {
  return async (job: Job): Promise<CollectResult> => {
    const { sourceId } = collectSourceQueue.parse(job.data);
    const source = await getSource(deps.db, sourceId);
    if (!source) return { outcome: 'skipped', reason: 'source no longer exists' };
    if (source.status !== 'active') return { outcome: 'skipped', reason: `source is ${source.status}` };
    if (source.kind !== 'rss') return { outcome: 'skipped', reason: `kind ${source.kind} is not collected` };
    const log = deps.logger.child({ sourceId, jobId: job.id });

    try {
      const fetched = await fetchFeed(source.url, {
        ...deps.fetch,
        etag: source.etag,
        lastModified: source.last_modified,
      });
      if (fetched.status === 'not-modified') {
        await recordNotModified(deps.db, source.id);
        log.info('feed not modified');
        return { outcome: 'not-modified' };
      }
      const feed = await parseFeed(decodeBody(fetched.body, fetched.contentType));
      const { posts, skipped } = feedItemsToPosts(feed.items, {
        pseudonymise: deps.pseudonymise,
        baseUrl: fetched.finalUrl,
        collectedAt: new Date(),
      });
      for (const item of skipped)
        log.info({ externalId: item.externalId, reason: item.reason }, 'item skipped');
      const stored = await storePosts(deps.db, source.id, posts);
      await recordPollSuccess(deps.db, source.id, {
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        items: stored.inserted,
      });
      // Posts stored earlier whose analysis job was lost are picked up again here.
      const pending = await filterUnanalysed(deps.db, stored.ids);
      const enqueuedJobs = await enqueueAnalysis(deps.analyseQueue, pending);
      log.info(
        { items: feed.items.length, inserted: stored.inserted, truncated: feed.truncated },
        'feed collected',
      );
      return {
        outcome: 'stored',
        items: feed.items.length,
        inserted: stored.inserted,
        skipped: skipped.length,
        enqueuedJobs,
      };
    } catch (error) {
      const reason =
        error instanceof BadInputError ? `${error.reason}: ${error.message}` : describeError(error);
      await recordPollFailure(deps.db, source.id, reason);
      log.warn({ reason }, 'feed collection failed');
      // Bad input will fail the same way on retry; the next scheduled poll tries again anyway.
      if (error instanceof BadInputError) throw new UnrecoverableError(reason);
      throw error;
    }
  };
}
