/** Queue `analyse-posts`: detect language and classify a batch of stored posts. Carries ids only, never text. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { JobType, Queue } from 'bullmq';
import { defineQueue, retryFailedJobs } from './define-queue.ts';

/** Large enough to amortise a round trip, small enough that a retry repeats little work. */
export const ANALYSE_BATCH_SIZE = 200;

export const analysePostsQueue = defineQueue({
  name: 'analyse-posts',
  schema: z.object({
    postIds: z.array(z.number().int().positive()).min(1).max(ANALYSE_BATCH_SIZE),
  }),
});
export type AnalysePostsPayload = z.infer<typeof analysePostsQueue.schema>;

/**
 * Enqueues the ids in batches; the job id is derived from the ids so a repeated enqueue of a pending batch is
 * deduplicated. A `reason` (e.g. `ocr`: new image text to read with the post) gives the job another id, so it
 * is not mistaken for the post's first analysis.
 */
export async function enqueueAnalysis(
  queue: Queue<AnalysePostsPayload>,
  postIds: readonly number[],
  reason?: string,
): Promise<number> {
  const jobs = [];
  for (let start = 0; start < postIds.length; start += ANALYSE_BATCH_SIZE) {
    const batch = postIds.slice(start, start + ANALYSE_BATCH_SIZE);
    const hash = createHash('sha1').update(batch.join(',')).digest('hex');
    const jobId = reason ? `analyse-${reason}-${hash}` : `analyse-${hash}`;
    jobs.push({ name: 'analyse', data: { postIds: batch }, opts: { jobId } });
  }
  if (jobs.length === 0) return 0;
  // Callers enqueue only posts that still lack an analysis, so a completed job with the same id is about posts
  // of an earlier database (ids restart when it is recreated) and would swallow this one for the hour BullMQ
  // keeps completed jobs: remove it first. A failed job with the same id (the sweep finding posts whose job
  // failed for good) is retried instead.
  const states = await Promise.all(jobs.map((job) => queue.getJobState(job.opts.jobId)));
  await Promise.all(
    jobs.filter((_, i) => states[i] === 'completed').map((job) => queue.remove(job.opts.jobId)),
  );
  await retryFailedJobs(
    queue,
    jobs.filter((_, i) => states[i] === 'failed').map((job) => job.opts.jobId),
  );
  await queue.addBulk(jobs);
  return jobs.length;
}

/** Job states whose posts will still be analysed, in the order a job moves through them (see queuedPostIds). */
const PENDING_STATES: readonly JobType[] = [
  'delayed',
  'prioritized',
  'waiting-children',
  'waiting',
  'active',
];

/**
 * Ids of the posts in analysis jobs that will still run (delayed, waiting or active), reading `pageSize` jobs per
 * round trip, so the sweep leaves them alone. States are read in the order jobs move through them and lists from
 * their newest end, so a job that moves or arrives during the read is seen at least once; a rare miss (an active
 * job retried or finished while the active list is read) costs one duplicate job, which analysis tolerates.
 */
export async function queuedPostIds(
  queue: Queue<AnalysePostsPayload>,
  pageSize = 1_000,
): Promise<Set<number>> {
  const ids = new Set<number>();
  for (const state of PENDING_STATES) {
    for (let start = 0; ; start += pageSize) {
      const jobs = await queue.getJobs([state], start, start + pageSize - 1, false);
      for (const job of jobs) {
        // A job removed between the range read and the fetch comes back empty; a malformed payload holds no ids.
        const parsed = analysePostsQueue.schema.safeParse(job?.data);
        if (parsed.success) for (const id of parsed.data.postIds) ids.add(id);
      }
      if (jobs.length < pageSize) break;
    }
  }
  return ids;
}
