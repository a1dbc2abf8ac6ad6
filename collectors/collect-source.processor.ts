/**
 * Processor of `collect-source`, for every kind: validate → poll the kind → store → move cursor, validators and
 * interval → enqueue analysis. Storing comes before the cursor moves, so a crash re-reads instead of losing posts;
 * Redis only ever receives post ids. A failure is recorded on the source; after `pauseAfterFailures` in a row the
 * source is paused with the reason, until someone resumes it.
 */
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Db } from '../core/db/client.ts';
import { imagesAwaitingText } from '../core/db/post-media-text.ts';
import { filterUnanalysed, storePosts } from '../core/db/posts.ts';
import { storeSnapshot } from '../core/db/snapshots.ts';
import { suppressedAmong } from '../core/db/suppressed-authors.ts';
import {
  getSource,
  pauseSource,
  recordPollFailure,
  recordPollSuccess,
  type Source,
} from '../core/db/sources.ts';
import { BadInputError, describeError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { AuthorPseudonymiser } from '../core/pseudonym.ts';
import { enqueueAnalysis, type AnalysePostsPayload } from '../core/queues/analyse-posts.ts';
import {
  collectSourceQueue,
  scheduleSource,
  unscheduleSource,
  type CollectSourcePayload,
} from '../core/queues/collect-source.ts';
import { enqueueMediaText, type ReadMediaTextPayload } from '../core/queues/read-media-text.ts';
import { nextInterval } from './adaptive-interval.ts';
import { withSignal, type HttpClient } from './http/client.ts';
import { collectedKinds } from './kinds.ts';
import { cleanSnapshot } from './clean-items.ts';
import type { CollectContext } from './source-kind.ts';
import { itemsToPosts, postPseudonyms, withoutSuppressed } from './to-posts.ts';

export interface CollectSourceDeps {
  db: Db;
  collectQueue: Queue<CollectSourcePayload>;
  analyseQueue: Queue<AnalysePostsPayload>;
  pseudonymise: AuthorPseudonymiser;
  http: HttpClient;
  logger: Logger;
  /** Longest one poll may take, all requests and pages together. */
  jobTimeoutMs: number;
  /** Failures in a row after which the source is paused. */
  pauseAfterFailures: number;
  /** Where images of new posts go to have their text read (OCR); absent when OCR is off. */
  mediaText?: { queue: Queue<ReadMediaTextPayload>; imagesPerPost: number };
  /** Chromium for kinds that render pages (web). */
  browser?: CollectContext<unknown>['browser'];
}

export type CollectResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'not-modified'; intervalSeconds: number }
  | {
      outcome: 'stored';
      items: number;
      inserted: number;
      skipped: number;
      enqueuedJobs: number;
      intervalSeconds: number;
    };

/** Moves the scheduler to the new interval; the next poll is one new interval away, not immediate. */
async function adaptInterval(deps: CollectSourceDeps, source: Source, newItems: number): Promise<number> {
  const interval = nextInterval(
    {
      current: source.poll_interval_seconds,
      min: source.min_interval_seconds,
      max: source.max_interval_seconds,
    },
    newItems,
  );
  if (interval !== source.poll_interval_seconds) {
    await scheduleSource(deps.collectQueue, source.id, interval, { delayFirst: true });
  }
  return interval;
}

export function createCollectSourceProcessor(deps: CollectSourceDeps) {
  return async (job: Job): Promise<CollectResult> => {
    const { sourceId } = collectSourceQueue.parse(job.data);
    const source = await getSource(deps.db, sourceId);
    if (!source) return { outcome: 'skipped', reason: 'source no longer exists' };
    if (source.status !== 'active') return { outcome: 'skipped', reason: `source is ${source.status}` };
    const kind = collectedKinds.get(source.kind);
    if (!kind) return { outcome: 'skipped', reason: `kind ${source.kind} is not collected` };
    const log = deps.logger.child({ sourceId, kind: source.kind, jobId: job.id });

    try {
      const config = kind.configSchema.safeParse(source.config);
      if (!config.success) {
        throw new BadInputError(
          'bad-config',
          `stored settings do not fit kind ${source.kind}: ${config.error.issues[0]?.message ?? 'invalid'}`,
        );
      }
      const now = new Date();
      const signal = AbortSignal.timeout(deps.jobTimeoutMs);
      const outcome = await kind.collect({
        source,
        config: config.data,
        state: source.state,
        // Waiting for a host's turn and every request end with the job's time.
        http: withSignal(deps.http, signal),
        logger: log,
        signal,
        now,
        browser: deps.browser,
      });
      if (outcome.status === 'not-modified') {
        const intervalSeconds = await adaptInterval(deps, source, 0);
        await recordPollSuccess(deps.db, source.id, { items: 0, intervalSeconds });
        log.info('source not modified');
        return { outcome: 'not-modified', intervalSeconds };
      }
      const converted = itemsToPosts(outcome.items, {
        pseudonymise: deps.pseudonymise,
        baseUrl: outcome.baseUrl ?? source.url,
        collectedAt: now,
      });
      // Authors under a data-subject request, as the author or as the one boosted or forwarded, are left out
      // before anything of theirs is written.
      const suppressed = await suppressedAmong(deps.db, converted.posts.flatMap(postPseudonyms));
      const kept = withoutSuppressed(converted.posts, suppressed);
      const posts = kept.posts;
      const skipped = [...converted.skipped, ...kept.skipped];
      for (const item of [...outcome.skipped, ...skipped])
        log.info({ externalId: item.externalId, reason: item.reason }, 'item skipped');
      // A repair means the source sent something broken; worth a look, but the item is stored.
      for (const item of converted.repaired)
        log.warn({ externalId: item.externalId, reason: item.reason }, 'item repaired');
      const stored = await storePosts(deps.db, source.id, posts);
      // Evidence is kept for pages that brought new posts; a page seen unchanged again adds nothing.
      if (stored.inserted > 0 && outcome.snapshots) {
        for (const snapshot of outcome.snapshots) {
          const { id, posts: linked } = await storeSnapshot(deps.db, source.id, cleanSnapshot(snapshot));
          log.info({ snapshotId: id, posts: linked }, 'page snapshot stored');
        }
      }
      const intervalSeconds = await adaptInterval(deps, source, stored.inserted);
      await recordPollSuccess(deps.db, source.id, {
        etag: outcome.etag,
        lastModified: outcome.lastModified,
        state: outcome.state,
        items: stored.inserted,
        intervalSeconds,
      });
      // Posts stored earlier whose analysis job was lost are picked up again here.
      const pending = await filterUnanalysed(deps.db, stored.ids);
      const enqueuedJobs = await enqueueAnalysis(deps.analyseQueue, pending);
      if (deps.mediaText) {
        const images = await imagesAwaitingText(deps.db, stored.ids, deps.mediaText.imagesPerPost);
        await enqueueMediaText(deps.mediaText.queue, images);
      }
      log.info(
        { items: outcome.items.length, inserted: stored.inserted, truncated: outcome.truncated ?? false },
        'source collected',
      );
      return {
        outcome: 'stored',
        items: outcome.items.length,
        inserted: stored.inserted,
        skipped: skipped.length + outcome.skipped.length,
        enqueuedJobs,
        intervalSeconds,
      };
    } catch (error) {
      const reason =
        error instanceof BadInputError ? `${error.reason}: ${error.message}` : describeError(error);
      const failures = await recordPollFailure(deps.db, source.id, reason);
      log.warn({ reason, failures }, 'collection failed');
      if (failures >= deps.pauseAfterFailures) {
        await pauseSource(
          deps.db,
          source.id,
          `paused after ${failures} failed polls in a row; last: ${reason}`,
        );
        await unscheduleSource(deps.collectQueue, source.id);
        log.warn({ failures }, 'source paused');
        throw new UnrecoverableError(reason);
      }
      // Bad input will fail the same way on retry; the next scheduled poll tries again anyway.
      if (error instanceof BadInputError) throw new UnrecoverableError(reason);
      throw error;
    }
  };
}
