/** Queue `analyse-posts`: detect language and classify a batch of stored posts. Carries ids only, never text. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Queue } from 'bullmq';
import { defineQueue } from './define-queue.ts';

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
  // keeps completed jobs: remove it first. Failed jobs stay: they are dead letters for an operator.
  const states = await Promise.all(jobs.map((job) => queue.getJobState(job.opts.jobId)));
  await Promise.all(
    jobs.filter((_, i) => states[i] === 'completed').map((job) => queue.remove(job.opts.jobId)),
  );
  await queue.addBulk(jobs);
  return jobs.length;
}
