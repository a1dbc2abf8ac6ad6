/** Queue `read-media-text`: fetch one image of a stored post and read its text (OCR). Carries ids and the URL only. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Queue } from 'bullmq';
import { defineQueue, STANDARD_JOB_OPTIONS } from './define-queue.ts';

export const readMediaTextQueue = defineQueue({
  name: 'read-media-text',
  schema: z.object({
    postId: z.number().int().positive(),
    url: z.url({ protocol: /^https?$/ }).max(2_048),
  }),
  defaultJobOptions: { ...STANDARD_JOB_OPTIONS, attempts: 3 },
});
export type ReadMediaTextPayload = z.infer<typeof readMediaTextQueue.schema>;

/** One job per post and image; the id makes a repeated enqueue of the same image a no-op. */
export async function enqueueMediaText(
  queue: Queue<ReadMediaTextPayload>,
  images: readonly { postId: number; url: string }[],
): Promise<number> {
  const jobs = images.map((image) => ({
    name: 'ocr',
    data: { postId: image.postId, url: image.url },
    opts: { jobId: `ocr-${image.postId}-${createHash('sha1').update(image.url).digest('hex')}` },
  }));
  if (jobs.length > 0) await queue.addBulk(jobs);
  return jobs.length;
}
